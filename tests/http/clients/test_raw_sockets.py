#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTTP API of a real `smollama --headless`, byte by byte over plain sockets: HEAD, HTTP/1.0,
Host, pipelining, the last chunk at shutdown, and the event stream resumed with Last-Event-ID
after the server was stopped (SIGSTOP) and continued, and after a restart."""

import json
import socket
import sys
import time

from smollama_process import (
    Smollama,
    arguments,
    id_number,
    id_run,
    parse_sse,
    run,
    wait_until,
)


class Raw:
    """One TCP connection; reads exactly what the server sent."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buffer = b""
        self.closed = False

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, timeout=10):
        self.sock.settimeout(timeout)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            return False
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.buffer += chunk
        return True

    def wait_closed(self, timeout=10):
        deadline = time.monotonic() + timeout
        while not self.closed and time.monotonic() < deadline:
            self._fill(max(0.01, deadline - time.monotonic()))
        return self.closed

    def wait_for(self, needle, timeout=10):
        deadline = time.monotonic() + timeout
        while needle not in self.buffer:
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} did not arrive; got {self.buffer[-300:]!r}")
            self._fill(max(0.01, deadline - time.monotonic()))

    def response(self, head=False, timeout=10):
        """One whole response: (status, headers dict with lower-case names, body)."""
        self.wait_for(b"\r\n\r\n", timeout)
        end = self.buffer.index(b"\r\n\r\n")
        lines = self.buffer[:end].decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        rest = self.buffer[end + 4 :]
        if head or status in (204, 304):
            self.buffer = rest
            return status, headers, b""
        if "content-length" in headers:
            n = int(headers["content-length"])
            while len(rest) < n:
                if not self._fill(timeout):
                    raise AssertionError("the body did not arrive")
                rest = self.buffer[end + 4 :]
            self.buffer = rest[n:]
            return status, headers, rest[:n]
        if headers.get("transfer-encoding") == "chunked":
            body, used = dechunk(rest, complete=True)
            while used is None:
                if not self._fill(timeout):
                    raise AssertionError("the chunked body did not end")
                rest = self.buffer[end + 4 :]
                body, used = dechunk(rest, complete=True)
            self.buffer = rest[used:]
            return status, headers, body
        self.wait_closed(timeout)
        body = self.buffer[end + 4 :]
        self.buffer = b""
        return status, headers, body

    def close(self):
        self.sock.close()


def dechunk(data, complete=False):
    """The body of a chunked stream so far, and how many bytes the whole body took (None until
    the last chunk has arrived)."""
    body = b""
    pos = 0
    while True:
        nl = data.find(b"\r\n", pos)
        if nl < 0:
            return body, None
        size = int(data[pos:nl].split(b";")[0], 16)
        if size == 0:
            if len(data) >= nl + 4:
                return body, nl + 4
            return body, None
        if len(data) < nl + 2 + size + 2:
            return body, None
        body += data[nl + 2 : nl + 2 + size]
        pos = nl + 2 + size + 2


def stream_events(raw):
    """The events a raw event-stream connection has received so far (HTTP/1.1, chunked)."""
    end = raw.buffer.find(b"\r\n\r\n")
    body, _ = dechunk(raw.buffer[end + 4 :])
    return parse_sse(body.decode("utf-8"))


def named(events):
    return [e for e in events if e["event"]]


def get(path, extra=""):
    return f"GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}\r\n".encode()


# --- the tests ----------------------------------------------------------------------------------


