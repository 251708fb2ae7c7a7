#!/usr/bin/env bash
# test_mpu_conformance_qemu.sh BUILD_DIR [--log DIR] - the MPU conformance
# firmware (test/diff/mpu_conformance) on qemu-system-arm -M mps2-an386:
# every probe (region and subregion boundaries, all AP values, XN,
# overlaps, PRIVDEFENA, HFNMIENA, escalation, exception stacking) must give
# the result the ARMv7-M ARM rules say (no MISMATCH line), over at least 300
# probes. This validates the firmware and its expectations; the ctock-sim
# comparison is test_mpu_conformance.sh. --log DIR keeps the log.
# A missing qemu-system-arm is a failure: set-up installs it.
set -uo pipefail
build=${1:?usage: test_mpu_conformance_qemu.sh BUILD_DIR [--log DIR]}
logdir=
[ "${2:-}" = --log ] && logdir=${3:?--log needs a directory}
. "$(dirname "$0")/mpu_conformance/run.sh"
mpuconf_require "$build"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mpuconf_qemu "$build" "$tmp/qemu.txt"
[ -n "$logdir" ] && { mkdir -p "$logdir"; cp "$tmp/qemu.txt" "$logdir/qemu.txt"; }
if summary=$(mpuconf_check "$tmp/qemu.txt"); then
    echo "PASS: mpu_conformance on QEMU: $summary"
    exit 0
fi
echo "FAIL: mpu_conformance on QEMU: $summary"
cat "$tmp/qemu.txt.stderr"
exit 1
