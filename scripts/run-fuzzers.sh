#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target of a fuzz build for a while on its seed corpus.
#   scripts/run-fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]
# The committed corpus (fuzz/corpus/<target>/) is only read: new inputs go to a scratch copy
# in BUILD_DIR/fuzz/work/<target>. A crash leaves its input in BUILD_DIR/fuzz/artifacts/ and
# makes the script exit non-zero after the other targets ran.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: run-fuzzers.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:-30}
shift 2 || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < "$build/fuzz/targets.txt"
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
failed=()
for t in "${targets[@]}"; do
    bin="$build/fuzz/fuzz_$t"
    corpus="fuzz/corpus/$t"
    work="$build/fuzz/work/$t"
    artifacts="$build/fuzz/artifacts/$t"
    mkdir -p "$work" "$artifacts"
    echo "== fuzz_$t: ${seconds} s on $corpus"
    if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$corpus" \
        > "$build/fuzz/$t.log" 2>&1; then
        echo "!! fuzz_$t found a problem; input and log:"
        ls "$artifacts"
        grep -E "ERROR|SUMMARY|runtime error" "$build/fuzz/$t.log" | head -20
        failed+=("$t")
    else
        grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz/$t.log" | tr '\n' ' '
        echo
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]} (see $build/fuzz/<target>.log)"
    exit 1
fi
echo "fuzzing: no problem found"
