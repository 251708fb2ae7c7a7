# run.sh - sourced by test/diff/test_mpu_conformance*.sh: run
# mpu_conformance.elf on QEMU or on ctock-sim and leave its console log.
#
#   mpuconf_require BUILD_DIR      QEMU installed and the firmware built, or FAIL
#   mpuconf_qemu BUILD_DIR OUT     qemu-system-arm -M mps2-an386; stopped when
#                                  the done line (or a runaway-fault line)
#                                  appears, after 60 s at the latest
#   mpuconf_sim BUILD_DIR OUT      ctock-sim --until 10s, stops on the done line;
#                                  killed after 120 s of wall time (a hang)
#   mpuconf_check LOG              the log is complete and agrees with the
#                                  ARMv7-M rules: prints a summary, returns 1
#                                  on MISMATCH lines (except those marked as a
#                                  known QEMU 7.2 deviation), no done line, or
#                                  too few probes
#   mpuconf_known_ids LOG          ids (p0123) of the known-QEMU-deviation
#                                  MISMATCH lines
#   mpuconf_drop_ids IDS LOG       LOG without those probes' lines
#
# Logs are normalised to "\n" line ends.

MPUCONF_DONE='mpu_conformance: done'
MPUCONF_MIN_PROBES=300

mpuconf_elf() { echo "$1/fw/mpu_conformance.elf"; }

# mpuconf_require BUILD_DIR: QEMU is installed (set-up installs it) and the
# firmware is built; otherwise a FAIL line and exit 1.
mpuconf_require() {
    command -v qemu-system-arm >/dev/null ||
        { echo "FAIL: qemu-system-arm is not installed (scripts/setup.sh installs it)"; exit 1; }
    [ -f "$(mpuconf_elf "$1")" ] || { echo "FAIL: $(mpuconf_elf "$1") not built"; exit 1; }
}

mpuconf_qemu() {
    local build=$1 out=$2 raw qpid
    raw=$(mktemp)
    qemu-system-arm -M mps2-an386 -display none -monitor none -serial stdio \
        -kernel "$(mpuconf_elf "$build")" </dev/null >"$raw" 2>"$out.stderr" &
    qpid=$!
    for _ in $(seq 600); do
        grep -qE "^($MPUCONF_DONE .* probes|mpu_conformance: runaway)" "$raw" && break
        kill -0 "$qpid" 2>/dev/null || break
        sleep 0.1
    done
    sleep 0.1   # the rest of the line
    kill "$qpid" 2>/dev/null; wait "$qpid" 2>/dev/null
    tr -d '\r' <"$raw" >"$out"
    rm -f "$raw"
}

mpuconf_sim() {
    local build=$1 out=$2
    timeout -k 5 120 "$build/ctock-sim" --headless --quiet --until 10s \
        --expect "$MPUCONF_DONE" --expect $' probes\n' \
        "$(mpuconf_elf "$build")" >"$out.raw" 2>"$out.stderr"
    local rc=$?
    [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && echo "ctock-sim: killed after 120 s of wall time" >>"$out.stderr"
    tr -d '\r' <"$out.raw" >"$out"
    rm -f "$out.raw"
    return $rc
}

mpuconf_check() {
    local log=$1 n mm
    if ! grep -q "^$MPUCONF_DONE [0-9]* probes$" "$log"; then
        echo "no '$MPUCONF_DONE' line; last lines:"; tail -5 "$log"; return 1
    fi
    n=$(sed -n "s/^$MPUCONF_DONE \([0-9]*\) probes$/\1/p" "$log")
    mm=$(grep '^MISMATCH' "$log" | grep -vc 'known QEMU')
    known=$(grep '^MISMATCH' "$log" | grep -c 'known QEMU')
    echo "$n probes, $(grep -c '^p[0-9]* .* fault ' "$log") faults, $mm MISMATCH lines" \
         "(+$known known QEMU 7.2 deviations)"
    if [ "$mm" -ne 0 ]; then
        grep -B1 '^MISMATCH' "$log" | grep -v 'known QEMU' | head -40; return 1
    fi
    if [ "$n" -lt "$MPUCONF_MIN_PROBES" ]; then
        echo "only $n probes (want >= $MPUCONF_MIN_PROBES)"; return 1
    fi
    return 0
}

mpuconf_known_ids() {
    sed -n 's/^MISMATCH \(p[0-9]*\): .*known QEMU.*/\1/p' "$1"
}

mpuconf_drop_ids() {
    local ids=$1 log=$2
    if [ -z "$ids" ]; then cat "$log"; return; fi
    grep -vE "^(MISMATCH )?($(echo $ids | tr ' ' '|'))[: ]" "$log"
}
