# SPDX-License-Identifier: GPL-3.0-or-later
"""A real `smollama --headless` for the independent-client tests of the HTTP API.

It runs with its own HOME (so its token and instance file are the test's), the fixture sensor
"probe" (two sources read every 0.2 s, so the event stream always has something to say) and
the HTTP API on a free loopback port found at run time. The same port is kept across
restart(), as a real service keeps its configured port.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77  # CTest's SKIP_RETURN_CODE for these tests


def require_tool(name):
    """The path of the program `name`; when it is missing the test fails under CI=true (the
    tool belongs to scripts/install-deps.sh) and is skipped elsewhere."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (scripts/install-deps.sh installs it)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP: {message}", file=sys.stderr)
    sys.exit(SKIP)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, what):
    """Polls `predicate` until it is true; fails the test with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Smollama:
    def __init__(self, binary, fixtures, http_extra=""):
        self.binary = binary
        self.fixtures = fixtures
        self.home = tempfile.mkdtemp(prefix="smollama-clients-")
        self.port = free_port()
        self.process = None
        os.makedirs(os.path.join(self.home, ".smollama"), exist_ok=True)
        self.config = os.path.join(self.home, "config.yaml")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(
                "node: {name: clients}\n"
                "history: {persist: false}\n"
                'ollama: {url: "http://127.0.0.1:9"}\n'
                "agent: {ollama_retry_attempts: 0}\n"
                f"http: {{port: {self.port}, heartbeat_seconds: 1{http_extra}}}\n"
                "plugins:\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good, config: {value: 12.5, step: 0.5,\n"
                "       interval_s: 0.2, sources: [temp, humidity]}}\n"
            )

    def start(self):
        env = dict(os.environ)
        env.update(
            {
                "HOME": self.home,
                "SMOLLAMA_BUILTIN_PLUGIN_DIR": os.path.join(self.home, "no-builtins"),
                "NO_COLOR": "1",
                "QT_QPA_PLATFORM": "offscreen",
            }
        )
        env.pop("SMOLLAMA_HTTP_PORT", None)
        env.pop("JOURNAL_STREAM", None)
        self.log = open(os.path.join(self.home, "smollama.log"), "ab")
        self.process = subprocess.Popen(
            [
                self.binary,
                "--headless",
                "-c",
                self.config,
                "--plugin-path",
                os.path.join(self.fixtures, "good"),
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until(self._answers, 20, f"smollama to answer on port {self.port}")
        return self

    def _answers(self):
        if self.process.poll() is not None:
            raise AssertionError(f"smollama exited with {self.process.returncode}:\n" + self.log_text())
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            c.request("GET", "/api/readings")
            r = c.getresponse()
            body = r.read()
            c.close()
            return r.status == 200 and len(json.loads(body)) >= 2
        except (OSError, ValueError, http.client.HTTPException):
            return False

    def token(self):
        with open(os.path.join(self.home, ".smollama", "api-token"), encoding="ascii") as f:
            return f.read().strip()

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
            self.log = None

    def restart(self):
        self.stop()
        return self.start()

    def log_text(self):
        try:
            with open(os.path.join(self.home, "smollama.log"), encoding="utf-8", errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def close(self):
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)


def arguments():
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("--smollama", required=True, help="the smollama binary")
    p.add_argument("--fixtures", required=True, help="the fixture plugin folder")
    return p.parse_args()


def run(tests, node):
    """Runs each test function with `node`; prints PASS/FAIL lines; returns the exit code."""
    failed = 0
    for test in tests:
        try:
            test(node)
            print(f"PASS: {test.__name__}")
        except Exception as e:  # a failed check or a broken connection: both are failures
            failed += 1
            print(f"FAIL: {test.__name__}: {type(e).__name__}: {e}")
            print(node.log_text(), file=sys.stderr)
        sys.stdout.flush()
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


def parse_sse(body):
    """The events of a Server-Sent Events body (already de-chunked): a list of dicts with
    id, event and data (None where the field was absent); comment-only blocks are skipped."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n")[:-1]:
        event = {"id": None, "event": None, "data": None}
        data = []
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            if value.startswith(" "):
                value = value[1:]
            if field == "id":
                event["id"] = value
            elif field == "event":
                event["event"] = value
            elif field == "data":
                data.append(value)
        if data:
            event["data"] = "\n".join(data)
        if event["id"] is not None or event["event"] is not None or data:
            events.append(event)
    return events


def id_number(event_id):
    return int(event_id.rsplit("-", 1)[1])


def id_run(event_id):
    return event_id.rsplit("-", 1)[0]
