# --expect ends the run with success as soon as the text appears, and fails
# with exit code 1 when it does not appear by --until.
source "$(dirname "$0")/lib.sh"
"$SIM" --headless --until 60s --expect "hello: done" --expect "blink: LED 0 on" \
    "$KERNEL" "$APPS/hello.tbf" "$APPS/blink.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/err" >&2; fail "exit $rc with expected text present, want 0"; }
# blink's first "on" comes at ~500 ms: the run must stop then, not at 60 s.
vt=$(sed -nE 's/.*virtual time[^0-9]*([0-9]+\.[0-9]+) s.*/\1/p' "$T/err" | head -1)
[ -n "$vt" ] || { cat "$T/err" >&2; fail "no virtual time in summary"; }
awk -v v="$vt" 'BEGIN { exit !(v < 1.0) }' || fail "run went on to $vt s after the text appeared"

"$SIM" --headless --until 1s --expect "text that never appears" \
    "$KERNEL" "$APPS/hello.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] || fail "exit $rc for missing text, want 1"
grep -q "text that never appears" "$T/err" || fail "failure does not name the missing text"
pass "--expect stops at ${vt} s on success, exits 1 when text is missing"
