# capsule_test (apps/capsule_test) checks every driver's commands from a
# process: command 0 of each, bad indices (EINVAL), unknown commands and
# subscribe numbers (ENOSUPPORT), a missing driver (ENODEVICE). It prints
# "capsule_test: PASS (n checks)" or one FAIL line per failed check.
source "$(dirname "$0")/lib.sh"
"$SIM" --headless --until 10s --expect "process 'capsule_test' exited" "$KERNEL" "$APPS/capsule_test.tbf" \
    >"$T/out" 2>"$T/err"
rc=$?
grep "capsule_test: FAIL" "$T/out" >&2
[ $rc -eq 0 ] || { cat "$T/out" "$T/err" >&2; fail "capsule_test did not pass (exit $rc)"; }
pass "$(grep -m1 'capsule_test: PASS' "$T/out")"
