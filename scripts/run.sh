#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts smollama from the build tree: a window when a display is present, headless otherwise.
set -euo pipefail
build_dir=${1:-build}
config=${2:-config.example.yaml}
bin="$build_dir/bin/smollama"
if [ ! -x "$bin" ]; then
    echo "run: $bin is not built; run 'make build' first" >&2
    exit 1
fi
args=(-c "$config")
# The same rule smollama follows itself (docs/dashboard.md); QT_QPA_PLATFORM=eglfs counts too.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run: no display found: starting headless (Ctrl+C stops it)" >&2
    args+=(--headless)
fi
exec "$bin" "${args[@]}"
