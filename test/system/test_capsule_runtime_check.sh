# ctock-sim --check-capsules (docs/capsules.md, layer 3) on the test
# kernel's planted faulty capsule (capsules/testing/bad_capsule.c, driven
# by apps/capsule_bad):
#   - its good command (own state, its grant while entered) is not reported;
#   - each bad access is, once, naming the capsule, the PC's function, the
#     address and what it is, and what the capsule was allowed: (a) another
#     capsule's state, (b) kernel data, (c) just below its entered grant,
#     (d) the process's buffer through a kept pointer, (e) kernel data read
#     by memcpy on its behalf; the run exits 3;
#   - without the flag nothing is reported and the run succeeds (the kernel
#     itself notices none of it);
#   - the reports are the same on a second run;
#   - an ELF without capsule blocks is refused (exit 2).
# Then the real kernels under --check-capsules: every app scenario of the
# system tests, no violation anywhere.
source "$(dirname "$0")/lib.sh"
TEST_KERNEL="$B/fw/kernel-sim-test.elf"

# report_for FUNC: the report line whose PC is in function FUNC.
report_for() { grep -a "^ctock-sim: capsule check at .* capsule 'bad_capsule' pc=0x[0-9a-f]* ($1[.+,)]" "$T/err"; }
hex() { printf '%d' "$1"; }

# 1. The good command only.
"$SIM" --headless --check-capsules --until 5s --expect "capsule_good: done" "$TEST_KERNEL" \
    "$APPS/capsule_good.tbf" >"$T/good" 2>"$T/good.err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/good" "$T/good.err" >&2; fail "good command: exit $rc, want 0"; }
expect_line "$T/good" "capsule_good: good command sum 6"
grep -q "capsule check at" "$T/good.err" && { cat "$T/good.err" >&2; fail "the good command was reported"; }
grep -q "^ctock-sim: capsule check: no violations ([1-9][0-9]* capsule accesses checked)$" "$T/good.err" ||
    { cat "$T/good.err" >&2; fail "no 'no violations' summary for the good command"; }
pass "the good command (own state, entered grant) is not reported"

# 2. Every bad case.
"$SIM" --headless --check-capsules --until 5s --expect "capsule_bad: done" "$TEST_KERNEL" \
    "$APPS/capsule_bad.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] || { cat "$T/out" "$T/err" >&2; fail "bad capsule: exit $rc, want 3"; }
expect_line "$T/out" "capsule_bad: done"
grep -a "capsule check at" "$T/err" | grep -v "'bad_capsule'" && fail "a capsule other than bad_capsule was reported"
grep -aq "capsule 'bad_capsule' pc=0x[0-9a-f]* (good" "$T/err" && fail "the good command was reported"
nrep=$(grep -ac "^ctock-sim: capsule check at " "$T/err")
[ "$nrep" -eq 6 ] || { cat "$T/err" >&2; fail "$nrep reports, want 6 (a, b, c load+store, d, e)"; }
grep -aq "^ctock-sim: capsule check: [0-9]* violations at 6 places (capsule 'bad_capsule' [0-9]*); " "$T/err" ||
    { cat "$T/err" >&2; fail "no summary of 6 places, all bad_capsule's"; }
own="allowed: own state bad_capsule 0x[0-9a-f]*-0x[0-9a-f]*, stack 0x20000000-0x20000800, kernel flash 0x00000000-0x00040000 (loads)$"

# (a) another capsule's state: one byte into the console's.
report_for poke_other_capsule | grep -q " store 1 byte at 0x[0-9a-f]* (capsule 'console' state: console+0x[0-9a-f]*); $own" ||
    { cat "$T/err" >&2; fail "(a) not reported as a store into the console's state"; }
# (b) a kernel variable (the board's driver count).
report_for peek_kernel | grep -q " load 4 bytes at 0x[0-9a-f]* (kernel .bss: ndrivers); $own" ||
    { cat "$T/err" >&2; fail "(b) not reported as a load of kernel .bss ndrivers"; }
# (c) the word just below its grant data, loaded and stored inside the callback.
for op in load store; do
    line=$(report_for below_grant_cb | grep " $op 4 bytes at ")
    [ -n "$line" ] || { cat "$T/err" >&2; fail "(c) $op not reported"; }
    addr=$(echo "$line" | sed -E 's/.* bytes at (0x[0-9a-f]+) .*/\1/')
    grant=$(echo "$line" | sed -nE "s/.*, grant (0x[0-9a-f]+)-0x[0-9a-f]+ \(entered\), .*/\1/p")
    [ -n "$grant" ] || fail "(c) the report does not list the entered grant: $line"
    [ $(($(hex "$addr") + 4)) -eq $(($(hex "$grant"))) ] ||
        fail "(c) $op at $addr is not the word just below the grant at $grant"
    echo "$line" | grep -q "(app RAM: process 'capsule_bad')" || fail "(c) not named as the process's RAM: $line"
