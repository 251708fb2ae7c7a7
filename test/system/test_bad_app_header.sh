# A TBF image with a bad checksum is loaded into flash (the simulator warns)
# and the kernel itself rejects it: it skips that app with a message and
# keeps booting, so the next app still runs.
source "$(dirname "$0")/lib.sh"
cp "$APPS/hello.tbf" "$T/badsum.tbf"
# Flip a bit of the checksum word (offset 12 of the base header).
b=$(od -An -tu1 -j12 -N1 "$T/badsum.tbf" | tr -d ' ')
printf "\\x$(printf %02x $((b ^ 1)))" | dd of="$T/badsum.tbf" bs=1 seek=12 conv=notrunc 2>/dev/null
"$SIM" --headless --until 2s "$KERNEL" "$T/badsum.tbf" "$APPS/blink.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/err" >&2; fail "exit $rc, want 0"; }
grep -qi "checksum" "$T/err" || fail "simulator did not warn about the checksum"
grep -qiE "ctock: .*(checksum|skip)" "$T/out" || { cat "$T/out" >&2; fail "kernel did not report skipping the bad app"; }
grep -q "hello: Hello" "$T/out" && fail "the app with a bad header ran"
expect_line "$T/out" "blink: toggling LED 0 every 500 ms"
pass "bad-checksum app skipped by the kernel, blink still runs"
