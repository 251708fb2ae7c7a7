#!/usr/bin/env bash
# test_qemu_same_output.sh BUILD_DIR - CPU and ABI cross-check against QEMU.
# cpu_bench (~700 M instructions of sieve, CRC-32 and sorting, ending in a
# checksum) and libtest (42 self-checks of libctock and the process ABI)
# run on qemu-system-arm -M mps2-an386 with the an386 kernel, and on
# ctock-sim with the sim kernel; every line each app prints must be the same
# on both. A missing qemu-system-arm is a failure: set-up installs it.
set -uo pipefail
build=${1:?usage: test_qemu_same_output.sh BUILD_DIR}
apps=$build/fw/apps
source "$(dirname "$0")/qemu_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for app in cpu_bench libtest; do
    # QEMU keeps running after the app exits: stop it once the kernel says so.
    qemu_run "$build" "$tmp/qemu.txt" 60 "^ctock: process '$app' exited" "$apps/$app.tbf" || exit 1
    # --mpu-fast: cpu_bench hammers the 1 KiB page its MPU boundary cuts
    # (~9 M accesses); byte-exact (~1 us each) would add seconds here, and
    # test_mpu_exact.sh already shows both modes print and count the same.
    "$build/ctock-sim" --headless --quiet --mpu-fast --until 30s --expect "ctock: process '$app' exited (0)" \
        "$build/fw/kernel-sim.elf" "$apps/$app.tbf" >"$tmp/sim.txt" 2>"$tmp/sim_err" \
        || { echo "FAIL: $app on ctock-sim"; cat "$tmp/sim_err"; fail=1; }
    grep -E "^$app: |^ctock: process '$app' exited" "$tmp/qemu.txt" >"$tmp/q"
    grep -E "^$app: |^ctock: process '$app' exited" "$tmp/sim.txt" >"$tmp/s"
    if ! grep -q "exited (0)" "$tmp/q"; then
        echo "FAIL: $app did not exit with 0 on QEMU"; cat "$tmp/qemu.txt" "$tmp/qemu.txt.err"; fail=1
    elif ! cmp -s "$tmp/q" "$tmp/s"; then
        echo "FAIL: $app prints differently on QEMU (<) and ctock-sim (>)"; diff "$tmp/q" "$tmp/s" | head -20; fail=1
    else
        echo "ok: $app: $(wc -l <"$tmp/q") lines identical on QEMU and ctock-sim ($(grep -m1 -E 'crc|PASS' "$tmp/q"))"
    fi
done
[ "$fail" -eq 0 ] && echo "PASS: cpu_bench and libtest print the same on QEMU and ctock-sim"
exit "$fail"
