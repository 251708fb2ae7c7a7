# IPC (0x10000, capsules/ipc.c): ipc_client finds ipc_service by package
# name, shares a 64-byte buffer, notifies it; the service reads and
# uppercases the text in place through the MPU region the kernel gave it
# over the client's buffer, and notifies back; the client prints the reply.
# Both load orders, with blink running too. A missing name is ENODEVICE,
# bad ids EINVAL; nothing faults.
source "$(dirname "$0")/lib.sh"
run() {   # run OUT APPS...
    local out=$1; shift
    local args=()
    for a in "$@"; do args+=("$APPS/$a.tbf"); done
    "$SIM" --headless --quiet --until 1s "$KERNEL" "${args[@]}" >"$out" 2>"$T/err" \
        || { cat "$T/err" >&2; fail "run $* failed"; }
    grep -q "faulted" "$out" && { cat "$out" >&2; fail "a process faulted ($*)"; }
    expect_line "$out" "ipc_service: ready"
    expect_line "$out" "ipc_client: discover missing: ENODEVICE"
    expect_line "$out" "ipc_client: notify service 9: EINVAL"
    expect_line "$out" "ipc_client: notify client 9: EINVAL"
    expect_line "$out" "ipc_client: notify service -1: EINVAL"
    expect_line "$out" "ctock: process 'ipc_client' exited (0)"
}
run "$T/a" ipc_service ipc_client blink
expect_line "$T/a" "ipc_client: ipc_service is 0"
expect_line "$T/a" 'ipc_service: client 1: "hello from ipc_client" (64-byte buffer)'
expect_line "$T/a" "ipc_client: reply from 0 (len 0): HELLO FROM IPC_CLIENT [ok]"
grep -q "^blink: LED 0 on" "$T/a" || fail "blink did not run next to IPC"
run "$T/b" ipc_client ipc_service
expect_line "$T/b" "ipc_client: ipc_service is 1"
expect_line "$T/b" 'ipc_service: client 0: "hello from ipc_client" (64-byte buffer)'
expect_line "$T/b" "ipc_client: reply from 1 (len 0): HELLO FROM IPC_CLIENT [ok]"
# Without the service: discovering it fails with ENODEVICE.
"$SIM" --headless --quiet --until 1s "$KERNEL" "$APPS/ipc_client.tbf" >"$T/c" 2>"$T/err" \
    || { cat "$T/err" >&2; fail "run without service failed"; }
expect_line "$T/c" "ipc_client: discover ipc_service failed (ENODEVICE)"
pass "ipc: discover by name, shared buffer through the peer's MPU region, notify both ways, ENODEVICE/EINVAL"
