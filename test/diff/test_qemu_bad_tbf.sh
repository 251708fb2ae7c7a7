#!/usr/bin/env bash
# test_qemu_bad_tbf.sh BUILD_DIR - TBF headers ctock-sim's loader refuses
# to place (so test/system can't show them to the kernel), loaded raw into
# QEMU's app flash: a total_size that is not a multiple of 4 cannot be
# skipped safely, so the kernel stops scanning there (blink behind it is
# not loaded) and nothing faults; a wrapping init_fn_offset or
# protected_trailer_size is skipped by its (good) total_size, so the
# intact hello placed right behind it (0x40800) runs.
set -uo pipefail
build=${1:?usage: test_qemu_bad_tbf.sh BUILD_DIR}
source "$(cd "$(dirname "$0")" && pwd)/../system/tbf_craft.sh"
apps=$build/fw/apps
if ! command -v qemu-system-arm >/dev/null 2>&1; then
    echo "FAIL: qemu-system-arm is not installed"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

run() {   # NAME OFFSET VALUE -> $tmp/NAME.txt (modified hello at 0x40000, hello at 0x40800)
    cp "$apps/hello.tbf" "$tmp/$1.tbf"
    tbf_set "$tmp/$1.tbf" "$2" "$3"
    timeout -s INT 3 qemu-system-arm -M mps2-an386 -display none -monitor none -serial stdio \
        -kernel "$build/fw/kernel-an386.elf" \
        -device loader,file="$tmp/$1.tbf",addr=0x40000 \
        -device loader,file="$apps/hello.tbf",addr=0x40800 </dev/null 2>/dev/null |
        tr -d '\r' >"$tmp/$1.txt"
}
expect() {   # NAME REGEX
    grep -qE -- "$2" "$tmp/$1.txt" || { echo "FAIL: $1: no line matching '$2'"; cat "$tmp/$1.txt"; fail=1; }
}
refuse() {
    if grep -qE -- "$2" "$tmp/$1.txt"; then echo "FAIL: $1: unexpected '$2'"; fail=1; fi
}

run odd_total 4 2050
expect odd_total "^ctock: app at 0x00040000: bad header or total size, stopped scanning$"
refuse odd_total "^ctock: process 'hello' loaded"
refuse odd_total "faulted|kernel"
for c in "initfn_wrap 20 0xFFFFFFD4" "ptrail_wrap 24 0xFFFFFFF0"; do
    set -- $c
    run "$1" "$2" "$3"
    expect "$1" "^ctock: app at 0x00040000: bad header or total size, skipped$"
    expect "$1" "^ctock: process 'hello' loaded: flash 0x00040800 "
    expect "$1" "^hello: Hello, World!$"
    refuse "$1" "faulted|kernel"
done
[ $fail -eq 0 ] || exit 1
echo "PASS: odd total_size stops the scan; wrapping init_fn/trailer offsets are skipped (QEMU)"
