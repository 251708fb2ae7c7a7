# Two runs with the same inputs give byte-identical console output and
# byte-identical event traces.
source "$(dirname "$0")/lib.sh"
for i in 1 2; do
    "$SIM" --headless --quiet --until 4s --trace "$T/trace$i" \
        "$KERNEL" "$APPS/hello.tbf" "$APPS/blink.tbf" >"$T/out$i" 2>"$T/err$i" \
        || fail "run $i failed"
done
[ -s "$T/out1" ] && [ -s "$T/trace1" ] || fail "empty output or trace"
cmp "$T/out1" "$T/out2" || fail "console output differs between runs"
cmp "$T/trace1" "$T/trace2" || fail "trace differs between runs"
pass "two runs byte-identical ($(wc -c <"$T/out1") console bytes, $(wc -l <"$T/trace1") trace lines)"
