#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTTP API of a real `smollama --headless` through curl, a client this project did not
write: HTTP/1.0 (curl -0) for answers and the event stream, HEAD (curl -I), a request without
Host, and the event stream resumed with a Last-Event-ID header."""

import json
import subprocess
import sys

from smollama_process import Smollama, arguments, id_number, parse_sse, require_tool, run

CURL = None


def curl(*args, timeout=20):
    """Runs curl; returns (exit code, stdout, stderr)."""
    p = subprocess.run([CURL, "-sS", *args], capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def url(node, path):
    return f"http://127.0.0.1:{node.port}{path}"


def split(output):
    """(status, headers with lower-case names, body) of curl -i output."""
    head, _, body = output.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split(" ")[1]), headers, body


def test_http10_answers_and_closes(node):
    # curl -0 speaks HTTP/1.0; --max-time would end a connection left open, and curl would
    # say so (exit 28): the answer must end on its own.
    code, out, err = curl("-0", "-i", "--max-time", "10", url(node, "/api/health"))
    assert code == 0, err
    status, headers, body = split(out)
    assert status == 200 and headers.get("connection") == "close", headers
    assert "uptime_s" in json.loads(body)
    # Two URLs in one curl -0 run: the connection closes after each, curl opens another.
    code, out, err = curl("-0", "-v", "-o", "/dev/null", "-o", "/dev/null", "--max-time", "10",
                          url(node, "/api/readings"), url(node, "/api/plugins"))
    assert code == 0, err
    assert "Closing connection" in err or "closing connection" in err.lower(), err[-400:]


def test_http10_event_stream(node):
    # Close-delimited: what curl prints are the events themselves, no chunk sizes.
    code, out, err = curl("-0", "-N", "-i", "--max-time", "2", url(node, "/api/events"))
    assert code == 28, (code, err)  # stopped by --max-time: a stream does not end by itself
    status, headers, body = split(out)
    assert status == 200 and "transfer-encoding" not in headers, headers
    assert body.startswith(b"retry:"), body[:80]
    events = [e for e in parse_sse(body.decode()) if e["event"]]
    assert events and all(e["id"] for e in events), events[:2]


def test_head(node):
    for path in ["/api/health", "/api/readings", "/api/plugins", "/api/tools", "/api/events"]:
        code, out, err = curl("-I", "--max-time", "10", url(node, path))
        assert code == 0, (path, err)
        status, headers, body = split(out)
        assert status == 200 and body == b"", (path, status, body[:80])
    code, out, err = curl("-I", "--max-time", "10", url(node, "/api/tools/read_source"))
    status, headers, _ = split(out)
    assert status == 405 and headers.get("allow") == "POST", headers
    # HEAD in HTTP/1.0 too
    code, out, err = curl("-0", "-I", "--max-time", "10", url(node, "/api/readings"))
    status, headers, _ = split(out)
    assert code == 0 and status == 200 and int(headers["content-length"]) > 2, (code, headers)


def test_no_host(node):
    # -H "Host:" makes curl leave the header out.
    code, out, err = curl("-i", "-H", "Host:", "--max-time", "10", url(node, "/api/health"))
    status, _, body = split(out)
    assert status == 400 and "Host" in json.loads(body)["error"], (status, body)


def test_resume_with_last_event_id(node):
    code, out, _ = curl("-N", "--max-time", "1.5", url(node, "/api/events"))
    first = [e for e in parse_sse(out.decode()) if e["event"]]
    assert len(first) >= 2, out[:300]
    last = first[-1]["id"]
    code, out, _ = curl("-N", "--max-time", "1.5", "-H", f"Last-Event-ID: {last}",
                        url(node, "/api/events"))
    again = [e for e in parse_sse(out.decode()) if e["event"]]
    numbers = [id_number(e["id"]) for e in again]
    assert numbers and numbers[0] == id_number(last) + 1, (numbers[:3], last)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers


def main():
    global CURL
    CURL = require_tool("curl")
    args = arguments()
    node = Smollama(args.smollama, args.fixtures).start()
    try:
        return run([test_http10_answers_and_closes, test_http10_event_stream, test_head,
                    test_no_host, test_resume_with_last_event_id], node)
    finally:
        node.close()


if __name__ == "__main__":
    sys.exit(main())
