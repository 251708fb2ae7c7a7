# libtest (apps/libtest) checks libctock and the process ABI from inside a
# process: crt0 relocation, printf formats, memops and sbrk, alarm (async,
# blocking, absolute schedule, yield-wait-for), console and LED drivers. It
# prints "libtest: PASS (n checks)" or a FAIL line per failed check.
source "$(dirname "$0")/lib.sh"
"$SIM" --headless --until 10s --expect "libtest: PASS" "$KERNEL" "$APPS/libtest.tbf" \
    >"$T/out" 2>"$T/err"
rc=$?
grep "libtest: FAIL" "$T/out" >&2
[ $rc -eq 0 ] || { cat "$T/out" "$T/err" >&2; fail "libtest did not pass (exit $rc)"; }
pass "$(grep -m1 'libtest: PASS' "$T/out")"
