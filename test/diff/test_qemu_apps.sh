#!/usr/bin/env bash
# test_qemu_apps.sh BUILD_DIR - the hello and blink apps on QEMU's
# mps2-an386 (an independent emulator of the real CPU), with the an386
# kernel build. The apps are packed into one 256 KiB app-flash image by
# build/tbfpack, which shares ctock-sim's layout code (sim/app_flash.c), so
# QEMU runs the same app flash bytes; it is loaded at 0x40000 and run for
# about 8 seconds of wall time. Passes when the kernel boots, loads both
# processes, hello prints its greeting and exits with 0, blink prints at
# least 3 LED lines, nothing faults, and each app's lines match the
# first lines the same app prints on ctock-sim. A missing qemu-system-arm
# is a failure: set-up installs it.
set -uo pipefail

build=${1:?usage: test_qemu_apps.sh BUILD_DIR}
kernel=$build/fw/kernel-an386.elf
apps=$build/fw/apps
secs=${QEMU_SECONDS:-8}

if ! command -v qemu-system-arm >/dev/null 2>&1; then
    echo "FAIL: qemu-system-arm is not installed (scripts/setup.sh installs it)"
    exit 1
fi
for f in "$kernel" "$build/tbfpack" "$apps/hello.tbf" "$apps/blink.tbf"; do
    if [ ! -f "$f" ]; then
        echo "FAIL: $f is missing (run the build first)"
        exit 1
    fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tbfpack" -o "$tmp/apps.bin" "$apps/hello.tbf" "$apps/blink.tbf" >/dev/null || {
    echo "FAIL: could not pack the app images"
    exit 1
}

timeout -s INT "$secs" qemu-system-arm -M mps2-an386 -display none -monitor none \
    -serial stdio -kernel "$kernel" \
    -device loader,file="$tmp/apps.bin",addr=0x40000 </dev/null >"$tmp/out.txt" 2>"$tmp/err.txt"
tr -d '\r' <"$tmp/out.txt" >"$tmp/console.txt"

fail=0
expect() {   # expect PATTERN DESCRIPTION [MIN_COUNT]
    local n
    n=$(grep -cE -- "$1" "$tmp/console.txt")
    if [ "$n" -lt "${3:-1}" ]; then
        echo "FAIL: $2 (pattern '$1' seen $n times, wanted at least ${3:-1})"
        fail=1
    fi
}
expect '^ctock: booting on board an386 \(25 MHz\)$' "kernel boot message"
expect "^ctock: process 'hello' loaded" "hello loaded"
expect "^ctock: process 'blink' loaded" "blink loaded"
expect '^hello: Hello, World!$' "hello's greeting"
expect "^ctock: process 'hello' exited \(0\)$" "hello exits with 0"
expect '^blink: LED 0 (on|off)$' "blink's LED lines" 3
if grep -qE 'faulted|kernel fault' "$tmp/console.txt"; then
    echo "FAIL: a fault was reported"
    fail=1
fi

# The same apps on ctock-sim must print the same lines: for each app, the
# sequence of its lines on QEMU is a prefix of its sequence on ctock-sim
# (QEMU runs in wall time, so it gets through fewer blink periods, and the
# interleaving of different apps may differ).
"$build/ctock-sim" --headless --quiet --until 20s "$build/fw/kernel-sim.elf" \
    "$apps/hello.tbf" "$apps/blink.tbf" >"$tmp/sim.txt" 2>"$tmp/sim_err.txt" || {
    echo "FAIL: ctock-sim run failed"; cat "$tmp/sim_err.txt"; fail=1; }
for app in hello blink; do
    grep -E "^$app: " "$tmp/console.txt" >"$tmp/q_$app.txt"
    grep -E "^$app: " "$tmp/sim.txt" >"$tmp/s_$app.txt"
    n=$(wc -l <"$tmp/q_$app.txt")
    if [ "$n" -eq 0 ] || ! head -n "$n" "$tmp/s_$app.txt" | cmp -s - "$tmp/q_$app.txt"; then
        echo "FAIL: $app's lines on QEMU ($n) are not the first lines it prints on ctock-sim"
        diff <(head -n "$n" "$tmp/s_$app.txt") "$tmp/q_$app.txt" | head -20
        fail=1
    fi
done

if [ "$fail" -ne 0 ]; then
    echo "---- QEMU console ----"
    cat "$tmp/console.txt"
    echo "---- QEMU stderr ----"
    cat "$tmp/err.txt"
    exit 1
fi
echo "PASS: hello and blink on qemu-system-arm mps2-an386 print the same lines as on ctock-sim ($(grep -c '^blink: LED' "$tmp/console.txt") blink lines in ${secs}s)"
exit 0
