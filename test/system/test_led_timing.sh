# blink toggles LED 0 at the expected virtual times: every 500 ms on an
# absolute schedule, so consecutive changes are 500 ms apart to within the
# interrupt and syscall latency (well under 1 ms at 48 MHz), and the LED
# alternates on/off. Checked at two CPU clocks: time must not depend on it.
source "$(dirname "$0")/lib.sh"
for clock in 48MHz 16MHz; do
    "$SIM" --headless --quiet --clock "$clock" --until 5200ms --trace "$T/trace" \
        "$KERNEL" "$APPS/blink.tbf" >"$T/out" 2>"$T/err" \
        || { cat "$T/err" >&2; fail "run at $clock failed"; }
    grep -E '^[0-9]+\.[0-9]{9} led0 (on|off)$' "$T/trace" >"$T/led" || fail "no led0 events in trace at $clock"
    n=$(wc -l <"$T/led")
    [ "$n" -eq 10 ] || { cat "$T/led" >&2; fail "$n LED changes in 5.2 s at $clock, want 10"; }
    awk -v clock="$clock" '
        { t = $1 + 0; state = $3
          if (NR > 1) {
              d = (t - prev) * 1000
              if (d < 499.0 || d > 501.0) { printf "interval %.6f ms at line %d (%s)\n", d, NR, clock; bad = 1 }
              if (state == pstate) { printf "LED did not alternate at line %d (%s)\n", NR, clock; bad = 1 }
          } else if (state != "on") { print "first change is not on"; bad = 1 }
          prev = t; pstate = state }
        END { exit bad }' "$T/led" || fail "LED timing off at $clock"
done
pass "LED 0 toggles every 500 ms (10 changes, 48 MHz and 16 MHz)"
