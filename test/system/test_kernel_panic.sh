# A kernel panic must not look like success: on the sim board the kernel's
# panic hook writes sysctl EXIT, so ctock-sim stops and exits 3 ("guest
# failure"). Uses the test kernel (kernel-sim-test.elf: fault policy panic
# and the kernel-fault test driver) for three panics:
#   a process fault under the panic policy (undef_instr),
#   a kernel fault (kernel_fault1: the kernel executes udf),
#   debug_panic itself (kernel_fault3).
# The normal kernel keeps exit status 0 for a faulting process.
source "$(dirname "$0")/lib.sh"
TKERNEL="$B/fw/kernel-sim-test.elf"

run() {   # NAME APP -> $T/NAME.out, rc in $rc
    "$SIM" --headless --until 5s "$TKERNEL" "$APPS/blink.tbf" "$APPS/$2.tbf" >"$T/$1.out" 2>"$T/$1.err"
    rc=$?
}

run policy undef_instr
[ $rc -eq 3 ] || { cat "$T/policy.out" "$T/policy.err" >&2; fail "process fault, panic policy: exit $rc, want 3"; }
grep -qE "^ctock: process 'undef_instr' faulted: UsageFault UNDEFINSTR \(pc 0x[0-9a-f]{8}\)$" "$T/policy.out" ||
    { cat "$T/policy.out" >&2; fail "no fault summary"; }
expect_line "$T/policy.out" "ctock: ---| end of fault dump |---"
expect_line "$T/policy.out" "ctock: kernel panic: process 'undef_instr' faulted (fault policy panic)"
[ "$(count_lines "$T/policy.out" "blink: LED 0 on")" -eq 0 ] || fail "processes ran on after the panic"

run kfault kernel_fault1
[ $rc -eq 3 ] || { cat "$T/kfault.out" "$T/kfault.err" >&2; fail "kernel fault: exit $rc, want 3"; }
expect_line "$T/kfault.out" "kernel_fault: start, command 1"
grep -qE "^ctock: kernel fault: UsageFault UNDEFINSTR, pc 0x[0-9a-f]{8}$" "$T/kfault.out" ||
    { cat "$T/kfault.out" >&2; fail "no kernel fault line"; }
expect_line "$T/kfault.out" "ctock: ---| kernel fault dump |---"
expect_line "$T/kfault.out" "ctock:   UNDEFINSTR  Undefined instruction"
grep -qE "^ctock:   r8  0x[0-9a-f]{8}  r9  " "$T/kfault.out" || fail "no r8-r11 in the kernel dump"
expect_line "$T/kfault.out" "ctock: kernel panic: kernel fault"

run dpanic kernel_fault3
[ $rc -eq 3 ] || { cat "$T/dpanic.out" "$T/dpanic.err" >&2; fail "debug_panic: exit $rc, want 3"; }
expect_line "$T/dpanic.out" "ctock: kernel panic: test"

# The default kernel: a faulting process is not a failure of the run.
"$SIM" --headless --until 2s "$KERNEL" "$APPS/blink.tbf" "$APPS/undef_instr.tbf" >"$T/default.out" 2>"$T/default.err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/default.err" >&2; fail "default kernel: exit $rc, want 0"; }
expect_line "$T/default.out" "ctock: process 'undef_instr' stopped after 4 faults (restart threshold 3)"
pass "kernel panics (fault policy panic, kernel fault, debug_panic) end ctock-sim with exit 3"
