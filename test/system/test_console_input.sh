# Console input end to end: bytes from stdin (a pipe) and from --input reach
# UART0 RX, the kernel's UART driver, the console capsule's read, and the
# echo app, which prints each line back; "quit" makes it exit with 0.
# Bulk input faster than the app reads must arrive intact.
source "$(dirname "$0")/lib.sh"
printf 'hello from stdin\nsecond line\nquit\n' | "$SIM" --headless --until 5s \
    --expect "ctock: process 'echo' exited (0)" "$KERNEL" "$APPS/echo.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/out" "$T/err" >&2; fail "stdin run: exit $rc"; }
expect_line "$T/out" "echo: hello from stdin"
expect_line "$T/out" "echo: second line"
expect_line "$T/out" "echo: quit"

"$SIM" --headless --until 5s --input $'typed via --input\n' --expect "echo: typed via --input" \
    "$KERNEL" "$APPS/echo.tbf" </dev/null >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/out" "$T/err" >&2; fail "--input run: exit $rc"; }
# Bulk input arriving faster than the app reads is held back (flow
# control in the kernel's UART driver), not dropped: 20 lines of 37 bytes.
for i in $(seq 1 20); do echo "line $i abcdefghijklmnopqrstuvwxyz012345"; done >"$T/in"
echo quit >>"$T/in"
"$SIM" --headless --quiet --until 10s --expect "ctock: process 'echo' exited (0)" \
    "$KERNEL" "$APPS/echo.tbf" <"$T/in" >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "bulk run failed"; }
sed 's/^/echo: /' "$T/in" >"$T/want"
grep '^echo: ' "$T/out" | grep -v '^echo: ready$' >"$T/got"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" | head >&2; fail "bulk input lost or changed"; }
pass "stdin and --input reach the echo app through the console capsule; $(wc -c <"$T/in") bulk bytes arrive intact"