def test_head_on_every_get_resource(node):
    c = Raw(node.port)
    for path in ["/api/health", "/api/readings", "/api/readings/probe:temp/history",
                 "/api/plugins", "/api/tools", "/api/events"]:
        c.send(f"HEAD {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        status, headers, _ = c.response(head=True)
        assert status == 200, (path, status)
        assert "content-type" in headers, (path, headers)
        assert "date" in headers, (path, headers)
        # Nothing follows the head: the next answer on this connection starts with its status
        # line (a stray body would be read as the next answer and fail to parse).
    c.send(get("/api/plugins"))
    status, _, body = c.response()
    assert status == 200 and isinstance(json.loads(body), list)
    assert c.buffer == b"", c.buffer[:100]
    c.close()


def test_head_errors_have_no_body(node):
    c = Raw(node.port)
    for path, expected in [("/api/nope", 404), ("/api/tools/read_source", 405),
                           ("/api/agent/ask", 405)]:
        c.send(f"HEAD {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        status, headers, _ = c.response(head=True)
        assert status == expected, (path, status)
        if expected == 405:
            assert headers.get("allow") == "POST", headers
    c.send(get("/api/health"))
    status, _, body = c.response()
    assert status == 200 and "uptime_s" in json.loads(body), body[:200]
    c.close()


def test_http10_closes_after_the_answer(node):
    c = Raw(node.port)
    c.send(b"GET /api/health HTTP/1.0\r\n\r\n")
    status, headers, body = c.response()
    assert status == 200 and headers.get("connection") == "close", headers
    assert c.wait_closed(5), "an HTTP/1.0 connection without keep-alive stayed open"
    # keep-alive when asked
    k = Raw(node.port)
    k.send(b"GET /api/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    status, headers, _ = k.response()
    assert headers.get("connection") == "keep-alive", headers
    k.send(b"GET /api/readings HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    status, headers, body = k.response()
    assert status == 200 and len(json.loads(body)) >= 2
    k.close()


def test_http10_event_stream_is_close_delimited(node):
    c = Raw(node.port)
    c.send(b"GET /api/events HTTP/1.0\r\n\r\n")
    c.wait_for(b"event: reading")
    head = c.buffer[: c.buffer.index(b"\r\n\r\n")].decode().lower()
    assert "transfer-encoding" not in head and "content-length" not in head, head
    body = c.buffer[c.buffer.index(b"\r\n\r\n") + 4 :]
    assert body.startswith(b"retry:"), body[:80]
    events = named(parse_sse(body.decode()))
    assert events and events[0]["event"] == "reading", events[:2]
    c.close()


def test_host_rules(node):
    for request, expected in [
        (b"GET /api/health HTTP/1.1\r\n\r\n", 400),
        (b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n\r\n", 400),
        # decided before the token: a duplicate with a foreign name is still a 400, not a 401
        (b"GET /api/readings HTTP/1.1\r\nHost: evil.example\r\nHost: localhost\r\n\r\n", 400),
        (b"GET /api/health HTTP/1.0\r\n\r\n", 200),
    ]:
        c = Raw(node.port)
        c.send(request)
        status, _, body = c.response()
        assert status == expected, (request, status, body[:200])
        c.close()


def test_pipelining(node):
    c = Raw(node.port)
    c.send(get("/api/health") + get("/api/readings") + get("/api/plugins"))
    statuses = [c.response()[0] for _ in range(3)]
    assert statuses == [200, 200, 200], statuses
    # A POST whose tool answers later, with a GET right behind it in the same write.
    body = b'{"source": "probe:temp"}'
    c.send(
        b"POST /api/tools/read_source HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + node.token().encode()
        + b"\r\nContent-Type: application/json\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
        + get("/api/health")
    )
    status, _, answer = c.response()
    assert status == 200 and json.loads(answer)["tool"] == "read_source", answer[:200]
    status, _, answer = c.response()
    assert status == 200 and "uptime_s" in json.loads(answer), answer[:200]
    c.close()


def test_last_chunk_at_shutdown_and_resume_after_restart(node):
    events = Raw(node.port)
    events.send(get("/api/events"))
    wait_until(lambda: events._fill(1) and len(named(stream_events(events))) >= 3, 10,
               "three events")
    last = named(stream_events(events))[-1]["id"]
    node.stop()  # SIGTERM
    assert events.wait_closed(10)
    assert events.buffer.endswith(b"\r\n0\r\n\r\n"), events.buffer[-60:]
    node.start()
    again = Raw(node.port)
    again.send(get("/api/events", f"Last-Event-ID: {last}\r\n"))
    wait_until(lambda: again._fill(1) and len(named(stream_events(again))) >= 3, 10,
               "the gap event and live events")
    got = named(stream_events(again))
    assert got[0]["event"] == "gap", got[:2]
    gap = json.loads(got[0]["data"])
    assert gap["reason"] == "restarted" and gap["last_event_id"] == last, gap
    assert id_run(got[1]["id"]) != id_run(last), (got[1]["id"], last)
    assert got[1]["event"] == "reading"
    again.close()


def test_resume_after_sigstop(node):
    first = Raw(node.port)
    first.send(get("/api/events"))
    wait_until(lambda: first._fill(1) and len(named(stream_events(first))) >= 3, 10, "events")
    seen = named(stream_events(first))
    last = seen[-1]["id"]
    node.pause()  # SIGSTOP: nothing is answered, nothing is sent
    first.close()  # the client gives up on the silent server
    node.resume()  # SIGCONT: events go on
    # Let some events pass while nobody listens: an observer stream sees them.
    watcher = Raw(node.port)
    watcher.send(get("/api/events"))
    wait_until(lambda: watcher._fill(1) and len(named(stream_events(watcher))) >= 5, 10,
               "events after SIGCONT")
    watcher.close()
    second = Raw(node.port)
    second.send(get("/api/events", f"Last-Event-ID: {last}\r\n"))
    wait_until(lambda: second._fill(1) and len(named(stream_events(second))) >= 8, 10,
               "replayed events")
    got = named(stream_events(second))
    assert all(e["event"] != "gap" for e in got), got[:3]
    numbers = [id_number(e["id"]) for e in got]
    assert numbers[0] == id_number(last) + 1, (numbers[:3], last)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers
    # every reading once: no (source, timestamp) twice across what the client saw
    keys = [
        (json.loads(e["data"])["source"], json.loads(e["data"])["timestamp"])
        for e in seen + got
        if e["event"] == "reading"
    ]
    assert len(keys) == len(set(keys)), "a reading was delivered twice"
    second.close()


def main():
    args = arguments()
    node = Smollama(args.smollama, args.fixtures).start()
    try:
        return run(
            [
                test_head_on_every_get_resource,
                test_head_errors_have_no_body,
                test_http10_closes_after_the_answer,
                test_http10_event_stream_is_close_delimited,
                test_host_rules,
                test_pipelining,
                test_resume_after_sigstop,
                test_last_chunk_at_shutdown_and_resume_after_restart,
            ],
            node,
        )
    finally:
        node.close()


if __name__ == "__main__":
    sys.exit(main())
