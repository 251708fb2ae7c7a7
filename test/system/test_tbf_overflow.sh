# TBF header values chosen to wrap 32-bit sums (review findings): a huge
# minimum_ram_size must not wrap the RAM block size into a tiny block
# ("not enough RAM ..., skipped"), and a huge init_fn_offset or
# protected_trailer_size must not wrap the bounds checks against
# total_size ("bad header or total size, skipped"). In every case the app
# does not run and blink, loaded after it, does.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tbf_craft.sh"

# The crafting itself: an unmodified copy keeps its checksum.
cp "$APPS/hello.tbf" "$T/same.tbf"
tbf_fix_checksum "$T/same.tbf"
cmp -s "$APPS/hello.tbf" "$T/same.tbf" || fail "tbf_fix_checksum changed an intact header"

run() {   # NAME OFFSET VALUE EXPECTED_LINE
    cp "$APPS/hello.tbf" "$T/$1.tbf"
    tbf_set "$T/$1.tbf" "$2" "$3"
    [ "$(tbf_word "$T/$1.tbf" "$2")" -eq $(( $3 & 0xFFFFFFFF )) ] || fail "$1: crafting failed"
    "$SIM" --headless --until 1200ms "$KERNEL" "$T/$1.tbf" "$APPS/blink.tbf" >"$T/$1.out" 2>"$T/$1.err"
    rc=$?
    [ $rc -eq 0 ] || { cat "$T/$1.err" >&2; fail "$1: ctock-sim exit $rc, want 0"; }
    expect_line "$T/$1.out" "$4"
    grep -q "^hello:" "$T/$1.out" && fail "$1: the bad app ran"
    grep -qE "faulted|kernel" "$T/$1.out" && { cat "$T/$1.out" >&2; fail "$1: a fault was reported"; }
    expect_line "$T/$1.out" "blink: LED 0 on"
}

run minram_ffffffff 28 0xFFFFFFFF "ctock: process 'hello': not enough RAM for 4294967295 bytes, skipped"
run minram_ffffff00 28 0xFFFFFF00 "ctock: process 'hello': not enough RAM for 4294967040 bytes, skipped"
run minram_80000000 28 0x80000000 "ctock: process 'hello': not enough RAM for 2147483648 bytes, skipped"
run minram_64k 28 65536 "ctock: process 'hello': not enough RAM for 65536 bytes, skipped"
run initfn_wrap 20 0xFFFFFFD4 "ctock: app at 0x00040000: bad header or total size, skipped"
run initfn_total 20 $(( $(tbf_word "$APPS/hello.tbf" 4) - 44 )) "ctock: app at 0x00040000: bad header or total size, skipped"
run ptrail_wrap 24 0xFFFFFFF0 "ctock: app at 0x00040000: bad header or total size, skipped"
pass "wrapping TBF sizes are rejected, blink still runs"
