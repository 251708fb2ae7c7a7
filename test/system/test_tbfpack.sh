# tbfpack: the apps.bin QEMU runs has ctock-sim's app flash layout
# (sim/app_flash.c): for hello (2 KiB) + blink (8 KiB), hello at +0x0, a
# disabled padding TBF from hello's end to +0x2000, blink at +0x2000, 0xFF
# to the end, 262144 bytes in all; images stay in command-line order; a
# checksum mismatch is a "tbfpack:" warning, bad input a one-line error.
source "$(dirname "$0")/lib.sh"
PACK="$B/tbfpack"
HELLO="$APPS/hello.tbf"
BLINK="$APPS/blink.tbf"
[ -x "$PACK" ] || fail "no $PACK"

u32() { od -An -tu4 -j"$2" -N4 "$1" | tr -d ' '; }
# same_bytes FILE OFFSET REF: FILE holds REF's bytes at OFFSET.
same_bytes() {
    cmp -s -n "$(stat -c %s "$3")" -i "$2:0" "$1" "$3" ||
        fail "$(basename "$1") at +$2 is not $(basename "$3")"
}
# all_ff FILE FROM TO: bytes [FROM, TO) are 0xFF.
all_ff() {
    local n
    n=$(tail -c +$(($2 + 1)) "$1" | head -c $(($3 - $2)) | tr -d '\377' | wc -c)
    [ "$n" -eq 0 ] || fail "$(basename "$1"): $n bytes in [$2, $3) are not 0xFF"
}

hsize=$(stat -c %s "$HELLO")
[ "$(stat -c %s "$BLINK")" -eq 8192 ] && [ "$hsize" -le $((0x2000 - 16)) ] ||
    fail "this test expects an 8 KiB blink.tbf and hello.tbf under 8 KiB - 16"

"$PACK" -o "$T/apps.bin" "$HELLO" "$BLINK" >"$T/out" 2>"$T/err" ||
    { cat "$T/err" >&2; fail "tbfpack hello blink failed"; }
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "tbfpack wrote to stderr"; }
[ "$(stat -c %s "$T/apps.bin")" -eq 262144 ] || fail "apps.bin is not 262144 bytes"
same_bytes "$T/apps.bin" 0 "$HELLO"
# Padding TBF at hello's end: v2, header_size 16, up to 0x2000, flags 0,
# checksum = XOR of the three words, then 0xFF.
pad=$hsize gap=$((0x2000 - hsize))
[ "$(u32 "$T/apps.bin" $pad)" -eq $((2 | 16 << 16)) ] || fail "no padding TBF header at +$pad"
[ "$(u32 "$T/apps.bin" $((pad + 4)))" -eq $gap ] || fail "padding total_size is not $gap"
[ "$(u32 "$T/apps.bin" $((pad + 8)))" -eq 0 ] || fail "padding TBF is not disabled"
[ "$(u32 "$T/apps.bin" $((pad + 12)))" -eq $(((2 | 16 << 16) ^ gap)) ] ||
    fail "padding TBF checksum is wrong"
all_ff "$T/apps.bin" $((pad + 16)) $((0x2000))
same_bytes "$T/apps.bin" $((0x2000)) "$BLINK"
all_ff "$T/apps.bin" $((0x4000)) 262144
grep -qF "+0x02000   8192 bytes $BLINK" "$T/out" || { cat "$T/out" >&2; fail "placement not printed"; }
echo "ok: hello at +0x0, padding at +$pad ($gap bytes), blink at +0x2000, 0xFF tail"

# Command-line order, not largest first: blink then hello, no padding.
"$PACK" -o "$T/rev.bin" "$BLINK" "$HELLO" >/dev/null || fail "tbfpack blink hello failed"
same_bytes "$T/rev.bin" 0 "$BLINK"
same_bytes "$T/rev.bin" $((0x2000)) "$HELLO"
all_ff "$T/rev.bin" $((0x2000 + hsize)) 262144
echo "ok: blink hello stays in that order"

"$PACK" -o "$T/small.bin" --size 0x4000 "$HELLO" "$BLINK" >/dev/null || fail "--size 0x4000 failed"
cmp -s -n 16384 "$T/small.bin" "$T/apps.bin" && [ "$(stat -c %s "$T/small.bin")" -eq 16384 ] ||
    fail "--size 0x4000 did not give the first 16 KiB of the same image"

# A bad checksum is a warning naming tbfpack and the file; the image is packed.
cp "$HELLO" "$T/badsum.tbf"
b=$(od -An -tu1 -j12 -N1 "$T/badsum.tbf" | tr -d ' ')
printf "\\x$(printf %02x $((b ^ 1)))" | dd of="$T/badsum.tbf" bs=1 seek=12 conv=notrunc 2>/dev/null
"$PACK" -o "$T/bad.bin" "$T/badsum.tbf" >/dev/null 2>"$T/err" || fail "bad checksum is fatal"
grep -q "^tbfpack: $T/badsum.tbf: warning: TBF header checksum mismatch" "$T/err" ||
    { cat "$T/err" >&2; fail "no tbfpack checksum warning"; }
same_bytes "$T/bad.bin" 0 "$T/badsum.tbf"

# reject DESC STATUS TEXT ARGS...: exit STATUS, one stderr line containing TEXT.
reject() {
    local desc=$1 want=$2 text=$3; shift 3
    "$PACK" "$@" >/dev/null 2>"$T/err"
    local rc=$?
    [ $rc -eq "$want" ] || fail "$desc: exit $rc, want $want"
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF -- "$text" "$T/err" ||
        { cat "$T/err" >&2; fail "$desc: want one line with '$text'"; }
    echo "ok: rejected $desc: $(cat "$T/err")"
}
head -c 3000 /dev/zero | tr "\\0" x >"$T/notbf.tbf"   # version 0x7878
reject "not a TBF" 1 "notbf.tbf" -o "$T/x.bin" "$T/notbf.tbf"
reject "missing file" 1 "nosuch.tbf" -o "$T/x.bin" "$T/nosuch.tbf"
reject "too small --size" 1 "blink.tbf: does not fit in app flash" -o "$T/x.bin" --size 0x3000 \
    "$HELLO" "$BLINK"
reject "bad --size" 2 "bad --size" -o "$T/x.bin" --size lots "$HELLO"
reject "no -o" 2 "usage" "$HELLO"
pass "tbfpack packs hello + blink as ctock-sim places them"
