# hello and blink run together headless on the sim board: both processes
# print, hello exits, blink keeps toggling; exit code 0 at the time limit.
source "$(dirname "$0")/lib.sh"
"$SIM" --headless --until 3s "$KERNEL" "$APPS/hello.tbf" "$APPS/blink.tbf" \
    >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/err" >&2; fail "exit code $rc, want 0"; }
expect_line "$T/out" "hello: Hello, World!"
expect_line "$T/out" "hello: done"
expect_line "$T/out" "blink: toggling LED 0 every 500 ms"
on=$(count_lines "$T/out" "blink: LED 0 on")
off=$(count_lines "$T/out" "blink: LED 0 off")
# One change per 500 ms from boot (a few ms in): on at 0.5, 1.5, 2.5 s and
# off at 1.0, 2.0 s; the change due at 3.0 s plus the boot offset is past
# the 3 s limit.
[ "$on" -eq 3 ] && [ "$off" -eq 2 ] \
    || fail "LED lines: $on on, $off off in 3 s (want 3 on, 2 off)"
grep -q "exited" "$T/out" || fail "kernel did not report hello's exit"
grep -q "virtual time" "$T/err" || fail "no summary on stderr"
pass "hello and blink ran together ($on on, $off off)"
