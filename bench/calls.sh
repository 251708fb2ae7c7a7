#!/usr/bin/env bash
# bench/calls.sh - cycles of a capsule-to-capsule call against a process
# context switch (system call round trip), on ctock-sim's cycle model, next
# to the seed's figures (25 vs 340 cycles, Rust Tock on a real Cortex-M4).
#
# apps/bench_calls runs alone on ctock-sim's kernel-sim-test.elf:
#  - userspace: alarm reads (the counter runs at the CPU clock) around N
#    `command` syscalls (alarm 0 "exists", first in the driver table; the
#    call bench driver's 0, last in it) and N yield-no-wait calls, minus an
#    empty loop of N, per iteration: one full round trip (svc, exception
#    entry, kernel dispatch, return to the process).
#  - kernel: the call bench driver (kernel/boards/common/call_bench.h)
#    times N calls from one capsule to another through a HIL ops table
#    (a trivial ping HIL, and the LED HIL's set), minus an empty loop, with
#    the CPU-clock counter (timer 0 via the alarm HIL's now()), interrupts
#    masked.
# It runs twice and checks the two outputs are identical (deterministic).
# Usage: bench/calls.sh [BUILD_DIR]   (builds first when BUILD_DIR is omitted)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then b=$(cd "$1" && pwd); else bash "$root/scripts/build.sh" >/dev/null; b="$root/build"; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {
    "$b/ctock-sim" --headless --quiet --until 2s --expect "bench_calls: done" \
        "$b/fw/kernel-sim-test.elf" "$b/fw/apps/bench_calls.tbf" >"$tmp/raw" 2>/dev/null || {
        echo "bench_calls did not finish on the test kernel:" >&2
        cat "$tmp/raw" >&2
        exit 1
    }
    grep -a '^bench_calls: ' "$tmp/raw" >"$1"
}
run "$tmp/out1"
run "$tmp/out2"

fig() { grep -a -m1 "$1" "$tmp/out1" | sed -E 's/.* ([0-9]+\.[0-9]) cycles.*/\1/'; }
sys=$(fig 'command alarm 0 round trip')
sysb=$(fig 'command bench 0 round trip')
yld=$(fig 'yield no-wait round trip')
cap=$(fig 'capsule HIL call')
led=$(fig 'capsule LED HIL set')

echo "== ctock-sim (kernel-sim-test.elf + bench_calls; 1 instruction = 1 cycle)"
sed 's/^bench_calls: /   /' "$tmp/out1" | grep -v '^   done$'
echo "== summary (cycles)"
printf '   %-44s %8s\n' "syscall round trip (command, alarm 0)" "$sys"
printf '   %-44s %8s\n' "syscall round trip (command, last driver)" "$sysb"
printf '   %-44s %8s\n' "syscall round trip (yield no-wait)" "$yld"
printf '   %-44s %8s\n' "capsule-to-capsule call (HIL ping)" "$cap"
printf '   %-44s %8s\n' "capsule-to-capsule call (LED HIL set)" "$led"
printf '   %-44s %8s\n' "ratio syscall (command) / capsule call" \
    "$(awk -v a="$sys" -v c="$cap" 'BEGIN { printf "%.1f", a / c }')"
printf '   %-44s %8s\n' "ratio syscall (yield) / capsule call" \
    "$(awk -v a="$yld" -v c="$cap" 'BEGIN { printf "%.1f", a / c }')"
echo "== the seed's figures (Rust Tock, a real Cortex-M4): capsule call 25, context switch 340,"
echo "   ratio 13.6. ctock-sim counts 1 cycle per executed instruction (no pipeline refill on"
echo "   branches, no bus wait states, no exception stacking cost beyond its instructions), so"
echo "   its counts are instruction counts: lower than real cycles, most of all for the"
echo "   exception entry/return a syscall takes (12+ cycles each on hardware, 0 here)."
if cmp -s "$tmp/out1" "$tmp/out2"; then
    echo "== deterministic: a second run printed identical figures"
else
    echo "== NOT deterministic: the second run differs:" >&2
    diff "$tmp/out1" "$tmp/out2" >&2 || true
    exit 1
fi