done
# (d) the process's buffer, through the address kept after the allow was taken back.
buf=$(sed -nE 's/^capsule_bad: buffer at (0x[0-9a-f]+), kept (0x[0-9a-f]+)$/\1 \2/p' "$T/out")
set -- $buf
[ $# -eq 2 ] && [ "$1" = "$2" ] || fail "(d) the capsule did not keep the buffer's address ($buf)"
report_for poke_kept_process_memory | grep -q " store 1 byte at $1 (app RAM: process 'capsule_bad'); $own" ||
    { cat "$T/err" >&2; fail "(d) not reported as a store at the buffer $1"; }
expect_line "$T/out" "capsule_bad: buffer[0] after the allow was taken back: 'D'"
# (e) memcpy reading the kernel variable, on the capsule's behalf.
report_for memcpy | grep -q "(memcpy+0x[0-9a-f]*, returning to copy_kernel_with_memcpy[.+0-9a-fx]*) load [0-9] bytes\? at 0x[0-9a-f]* (kernel .bss: ndrivers); $own" ||
    { cat "$T/err" >&2; fail "(e) not reported as memcpy's load for copy_kernel_with_memcpy"; }
pass "6 places reported: other capsule's state, kernel data, below the grant (load, store), kept process pointer, memcpy"

# 3. The same reports again (deterministic), and nothing without the flag.
"$SIM" --headless --check-capsules --until 5s --expect "capsule_bad: done" "$TEST_KERNEL" \
    "$APPS/capsule_bad.tbf" >/dev/null 2>"$T/err2"
cmp -s <(grep -a "capsule check" "$T/err") <(grep -a "capsule check" "$T/err2") ||
    fail "the reports differ between two runs"
"$SIM" --headless --until 5s --expect "capsule_bad: done" "$TEST_KERNEL" \
    "$APPS/capsule_bad.tbf" >"$T/plain" 2>"$T/plain.err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/plain" "$T/plain.err" >&2; fail "without the flag: exit $rc, want 0"; }
grep -q "capsule check" "$T/plain.err" && fail "reports without --check-capsules"
expect_line "$T/plain" "capsule_bad: buffer[0] after the allow was taken back: 'D'"
pass "same reports on a second run; none without the flag (and the kernel noticed nothing)"

# 4. An ELF with no capsule blocks.
"$SIM" --headless --check-capsules --until 1ms "$B/fw/mpu_conformance.elf" >/dev/null 2>"$T/noblocks"
rc=$?
[ $rc -eq 2 ] && grep -q "check-capsules: .*mpu_conformance.elf: no capsule blocks" "$T/noblocks" ||
    { cat "$T/noblocks" >&2; fail "an ELF without capsule blocks: exit $rc"; }
pass "an ELF without capsule blocks is refused"

# 5. The real kernels: every scenario of the system tests, no violation.
clean() {   # NAME SIM-ARGS...
    local name=$1
    shift
    "$SIM" --headless --check-capsules "$@" >"$T/c.out" 2>"$T/c.err"
    local rc=$?
    grep -aq "^ctock-sim: capsule check: no violations" "$T/c.err" ||
        { grep -a "capsule check" "$T/c.err" >&2; fail "$name: violations on a real kernel"; }
    [ $rc -le 1 ] || { cat "$T/c.err" >&2; fail "$name: exit $rc"; }
}
K="$KERNEL"
clean hello+blink --until 2s "$K" "$APPS/hello.tbf" "$APPS/blink.tbf"
clean capsule_test --until 10s --expect "process 'capsule_test' exited" "$K" "$APPS/capsule_test.tbf"
clean ipc --until 1s "$K" "$APPS/ipc_service.tbf" "$APPS/ipc_client.tbf"
clean rng --until 1s "$K" "$APPS/rng.tbf"
clean buttons --until 3s --button 0@1s --button 1@2s "$K" "$APPS/buttons.tbf"
clean libtest --until 10s --expect "libtest: PASS" "$K" "$APPS/libtest.tbf"
clean sysinfo --until 1s "$K" "$APPS/sysinfo.tbf"
clean echo --until 2s --input $'typed\nquit\n' "$K" "$APPS/echo.tbf"
clean process_console --until 4s --input $'help\nlist\nstatus\nkernelmem\nfault blink\nterminate blink\nboot blink\nstop hello\nstart hello\n' \
    "$B/fw/kernel-sim-pconsole.elf" "$APPS/blink.tbf" "$APPS/hello.tbf"
clean grants --until 3s "$TEST_KERNEL" "$APPS/blink.tbf" "$APPS/grant_hog.tbf" "$APPS/grant_hog.tbf"
clean radio --until 4s "$K" "$APPS/radio_rx.tbf" "$APPS/radio_tx.tbf"
clean radio_ping --until 3s "$K" "$APPS/radio_ping.tbf"
clean crash_zoo --until 1s "$K" "$APPS/blink.tbf" "$APPS/write_grant.tbf" "$APPS/allow_bad.tbf" \
    "$APPS/exit_restart.tbf"
pass "no violations on the real kernels (hello/blink, capsule_test, ipc, rng, buttons, libtest, sysinfo, echo, process console, grants, radio, crash zoo apps)"
