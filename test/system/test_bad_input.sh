# Bad input gets a one-line error naming the file or flag and exit code 2:
# never a crash or a hang.
source "$(dirname "$0")/lib.sh"

# check DESC PATTERN ARGS...: exit code 2, stderr matches PATTERN, no crash.
check() {
    local desc=$1 pat=$2; shift 2
    timeout 20 "$SIM" --headless --until 1s "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc -eq 2 ] || { cat "$T/err" >&2; fail "$desc: exit $rc, want 2"; }
    grep -qE -- "$pat" "$T/err" || { cat "$T/err" >&2; fail "$desc: message does not match '$pat'"; }
}

check "missing kernel" "nosuch\.elf" "$T/nosuch.elf"
head -c 3000 /dev/urandom >"$T/random.elf"
check "random bytes as kernel" "random\.elf" "$T/random.elf"
head -c 100 "$KERNEL" >"$T/trunc.elf"
check "truncated kernel ELF" "trunc\.elf" "$T/trunc.elf"
check "host (x86-64) ELF as kernel" "$(basename "$SIM")" "$SIM"
check "missing app" "nosuch\.tbf" "$KERNEL" "$T/nosuch.tbf"
head -c 64 /dev/zero >"$T/zero.tbf"
check "all-zero app image" "zero\.tbf" "$KERNEL" "$T/zero.tbf"
head -c 40 "$APPS/hello.tbf" >"$T/short.tbf"
check "truncated app image" "short\.tbf" "$KERNEL" "$T/short.tbf"
# A TBF whose total_size claims more than the file holds.
cp "$APPS/hello.tbf" "$T/big.tbf"
printf '\xff\xff\x0f\x00' | dd of="$T/big.tbf" bs=1 seek=4 conv=notrunc 2>/dev/null
check "app total_size larger than the file" "big\.tbf" "$KERNEL" "$T/big.tbf"
# More apps than app flash holds (256 KiB: 40 x 8 KiB blink).
apps=(); for i in $(seq 1 40); do apps+=("$APPS/blink.tbf"); done
check "apps overflow app flash" "flash" "$KERNEL" "${apps[@]}"
check "unknown flag" "--bogus" --bogus "$KERNEL"
check "bad --until value" "until" --until 10parsecs "$KERNEL"
check "bad --clock value" "clock" --clock fast "$KERNEL"
check "zero --clock" "clock" --clock 0 "$KERNEL"
check "no kernel given" "kernel|usage|Usage"
pass "bad input rejected with exit 2 and a message"
