# The crash zoo (apps/tests/) on ctock-sim: each zoo app runs after blink
# with the sim kernel's default fault policy (restart, threshold 3); the
# expectations are shared with test/diff/test_qemu_crash_zoo.sh
# (crash_zoo.sh): fault class and address in the dump, 4 faults / 3
# restarts / stopped, blink still printing afterwards.
#
# SIM_ZOO_APPS: the apps ctock-sim can run faithfully today. The MPU apps
# (null_deref stack_overflow write_kernel write_grant read_other
# jump_kernel exec_ram brk_mpu) wait for ctock-sim's MPU enforcement, and
# div_zero/unaligned for its CCR DIV_0_TRP/UNALIGN_TRP; then this becomes
# $ZOO_APPS, all of them (run: ZOO=all bash test_crash_zoo.sh BUILD_DIR).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/crash_zoo.sh"
SIM_ZOO_APPS="undef_instr bad_exc_return spin allow_bad exit_restart"
[ "${ZOO:-}" = all ] && SIM_ZOO_APPS=$ZOO_APPS

bad=0
for app in $SIM_ZOO_APPS; do
    "$SIM" --headless --until 4s "$B/fw/$(zoo_kernel "$app" sim)" "$APPS/blink.tbf" "$APPS/$app.tbf" \
        >"$T/$app.out" 2>"$T/$app.err"
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL: $app: ctock-sim exit $rc, want 0"; cat "$T/$app.err"; bad=1
    fi
    if ! zoo_check "$app" "$T/$app.out"; then
        bad=1
        echo "---- $app: console (first 40 lines) ----"
        head -40 "$T/$app.out"
    fi
done
[ $bad -eq 0 ] || fail "crash zoo on ctock-sim"
pass "crash zoo on ctock-sim: $(echo $SIM_ZOO_APPS | wc -w) apps ($SIM_ZOO_APPS), fault policy restart x3 then stop, blink runs on"
