#!/usr/bin/env bash
# test_qemu_capsule_test.sh BUILD_DIR - apps/capsule_test (every driver's
# command surface: exists, commands, EINVAL for bad indices, ENOSUPPORT
# for unknown commands and numbers, ENODEVICE for drivers the board lacks)
# on QEMU's mps2-an386 with the an386 kernel: it must print PASS there as
# on ctock-sim's sim board. an386 has no TRNG, GPIO, buttons or radio, so
# those drivers take their ENODEVICE path here.
set -uo pipefail
build=${1:?usage: test_qemu_capsule_test.sh BUILD_DIR}
source "$(dirname "$0")/qemu_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qemu_run "$build" "$tmp/qemu.txt" "${QEMU_SECONDS:-30}" '^capsule_test: (PASS|FAIL) \(' \
    "$build/fw/apps/capsule_test.tbf" || exit 1
if grep -qE '^capsule_test: PASS \([0-9]+ checks\)$' "$tmp/qemu.txt" && ! grep -q faulted "$tmp/qemu.txt"; then
    echo "PASS: on QEMU: $(grep -m1 '^capsule_test: PASS' "$tmp/qemu.txt")"
    exit 0
fi
echo "FAIL: capsule_test did not pass on QEMU"
cat "$tmp/qemu.txt" "$tmp/qemu.txt.err"
exit 1
