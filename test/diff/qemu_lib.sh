# Shared by the QEMU tests that stop QEMU at a verdict (sourced): the
# an386 kernel and app images on qemu-system-arm -M mps2-an386, which runs
# on wall-clock time, so a test waits for the line it needs instead of a
# fixed time. A missing qemu-system-arm is a failure: set-up installs it.
command -v qemu-system-arm >/dev/null ||
    { echo "FAIL: qemu-system-arm is not installed (scripts/setup.sh installs it)"; exit 1; }

# qemu_run BUILD OUT SECS PATTERN TBF...: packs the TBFs into app flash
# (tbfpack, ctock-sim's layout), runs QEMU until a console line matches the
# extended regex PATTERN, QEMU ends, or SECS seconds pass; the console,
# CRs stripped, goes to OUT and QEMU's stderr to OUT.err. 1 when the images
# cannot be packed.
qemu_run() {
    local build=$1 out=$2 secs=$3 pattern=$4
    shift 4
    "$build/tbfpack" -o "$out.apps" "$@" >/dev/null || { echo "FAIL: could not pack $*"; return 1; }
    qemu-system-arm -M mps2-an386 -display none -monitor none -serial stdio \
        -kernel "$build/fw/kernel-an386.elf" -device loader,file="$out.apps",addr=0x40000 \
        </dev/null >"$out.raw" 2>"$out.err" &
    local qpid=$! _
    for _ in $(seq $((secs * 10))); do
        tr -d '\r' <"$out.raw" | grep -qE -- "$pattern" && break
        kill -0 "$qpid" 2>/dev/null || break
        sleep 0.1
    done
    sleep 0.2
    kill "$qpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
    tr -d '\r' <"$out.raw" >"$out"
    return 0
}
