#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Node's http module and the npm eventsource package (tests/http/clients/node, installed with
`npm ci` from the committed lockfile into --workdir) against a real `smollama --headless`:
client.mjs does the requests; this script starts smollama and restarts it when asked."""

import argparse
import filecmp
import os
import shutil
import subprocess
import sys

from smollama_process import Smollama, require_tool

HERE = os.path.dirname(os.path.abspath(__file__))


def install(npm, workdir):
    """npm ci into workdir unless it already holds this lockfile's packages."""
    os.makedirs(workdir, exist_ok=True)
    source = os.path.join(HERE, "node")
    lock = os.path.join(workdir, "package-lock.json")
    fresh = (
        os.path.exists(lock)
        and filecmp.cmp(lock, os.path.join(source, "package-lock.json"), shallow=False)
        and os.path.isdir(os.path.join(workdir, "node_modules", "eventsource"))
    )
    for name in ("package.json", "package-lock.json", "client.mjs"):
        shutil.copyfile(os.path.join(source, name), os.path.join(workdir, name))
    if not fresh:
        p = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                           cwd=workdir, capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            print(f"FAIL: npm ci in {workdir}: {p.stdout}{p.stderr}")
            sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smollama", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--workdir", required=True, help="where npm ci installs the packages")
    args = parser.parse_args()
    node_js = require_tool("node")
    npm = require_tool("npm")
    install(npm, args.workdir)

    node = Smollama(args.smollama, args.fixtures).start()
    try:
        client = subprocess.Popen(
            [node_js, os.path.join(args.workdir, "client.mjs"), str(node.port), node.token()],
            cwd=args.workdir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        failed = False
        for line in client.stdout:
            line = line.rstrip("\n")
            print(line)
            sys.stdout.flush()
            if line == "RESTART":
                node.restart()
                client.stdin.write("GO\n")
                client.stdin.flush()
            elif line.startswith("FAIL"):
                failed = True
        code = client.wait(60)
        if code != 0 or failed:
            print(node.log_text(), file=sys.stderr)
            print(f"FAIL: the Node client exited with {code}")
            return 1
        return 0
    finally:
        node.close()


if __name__ == "__main__":
    sys.exit(main())
