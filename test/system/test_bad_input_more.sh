# More bad input, found by review: a TBF whose total_size is not a multiple
# of 4 (ctock-sim and tbfpack), kernel ELFs with overlapping segments or a
# broken vector table (one-line error naming the file, exit 2); an endless
# stdin must not hold up --until; SIGINT ends a run with the summary; a
# terminal on stdin gives keystrokes and is restored afterwards.
source "$(dirname "$0")/lib.sh"

# check DESC PATTERN ARGS...: exit code 2, one stderr line matching PATTERN.
check() {
    local desc=$1 pat=$2; shift 2
    timeout 20 "$SIM" --headless --until 1s "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc -eq 2 ] || { cat "$T/err" >&2; fail "$desc: exit $rc, want 2"; }
    grep -qE -- "$pat" "$T/err" || { cat "$T/err" >&2; fail "$desc: message does not match '$pat'"; }
    [ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err" >&2; fail "$desc: more than one line"; }
}
u32() { od -An -tu4 -j"$2" -N4 "$1" | tr -d ' '; }
put32() {
    printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($3 & 255)) $(($3 >> 8 & 255)) \
        $(($3 >> 16 & 255)) $(($3 >> 24 & 255)))" |
        dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# --- TBF total_size not a multiple of 4 -----------------------------------
size=$(stat -c %s "$APPS/hello.tbf")
head -c $((size - 2)) "$APPS/hello.tbf" >"$T/odd.tbf"
put32 "$T/odd.tbf" 4 $((size - 2))
check "TBF total_size not a multiple of 4" "odd\.tbf: .*total_size $((size - 2)) is not a multiple of 4" \
    "$KERNEL" "$T/odd.tbf"
"$B/tbfpack" -o "$T/apps.bin" "$APPS/hello.tbf" "$T/odd.tbf" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q "^tbfpack: .*odd\.tbf: .*not a multiple of 4" "$T/err" ||
    { cat "$T/err" >&2; fail "tbfpack accepted an odd total_size (exit $rc)"; }

# --- kernel ELF: overlapping segments, vector table ------------------------
phoff=$(u32 "$KERNEL" 28)
phnum=$(od -An -tu2 -j44 -N2 "$KERNEL" | tr -d ' ')
vec_off=""; bss_ph=""
for ((i = 0; i < phnum; i++)); do
    ph=$((phoff + 32 * i))
    [ "$(u32 "$KERNEL" $ph)" -eq 1 ] || continue                       # PT_LOAD
    [ "$(u32 "$KERNEL" $((ph + 12)))" -eq 0 ] && vec_off=$(u32 "$KERNEL" $((ph + 4)))
    [ "$(u32 "$KERNEL" $((ph + 16)))" -eq 0 ] && bss_ph=$ph            # filesz 0
done
[ -n "$vec_off" ] && [ -n "$bss_ph" ] || fail "kernel ELF layout not as this test expects"
cp "$KERNEL" "$T/overlap.elf"
put32 "$T/overlap.elf" $((bss_ph + 12)) 0                              # paddr -> 0
check "overlapping PT_LOAD segments" "overlap\.elf: loadable segments overlap" "$T/overlap.elf"
pc=$(u32 "$KERNEL" $((vec_off + 4)))
cp "$KERNEL" "$T/nothumb.elf"; put32 "$T/nothumb.elf" $((vec_off + 4)) $((pc & ~1))
check "reset vector without the Thumb bit" "nothumb\.elf: reset vector .*Thumb bit" "$T/nothumb.elf"
cp "$KERNEL" "$T/badpc.elf"; put32 "$T/badpc.elf" $((vec_off + 4)) $((0x10000001))
check "reset vector outside the image" "badpc\.elf: reset vector 0x10000001" "$T/badpc.elf"
cp "$KERNEL" "$T/badsp.elf"; put32 "$T/badsp.elf" "$vec_off" $((0x30000000))
check "initial SP unmapped" "badsp\.elf: initial SP 0x30000000" "$T/badsp.elf"
cp "$KERNEL" "$T/flashsp.elf"; put32 "$T/flashsp.elf" "$vec_off" $((0x100))
check "initial SP in flash" "flashsp\.elf: initial SP 0x00000100" "$T/flashsp.elf"
cp "$KERNEL" "$T/erased.elf"
put32 "$T/erased.elf" "$vec_off" $((0xffffffff)); put32 "$T/erased.elf" $((vec_off + 4)) $((0xffffffff))
check "erased vector table" "erased\.elf: reset vector 0xffffffff" "$T/erased.elf"

# --- endless stdin: --until holds, wall time stays small -------------------
start=$(date +%s%N)
timeout 20 "$SIM" --headless --quiet --until 1s "$KERNEL" "$APPS/hello.tbf" </dev/zero >/dev/null 2>&1
rc=$?
[ $rc -eq 0 ] || fail "< /dev/zero: exit $rc (124 = hung)"
yes | timeout 20 "$SIM" --headless --quiet --until 1s "$KERNEL" "$APPS/echo.tbf" >"$T/out" 2>&1
rc=${PIPESTATUS[1]}
[ $rc -eq 0 ] || fail "yes |: exit $rc (124 = hung)"
ms=$((($(date +%s%N) - start) / 1000000))
[ $ms -lt 8000 ] || fail "endless stdin runs took $ms ms of wall time"
grep -q "^echo: y$" "$T/out" || fail "yes | echo: no echoed line"

# --- SIGINT: summary, exit 130 ----------------------------------------------
"$SIM" --headless --until 100000s "$KERNEL" "$APPS/blink.tbf" </dev/null >/dev/null 2>"$T/err" &
pid=$!
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] || { cat "$T/err" >&2; fail "SIGINT: exit $rc, want 130"; }
grep -q "^ctock-sim: stopped: interrupted (SIGINT)$" "$T/err" || { cat "$T/err" >&2; fail "SIGINT: no summary"; }
grep -q "^ctock-sim: virtual time " "$T/err" || fail "SIGINT: no virtual time line"

# --- a terminal on stdin (script(1) makes a pty): keystrokes, no echo of
# what is typed, Ctrl-C ends the run, and the terminal is restored --------
if command -v script >/dev/null; then
    (sleep 0.5; printf 'typed\r'; sleep 0.5; printf '\003'; sleep 1) |
        SHELL=/bin/sh timeout 20 script -qfc "trap : INT; '$SIM' --speed 1 --until 30s '$KERNEL' '$APPS/echo.tbf'; \
            echo rc=\$?; stty -a" /dev/null >"$T/tty" 2>&1
    tr -d '\r' <"$T/tty" >"$T/tty.txt"
    grep -qx "echo: typed" "$T/tty.txt" || { cat "$T/tty.txt" >&2; fail "tty: keystrokes did not reach the app"; }
    [ "$(grep -c typed "$T/tty.txt")" -eq 1 ] || { cat "$T/tty.txt" >&2; fail "tty: input was echoed"; }
    grep -qx "rc=130" "$T/tty.txt" || { cat "$T/tty.txt" >&2; fail "tty: Ctrl-C did not end the run with 130"; }
    grep -qw -- "icanon" "$T/tty.txt" && grep -qw -- "echo" "$T/tty.txt" &&
        ! grep -qw -- "-icanon" "$T/tty.txt" ||
        { cat "$T/tty.txt" >&2; fail "tty: terminal not restored"; }
else
    echo "SKIP: no script(1) for the terminal case"
fi
pass "odd TBF sizes, overlapping segments and bad vector tables rejected; endless stdin bounded ($ms ms); SIGINT and terminal input handled"
