#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads snapshots the way the Python smollama's master does and prints what it understood.

Input (stdin): lines "topic payload" as `mosquitto_sub -v` prints them.
Output (stdout): one JSON object per reading: node, source, value, unit, ts (epoch seconds).
The rules are the Python master's: the node is the topic level after the base topic, the
payload is JSON with "readings" entries of source, value, unit (null allowed) and ts, an
ISO 8601 time with an offset that datetime.fromisoformat() must read (Python before 3.11 does
not read a trailing "Z"). Exits 1 with a message on anything it could not read.
"""
import json
import sys
from datetime import datetime


def main():
    count = 0
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        topic, _, payload = line.partition(" ")
        parts = topic.split("/")
        if len(parts) != 3 or parts[2] != "readings":
            print(f"not a readings topic: {topic}", file=sys.stderr)
            return 1
        node = parts[1]
        data = json.loads(payload)
        if data.get("node") != node:
            print(f"node {data.get('node')!r} differs from the topic's {node!r}", file=sys.stderr)
            return 1
        if not isinstance(data.get("timestamp"), (int, float)):
            print("timestamp is not epoch seconds", file=sys.stderr)
            return 1
        for r in data["readings"]:
            ts = r["ts"]
            if ts.endswith("Z"):
                print(f"ts {ts} ends with Z (Python < 3.11 cannot read it)", file=sys.stderr)
                return 1
            when = datetime.fromisoformat(ts)
            if when.utcoffset() is None:
                print(f"ts {ts} has no offset", file=sys.stderr)
                return 1
            unit = r.get("unit")
            if unit is not None and not isinstance(unit, str):
                print(f"unit {unit!r} is neither text nor null", file=sys.stderr)
                return 1
            value = r["value"]
            if not isinstance(value, (int, float, str, bool)):
                print(f"value {value!r} of {r['source']} is not a number, text or bool",
                      file=sys.stderr)
                return 1
            print(json.dumps({"node": node, "source": r["source"], "value": value,
                              "unit": unit, "ts": when.timestamp()}))
            count += 1
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main())
