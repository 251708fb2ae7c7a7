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
# 3 s at one change per 500 ms: 6 changes, give or take the boot offset.
[ "$on" -ge 2 ] && [ "$off" -ge 2 ] && [ $((on + off)) -le 6 ] \
    || fail "LED lines: $on on, $off off in 3 s (want 5-6 changes in all)"
grep -q "exited" "$T/out" || fail "kernel did not report hello's exit"
grep -q "virtual time" "$T/err" || fail "no summary on stderr"
pass "hello and blink ran together ($on on, $off off)"
