# With only blink (an alarm every 500 ms), the CPU is asleep almost all of
# the time: the kernel sleeps with wfi and the simulator jumps the clock.
source "$(dirname "$0")/lib.sh"
"$SIM" --headless --until 10s "$KERNEL" "$APPS/blink.tbf" >"$T/out" 2>"$T/err" \
    || { cat "$T/err" >&2; fail "run failed"; }
cat "$T/err"
pct=$(grep -iE 'sleep' "$T/err" | grep -oE '[0-9]+(\.[0-9]+)?%' | head -1 | tr -d %)
[ -n "$pct" ] || fail "no sleep percentage in the summary"
awk -v p="$pct" 'BEGIN { exit !(p > 95.0) }' || fail "asleep only $pct% of the time, want > 95%"
pass "blink alone: asleep $pct% of virtual time"
