# The crash zoo (apps/tests/) on ctock-sim: each zoo app runs after blink
# with the sim kernel's default fault policy (restart, threshold 3); the
# expectations are shared with test/diff/test_qemu_crash_zoo.sh
# (crash_zoo.sh): fault class and address in the dump, 4 faults / 3
# restarts / stopped, blink still printing afterwards.
#
# Every zoo app runs: the MPU apps rely on ctock-sim's MPU enforcement
# (sim/node_mem.c), div_zero and unaligned (kernel-sim-traps.elf) on its
# DIVBYZERO/UNALIGNED traps (sim/node_trap.c), stack_overflow on the derived
# MemManage taken as QEMU takes it (sim/cortexm.c).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/crash_zoo.sh"
SIM_ZOO_APPS=$ZOO_APPS

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
