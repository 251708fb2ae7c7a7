#!/usr/bin/env bash
# bench/run.sh - emulation speed figures, printed (not asserted: these
# machines are shared and noisy; compare ratios from one run).
#
#  1. cpu_bench (fixed work: sieve, CRC-32, insertion sort; ~700 M
#     instructions) on ctock-sim: instructions (deterministic), emulated
#     MIPS, and wall time between the app's first and last line; then the
#     same run byte-exact (the default): wall time and max RSS.
#  2. the same app on qemu-system-arm -M mps2-an386 (an386 kernel), timed
#     the same way, and the ratio of the two wall times.
#  3. the blink demo (hello + blink) for 60 virtual seconds: virtual seconds
#     per wall second.
# Usage: bench/run.sh [BUILD_DIR]   (builds first when BUILD_DIR is omitted)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then b=$(cd "$1" && pwd); else bash "$root/scripts/build.sh" >/dev/null; b="$root/build"; fi
sim="$b/ctock-sim"
apps="$b/fw/apps"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# time_between START END CMD...: microseconds of wall time between the
# console lines containing START and END (both printed by the app).
time_between() {
    local start=$1 end=$2 t0=0 line pid
    shift 2
    rm -f "$tmp/fifo" && mkfifo "$tmp/fifo"
    "$@" >"$tmp/fifo" 2>"$tmp/stderr" &
    pid=$!
    while IFS= read -r line; do
        case "$line" in
        *"$end"*) echo $(( ($(date +%s%N) - t0) / 1000 )); break ;;
            *"$start"*) t0=$(date +%s%N) ;;
        esac
    done <"$tmp/fifo"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

echo "== cpu_bench on ctock-sim (48 MHz sim board; --mpu-fast: see bench/README.md)"
"$sim" --headless --mpu-fast --until 600s --expect "cpu_bench: done" "$b/fw/kernel-sim.elf" \
    "$apps/cpu_bench.tbf" >"$tmp/out" 2>"$tmp/summary"
grep -E "instructions|wall time" "$tmp/summary" | sed 's/^ctock-sim: /   /'
sim_us=$(time_between "cpu_bench: 4000 rounds" "cpu_bench: primes" "$sim" --headless --quiet --mpu-fast --until 600s \
    --expect "cpu_bench: done" "$b/fw/kernel-sim.elf" "$apps/cpu_bench.tbf")
echo "   wall time between the app's first and last line: $((sim_us / 1000)) ms"

echo "== cpu_bench, byte-exact MPU (ctock-sim's default: each access to its cut page a precise step)"
/usr/bin/time -f "%e %M" -o "$tmp/time" "$sim" --headless --until 600s --expect "cpu_bench: done" \
    "$b/fw/kernel-sim.elf" "$apps/cpu_bench.tbf" >"$tmp/out" 2>"$tmp/summary"
grep -E "instructions" "$tmp/summary" | sed 's/^ctock-sim: /   /'
read -r wall rss <"$tmp/time"
echo "   wall time $wall s, max RSS $((rss / 1024)) MiB"

if command -v qemu-system-arm >/dev/null; then
    echo "== cpu_bench on qemu-system-arm -M mps2-an386 (same app image)"
    "$b/tbfpack" -o "$tmp/apps.bin" "$apps/cpu_bench.tbf"
    qemu_us=$(time_between "cpu_bench: 4000 rounds" "cpu_bench: primes" timeout 120 qemu-system-arm \
        -M mps2-an386 -display none -monitor none -serial stdio \
        -kernel "$b/fw/kernel-an386.elf" -device loader,file="$tmp/apps.bin",addr=0x40000)
    echo "   wall time between the app's first and last line: $((qemu_us / 1000)) ms"
    awk -v s="$sim_us" -v q="$qemu_us" 'BEGIN { printf "   ctock-sim / QEMU speed ratio: %.2f (above 1 = ctock-sim faster)\n", q / s }'
fi

echo "== blink demo (hello + blink), 60 virtual seconds"
"$sim" --headless --until 60s "$b/fw/kernel-sim.elf" "$apps/hello.tbf" "$apps/blink.tbf" \
    >"$tmp/out" 2>"$tmp/summary"
grep -E "wall time|instructions|asleep" "$tmp/summary" | sed 's/^ctock-sim: /   /'
