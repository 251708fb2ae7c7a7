# buttons (apps/buttons) with scripted presses (--button): each press of
# button i toggles LED i within a millisecond of the press's virtual time
# (interrupt -> bottom half -> upcall -> LED command), each press and
# release prints a line, the trace shows the pin changes at exactly the
# scripted times (the CPU sleeps there), and a run repeats byte for byte.
source "$(dirname "$0")/lib.sh"
args=(--headless --quiet --until 4s --button 0@1s --button 1@1.5s:200ms --button 0@2s:down
      --button 0@2.5s:up --button 0@3s)
"$SIM" "${args[@]}" --trace "$T/trace" "$KERNEL" "$APPS/buttons.tbf" >"$T/out" 2>"$T/err" \
    || { cat "$T/err" >&2; fail "run failed"; }
for t in 1.000000000 1.100000000 1.500000000 1.700000000 2.000000000 2.500000000 3.000000000 \
         3.100000000; do
    grep -qE "^$t gpio0\.[01] in (high|low)$" "$T/trace" || { cat "$T/trace" >&2; fail "no pin change at $t"; }
done
expect_line "$T/trace" "1.500000000 gpio0.1 in high"
expect_line "$T/trace" "1.700000000 gpio0.1 in low"
# LED changes: led0 on ~1 s, led1 on ~1.5 s, led0 off ~2 s, led0 on ~3 s.
grep -E '^[0-9.]+ led[01] (on|off)$' "$T/trace" >"$T/led"
awk 'BEGIN { split("1.0 led0 on|1.5 led1 on|2.0 led0 off|3.0 led0 on", want, "|") }
     { split(want[NR], w, " "); d = ($1 - w[1]) * 1000
       if ($2 != w[2] || $3 != w[3] || d < 0 || d > 1) { printf "line %d: %s (want %s within 1 ms)\n", NR, $0, want[NR]; bad = 1 } }
     END { if (NR != 4) { printf "%d LED changes, want 4\n", NR; bad = 1 }; exit bad }' "$T/led" \
    || { cat "$T/led" >&2; fail "LED changes not at the press times"; }
[ "$(grep -c 'pressed, LED' "$T/out")" -eq 4 ] || { cat "$T/out" >&2; fail "want 4 press lines"; }
[ "$(grep -c 'released$' "$T/out")" -eq 4 ] || { cat "$T/out" >&2; fail "want 4 release lines"; }
expect_line "$T/out" "buttons: button 1 pressed, LED 1 toggled"
"$SIM" "${args[@]}" --trace "$T/trace2" "$KERNEL" "$APPS/buttons.tbf" >"$T/out2" 2>/dev/null
cmp -s "$T/out" "$T/out2" && cmp -s "$T/trace" "$T/trace2" || fail "second run differs"
# Bad --button values are usage errors.
for bad in 2@1s 0@ 0@1s:sideways x@1s 0@1s:0s; do
    "$SIM" --quiet --until 1ms --button "$bad" "$KERNEL" >/dev/null 2>&1
    [ $? -eq 2 ] || fail "--button $bad not refused with exit 2"
done
pass "buttons: 4 presses toggle LEDs within 1 ms of 1 s, 1.5 s, 2 s, 3 s; releases on time; repeatable"
