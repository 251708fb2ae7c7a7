#!/usr/bin/env bash
# test_qemu_capsule_test.sh BUILD_DIR - apps/capsule_test (every driver's
# command surface: exists, commands, EINVAL for bad indices, ENOSUPPORT
# for unknown commands and numbers, ENODEVICE for drivers the board lacks)
# on QEMU's mps2-an386 with the an386 kernel: it must print PASS there as
# on ctock-sim's sim board. an386 has no TRNG, GPIO or buttons, so those
# drivers take their ENODEVICE path here.
set -uo pipefail
build=${1:?usage: test_qemu_capsule_test.sh BUILD_DIR}
apps=$build/fw/apps
secs=${QEMU_SECONDS:-30}
command -v qemu-system-arm >/dev/null || { echo "FAIL: qemu-system-arm is not installed (scripts/setup.sh installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tbfpack" -o "$tmp/apps.bin" "$apps/capsule_test.tbf" >/dev/null ||
    { echo "FAIL: could not pack the app image"; exit 1; }
# QEMU runs on wall-clock time: stop it at the verdict, or after $secs s.
qemu-system-arm -M mps2-an386 -display none -monitor none \
    -serial stdio -kernel "$build/fw/kernel-an386.elf" \
    -device loader,file="$tmp/apps.bin",addr=0x40000 </dev/null >"$tmp/raw" 2>"$tmp/err" &
qpid=$!
for _ in $(seq $((secs * 10))); do
    tr -d '\r' <"$tmp/raw" | grep -qE '^capsule_test: (PASS|FAIL) \(' && break
    kill -0 "$qpid" 2>/dev/null || break
    sleep 0.1
done
sleep 0.2
kill "$qpid" 2>/dev/null; wait "$qpid" 2>/dev/null
tr -d '\r' <"$tmp/raw" >"$tmp/qemu.txt"
if grep -qE '^capsule_test: PASS \([0-9]+ checks\)$' "$tmp/qemu.txt" && ! grep -q faulted "$tmp/qemu.txt"; then
    echo "PASS: on QEMU: $(grep -m1 '^capsule_test: PASS' "$tmp/qemu.txt")"
    exit 0
fi
echo "FAIL: capsule_test did not pass on QEMU"
cat "$tmp/qemu.txt" "$tmp/err"
exit 1
