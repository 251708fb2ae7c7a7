# Grants on ctock-sim (kernel-sim-test.elf: the grant test driver):
# grant_hog fills its own grant region until ENOMEM, every run (it
# exit-restarts, which frees its grants) gets the same amount, and blink in
# the next RAM block keeps toggling its LED on time. Expectations:
# grants_check.sh, shared with test/diff/test_qemu_grants.sh.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/grants_check.sh"
TEST_KERNEL="$B/fw/kernel-sim-test.elf"

"$SIM" --headless --until 3s --trace-leds "$TEST_KERNEL" "$APPS/blink.tbf" \
    "$APPS/grant_hog.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { tail -20 "$T/out" >&2; cat "$T/err" >&2; fail "exit code $rc, want 0"; }
grants_check "$T/out" 5 || fail "grant_hog + blink (see above)"
# blink on time: one LED change every 500 ms (+-1 ms), 5 by 3 s (boot
# offset: the 6th is due just after the limit), whatever grant_hog does
# next door.
changes=$(grep -c " led0 " "$T/err")
[ "$changes" -eq 5 ] || { grep led "$T/err" >&2; fail "$changes LED changes in 3 s, want 5"; }
grep " led0 " "$T/err" | awk 'NR > 1 { d = $1 - prev; if (d < 0.499 || d > 0.501) bad = 1 }
    { prev = $1 } END { exit bad }' || { grep led "$T/err" >&2; fail "blink's LED changes are not 500 ms apart"; }
runs=$(grep -ac "^grant_hog: got " "$T/out")
first=$(grep -a -m1 '^grant_hog: got ' "$T/out" | sed -E 's/^grant_hog: got (.*), then.*/\1/')

# Two grant_hogs: each fills only its own block, the same amount; their
# instances share each hog grant's list, and restarts at different times
# unlink from the middle of it (a broken list panics the test kernel).
"$SIM" --headless --until 3s "$TEST_KERNEL" "$APPS/blink.tbf" "$APPS/grant_hog.tbf" \
    "$APPS/grant_hog.tbf" >"$T/out2" 2>"$T/err2"
rc=$?
[ $rc -eq 0 ] || { tail -20 "$T/out2" >&2; cat "$T/err2" >&2; fail "two hogs: exit code $rc, want 0"; }
grants_check "$T/out2" 8 2 || fail "two grant_hogs + blink (see above)"
grep -aq "^grant_hog: processes with hog grant 0: 2$" "$T/out2" ||
    fail "two hogs: grant_each never saw both"
pass "grant_hog filled its grants to ENOMEM $runs times: $first; blink toggled $changes times; two hogs: the same each"
