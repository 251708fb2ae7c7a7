#!/usr/bin/env bash
# test_qemu_ipc.sh BUILD_DIR - IPC on QEMU's mps2-an386 (its real MPU model
# as an independent emulator sees it): ipc_service + ipc_client + blink on
# the an386 kernel; the service reads and writes the client's buffer
# through the MPU region the kernel added to it, nothing faults, and the
# client's and service's lines are the same as on ctock-sim.
set -uo pipefail
build=${1:?usage: test_qemu_ipc.sh BUILD_DIR}
apps=$build/fw/apps
source "$(dirname "$0")/qemu_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Stop QEMU once the client has its reply (its last IPC line).
reply="ipc_client: reply from 0 (len 0): HELLO FROM IPC_CLIENT [ok]"
qemu_run "$build" "$tmp/qemu.txt" "${QEMU_SECONDS:-30}" '^ipc_client: reply from 0 \(len 0\): .* \[ok\]$' \
    "$apps/ipc_service.tbf" "$apps/ipc_client.tbf" "$apps/blink.tbf" || exit 1
"$build/ctock-sim" --headless --quiet --until 1s "$build/fw/kernel-sim.elf" \
    "$apps/ipc_service.tbf" "$apps/ipc_client.tbf" "$apps/blink.tbf" >"$tmp/sim.txt" 2>/dev/null
fail=0
grep -q faulted "$tmp/qemu.txt" && { echo "FAIL: a process faulted on QEMU"; cat "$tmp/qemu.txt"; fail=1; }
grep -qxF "$reply" "$tmp/qemu.txt" ||
    { echo "FAIL: no reply on QEMU"; cat "$tmp/qemu.txt" "$tmp/qemu.txt.err"; fail=1; }
# The same lines on both; their order between the two processes, and how
# often the client's 20 ms re-notify was needed, follow QEMU's wall clock.
grep -E '^ipc_(client|service): ' "$tmp/qemu.txt" | sort -u >"$tmp/q"
grep -E '^ipc_(client|service): ' "$tmp/sim.txt" | sort -u >"$tmp/s"
cmp -s "$tmp/q" "$tmp/s" || { echo "FAIL: IPC lines differ on QEMU (<) and ctock-sim (>)"; diff "$tmp/q" "$tmp/s"; fail=1; }
[ "$fail" -eq 0 ] && echo "PASS: IPC on QEMU: $(wc -l <"$tmp/q") lines, the same as on ctock-sim"
exit "$fail"
