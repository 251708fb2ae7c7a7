# elf2tbf: the TBF images the build made are well formed (TBF v2 base
# header, checksum, Main and Package Name TLVs, power-of-two total size,
# entry and crt0 header inside the binary), and bad input is rejected with
# a non-zero exit and a one-line message naming the file.
set -uo pipefail
B=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
E2T="$B/elf2tbf"
APPS="$B/fw/apps"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -x "$E2T" ] || fail "no $E2T"

# u32 FILE OFFSET / u16 FILE OFFSET: little-endian fields.
u32() { od -An -tu4 -j"$2" -N4 "$1" | tr -d ' '; }
u16() { od -An -tu2 -j"$2" -N2 "$1" | tr -d ' '; }

check_tbf() {
    local f=$1 name
    name=$(basename "$f" .tbf)
    local size version hsize total flags sum
    size=$(stat -c %s "$f")
    version=$(u16 "$f" 0); hsize=$(u16 "$f" 2); total=$(u32 "$f" 4)
    flags=$(u32 "$f" 8); sum=$(u32 "$f" 12)
    [ "$version" -eq 2 ] || fail "$name: version $version"
    [ $((hsize % 4)) -eq 0 ] && [ "$hsize" -ge 36 ] || fail "$name: header_size $hsize"
    [ "$total" -eq "$size" ] || fail "$name: total_size $total but file is $size bytes"
    [ $((total & (total - 1))) -eq 0 ] || fail "$name: total_size $total not a power of two"
    [ $((flags & 1)) -eq 1 ] || fail "$name: not enabled (flags $flags)"
    local x=0 i
    for ((i = 0; i < hsize; i += 4)); do
        [ $i -eq 12 ] || x=$((x ^ $(u32 "$f" $i)))
    done
    [ "$x" -eq "$sum" ] || fail "$name: checksum $sum, computed $x"
    # TLVs: Main (1, 12 bytes) and Package Name (3) equal to the file name.
    local off=16 main=0 pname="" type len
    while [ $off -lt "$hsize" ]; do
        type=$(u16 "$f" $off); len=$(u16 "$f" $((off + 2)))
        if [ "$type" -eq 1 ]; then
            [ "$len" -eq 12 ] || fail "$name: Main TLV length $len"
            main=1
            init=$(u32 "$f" $((off + 4))); trailer=$(u32 "$f" $((off + 8)))
            minram=$(u32 "$f" $((off + 12)))
        elif [ "$type" -eq 3 ]; then
            pname=$(dd if="$f" bs=1 skip=$((off + 4)) count="$len" 2>/dev/null)
        fi
        off=$((off + 4 + (len + 3) / 4 * 4))
    done
    [ $off -eq "$hsize" ] || fail "$name: TLVs end at $off, header_size $hsize"
    [ $main -eq 1 ] || fail "$name: no Main TLV"
    [ "$pname" = "$name" ] || fail "$name: package name '$pname'"
    [ "$trailer" -eq 0 ] || fail "$name: protected trailer $trailer"
    [ "$minram" -ge 1024 ] && [ "$minram" -le 16384 ] || fail "$name: minimum RAM $minram"
    # The binary starts with the 10-word crt0 header; init_fn lies past it.
    local app=$((hsize + trailer)) reldata stack
    reldata=$(u32 "$f" $((app + 32))); stack=$(u32 "$f" $((app + 36)))
    [ "$init" -ge 40 ] && [ "$init" -lt "$reldata" ] || fail "$name: init_fn +$init outside the code"
    [ $((init & 1)) -eq 0 ] || fail "$name: init_fn offset $init is odd"
    [ $((app + reldata + 4)) -le "$total" ] || fail "$name: relocations past total_size"
    [ "$stack" -ge 512 ] && [ $((stack % 8)) -eq 0 ] || fail "$name: stack size $stack"
    echo "ok: $name.tbf: total $total, header $hsize, init +$init, min RAM $minram, stack $stack"
}

n=0
for f in "$APPS"/*.tbf; do
    [ -e "$f" ] || continue
    check_tbf "$f"
    n=$((n + 1))
done
[ $n -ge 2 ] || fail "found $n TBF images in $APPS, want hello and blink at least"

# reject DESC FILE ARGS...: non-zero exit, one line on stderr naming FILE.
reject() {
    local desc=$1 file=$2; shift 2
    timeout 20 "$E2T" -o "$T/out.tbf" "$@" >"$T/stdout" 2>"$T/err"
    local rc=$?
    [ $rc -ne 0 ] || fail "$desc: accepted"
    [ $rc -lt 124 ] || fail "$desc: crashed or hung (exit $rc)"
    [ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err" >&2; fail "$desc: want a one-line message"; }
    grep -qF -- "$file" "$T/err" || { cat "$T/err" >&2; fail "$desc: message does not name $file"; }
    echo "ok: rejected $desc: $(cat "$T/err")"
}

reject "missing file" "$T/nosuch.elf" "$T/nosuch.elf"
head -c 3000 /dev/urandom >"$T/random.elf"
reject "random bytes" "$T/random.elf" "$T/random.elf"
reject "host (x86-64) ELF" "$E2T" "$E2T"
head -c 200 "$APPS/hello.elf" >"$T/trunc.elf"
reject "truncated ELF" "$T/trunc.elf" "$T/trunc.elf"
reject "stack size disagreeing with the ELF" "hello.elf" --stack 4096 "$APPS/hello.elf"
reject "min-ram below the need" "hello.elf" --min-ram 64 "$APPS/hello.elf"
reject "bad number" "--heap" --heap lots "$APPS/hello.elf"

# With the ARM toolchain: an object file, an ELF not linked with layout.ld,
# and non-PIC code (newlib's malloc) are refused.
if command -v arm-none-eabi-gcc >/dev/null && [ -f "$APPS/libctock.a" ]; then
    CF="-mcpu=cortex-m4 -mthumb -mfloat-abi=soft -Os -fPIC -msingle-pic-base
        -mpic-register=r9 -mno-pic-data-is-text-relative"
    LAYOUT=$(cd "$(dirname "$0")/../../apps" && pwd)/layout.ld
    printf 'int main(void) { return 0; }\n' >"$T/plain.c"
    printf '#include <stdlib.h>\nvoid *_sbrk(int n) { return 0; }\nint main(void) { return malloc(8) != 0; }\n' >"$T/malloc.c"
    # shellcheck disable=SC2086
    arm-none-eabi-gcc $CF -c "$T/plain.c" -o "$T/plain.o" || fail "cannot compile plain.c"
    reject "object file" "plain.o" "$T/plain.o"
    # shellcheck disable=SC2086
    arm-none-eabi-gcc $CF -nostartfiles -Wl,-e,main "$T/plain.o" -o "$T/nolayout.elf" \
        || fail "cannot link nolayout.elf"
    reject "ELF without crt0 header" "nolayout.elf" "$T/nolayout.elf"
    # shellcheck disable=SC2086
    arm-none-eabi-gcc $CF -nostartfiles -Wl,--gc-sections -T"$LAYOUT" -Wl,--emit-relocs \
        -Wl,--defsym=STACK_SIZE=1024 "$T/malloc.c" -o "$T/malloc.elf" "$APPS/libctock.a" \
        || fail "cannot link malloc.elf"
    reject "non-PIC code" "malloc.elf" "$T/malloc.elf"
    grep -q "non-PIC" "$T/err" || fail "non-PIC message does not say so"
fi
echo "PASS: elf2tbf images well formed ($n), bad input rejected"
