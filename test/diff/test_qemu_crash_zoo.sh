#!/usr/bin/env bash
# test_qemu_crash_zoo.sh BUILD_DIR - the crash zoo (apps/tests/) on
# qemu-system-arm -M mps2-an386, whose MPU is an independent model of the
# ARMv7-M one: each zoo app runs after blink with the an386 kernel and its
# default fault policy (restart, threshold 3), and test/system/crash_zoo.sh
# checks the fault class and address in the dump, the policy (4 faults,
# 3 restarts, stopped) and that blink keeps running. Then the test kernel
# (fault policy panic, kernel-fault test driver): a process fault panics,
# a kernel fault prints the kernel fault dump and halts.
# Runs up to 4 QEMUs at a time, QEMU_SECONDS (4) each.
set -uo pipefail

build=${1:?usage: test_qemu_crash_zoo.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../system/crash_zoo.sh"
apps=$build/fw/apps
secs=${QEMU_SECONDS:-4}

if ! command -v qemu-system-arm >/dev/null 2>&1; then
    echo "FAIL: qemu-system-arm is not installed"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_qemu NAME KERNEL TBF...: console (CR stripped) into $tmp/NAME.txt
run_qemu() {
    local name=$1 kernel=$2
    shift 2
    "$build/tbfpack" -o "$tmp/$name.bin" "$@" >/dev/null || { echo "pack failed" >"$tmp/$name.txt"; return; }
    timeout -s INT "$secs" qemu-system-arm -M mps2-an386 -display none -monitor none \
        -serial stdio -kernel "$kernel" -device loader,file="$tmp/$name.bin",addr=0x40000 \
        </dev/null 2>"$tmp/$name.err" | tr -d '\r' >"$tmp/$name.txt"
}

n=0
for app in $ZOO_APPS; do
    run_qemu "$app" "$build/fw/$(zoo_kernel "$app" an386)" "$apps/blink.tbf" "$apps/$app.tbf" &
    n=$((n + 1))
    [ $((n % 4)) -eq 0 ] && wait
done
run_qemu panic "$build/fw/kernel-an386-test.elf" "$apps/blink.tbf" "$apps/null_deref.tbf" &
run_qemu kfault "$build/fw/kernel-an386-test.elf" "$apps/blink.tbf" "$apps/kernel_fault1.tbf" &
wait

fail=0
for app in $ZOO_APPS; do
    zoo_check "$app" "$tmp/$app.txt" >"$tmp/$app.check" && continue
    # QEMU runs on wall-clock time: on a loaded machine a 4 s run may not
    # get through all restarts. Run that app once more, alone, for longer;
    # only a second failure counts.
    secs=$((secs * 2)) run_qemu "$app" "$build/fw/$(zoo_kernel "$app" an386)" \
        "$apps/blink.tbf" "$apps/$app.tbf"
    if ! zoo_check "$app" "$tmp/$app.txt"; then
        fail=1
        echo "(first run:)"; cat "$tmp/$app.check"
        echo "---- $app: QEMU console (first 60 lines) ----"
        head -60 "$tmp/$app.txt"
    fi
done

# Fault policy panic: the dump, then the panic, then nothing more.
out=$tmp/panic.txt
for re in "^ctock: process 'null_deref' faulted: MemManage DACCVIOL MMARVALID at 0x00000000" \
    "^ctock: ---\| end of fault dump \|---$" \
    "^ctock: kernel panic: process 'null_deref' faulted \(fault policy panic\)$"; do
    grep -qE -- "$re" "$out" || { echo "FAIL: panic policy: no line matching '$re'"; fail=1; }
done
if sed -n '/kernel panic/,$p' "$out" | grep -q '^blink: LED'; then
    echo "FAIL: panic policy: processes ran after the panic"; fail=1
fi
# A kernel fault: the kernel fault dump (UsageFault UNDEFINSTR in the
# test driver), then the panic.
out=$tmp/kfault.txt
for re in "^kernel_fault: start, command 1$" \
    "^ctock: kernel fault: UsageFault UNDEFINSTR, pc 0x[0-9a-f]{8}$" \
    "^ctock: ---\| kernel fault dump \|---$" "^ctock:   UNDEFINSTR  Undefined instruction$" \
    "^ctock:   r4  0x[0-9a-f]{8}  r5  " "^ctock: kernel panic: kernel fault$"; do
    grep -qE -- "$re" "$out" || { echo "FAIL: kernel fault: no line matching '$re'"; fail=1; }
done
if grep -q '^kernel_fault: command returned' "$out"; then
    echo "FAIL: kernel fault: the process ran on"; fail=1
fi
[ "$fail" -eq 0 ] || { echo "---- panic ----"; head -50 "$tmp/panic.txt"; echo "---- kfault ----"; cat "$tmp/kfault.txt"; }

if [ "$fail" -ne 0 ]; then
    exit 1
fi
echo "PASS: crash zoo on qemu-system-arm mps2-an386: $(echo $ZOO_APPS | wc -w) apps, fault policy restart/stop and panic, kernel fault"
exit 0
