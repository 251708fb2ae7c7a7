# Low-level debug and process info: sysinfo (apps/sysinfo) prints through
# low-level debug (Tock's "LowLevelDebug: App 0x.. prints 0x.." lines,
# with its process id) and lists the processes with process info: hello
# (exited: terminated), blink (yielded), itself (running).
source "$(dirname "$0")/lib.sh"
"$SIM" --headless --quiet --until 1s "$KERNEL" "$APPS/hello.tbf" "$APPS/blink.tbf" \
    "$APPS/sysinfo.tbf" >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "run failed"; }
id=$(sed -n "s/^sysinfo: process \(0x[0-9a-f]*\) 'sysinfo' running$/\1/p" "$T/out")
[ -n "$id" ] || { cat "$T/out" >&2; fail "sysinfo did not list itself as running"; }
expect_line "$T/out" "LowLevelDebug: App $id prints 0x2a"
expect_line "$T/out" "LowLevelDebug: App $id prints 0x1 0xbeef"
expect_line "$T/out" "LowLevelDebug: App $id alert code 0x3"
expect_line "$T/out" "sysinfo: 3 processes"
grep -qE "^sysinfo: process 0x[0-9a-f]+ 'hello' terminated$" "$T/out" || fail "hello not listed as terminated"
grep -qE "^sysinfo: process 0x[0-9a-f]+ 'blink' (yielded|running)$" "$T/out" || fail "blink not listed"
n=$(grep -cE '^sysinfo:   [0-9]+ syscalls, 0 restarts, [0-9]+ timeslice expirations$' "$T/out")
[ "$n" -eq 3 ] || { cat "$T/out" >&2; fail "$n statistics lines, want 3"; }
pass "low-level debug lines for App $id, process info lists hello, blink, sysinfo"
