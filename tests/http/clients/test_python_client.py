#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTTP API of a real `smollama --headless` through Python's http.client, a client this
project did not write: GET, HEAD (also of errors) and POST on one kept-alive connection, the
Host rule, and the event stream read and resumed with Last-Event-ID."""

import http.client
import json
import sys

from smollama_process import Smollama, arguments, id_number, parse_sse, run, wait_until


def connection(node):
    return http.client.HTTPConnection("127.0.0.1", node.port, timeout=10)


def test_one_connection_for_everything(node):
    c = connection(node)
    sockets = set()

    def ask(method, path, body=None, headers=None):
        c.request(method, path, body=body, headers=headers or {})
        sockets.add(id(c.sock))
        r = c.getresponse()
        data = r.read()  # http.client knows a HEAD answer has no body
        return r, data

    r, body = ask("GET", "/api/health")
    assert r.status == 200 and "uptime_s" in json.loads(body)
    for path in ["/api/readings", "/api/readings/probe:temp/history?minutes=5", "/api/plugins",
                 "/api/tools", "/api/health", "/api/events"]:
        r, body = ask("HEAD", path)
        assert r.status == 200, (path, r.status)
        assert body == b"", (path, body[:80])
        assert r.getheader("Content-Type"), path
    r, body = ask("GET", "/api/tools")
    tools = json.loads(body)
    r, _ = ask("HEAD", "/api/tools")
    assert int(r.getheader("Content-Length")) == len(body), "HEAD and GET differ in length"
    assert any(t["name"] == "read_source" for t in tools)
    r, body = ask("HEAD", "/api/nope")
    assert r.status == 404 and body == b""
    r, body = ask("HEAD", "/api/tools/read_source")
    assert r.status == 405 and r.getheader("Allow") == "POST" and body == b""
    r, body = ask(
        "POST",
        "/api/tools/read_source",
        body=json.dumps({"source": "probe:temp"}),
        headers={"Authorization": "Bearer " + node.token(), "Content-Type": "application/json"},
    )
    assert r.status == 200, body
    assert json.loads(body)["tool"] == "read_source"
    r, body = ask("POST", "/api/tools/read_source", body="{}",
                  headers={"Content-Type": "application/json"})
    assert r.status == 401 and r.getheader("WWW-Authenticate") == "Bearer"
    assert "~/.smollama/api-token" in json.loads(body)["error"]
    assert node.home not in body.decode(), "the 401 shows the home folder"
    r, body = ask("GET", "/api/readings")
    assert r.status == 200 and len(json.loads(body)) >= 2
    assert len(sockets) == 1, "the connection was not kept alive"
    c.close()


def test_host_is_required(node):
    c = connection(node)
    c.putrequest("GET", "/api/health", skip_host=True)
    c.endheaders()
    r = c.getresponse()
    body = r.read()
    assert r.status == 400, r.status
    assert "Host" in json.loads(body)["error"], body
    c.close()


def read_events(response, count):
    """Reads from a streamed response until `count` named events have arrived."""
    text = ""
    while len([e for e in parse_sse(text) if e["event"]]) < count:
        line = response.readline()  # http.client takes the chunks apart
        if not line:
            raise AssertionError("the stream ended")
        text += line.decode("utf-8")
    return [e for e in parse_sse(text) if e["event"]]


def test_event_stream_resumes(node):
    c = connection(node)
    c.request("GET", "/api/events", headers={"Accept": "text/event-stream"})
    r = c.getresponse()
    assert r.status == 200 and r.getheader("Content-Type") == "text/event-stream"
    assert r.getheader("Transfer-Encoding") == "chunked"
    first = read_events(r, 4)
    numbers = [id_number(e["id"]) for e in first]
    assert numbers == list(range(numbers[0], numbers[0] + 4)), numbers
    c.close()

    # Events pass while this client is away; another one sees them go by.
    w = connection(node)
    w.request("GET", "/api/events")
    read_events(w.getresponse(), 6)
    w.close()

    again = connection(node)
    again.request("GET", "/api/events", headers={"Last-Event-ID": first[-1]["id"]})
    r = again.getresponse()
    replayed = read_events(r, 6)
    numbers = [id_number(e["id"]) for e in replayed]
    assert numbers[0] == id_number(first[-1]["id"]) + 1, (numbers, first[-1]["id"])
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers
    assert all(e["event"] == "reading" for e in replayed), replayed[:2]
    again.close()


def main():
    args = arguments()
    node = Smollama(args.smollama, args.fixtures).start()
    try:
        return run([test_one_connection_for_everything, test_host_is_required,
                    test_event_stream_resumes], node)
    finally:
        node.close()


if __name__ == "__main__":
    sys.exit(main())
