#!/usr/bin/env bash
# test_mpu_conformance.sh BUILD_DIR [--log DIR] - differential MPU test:
# the MPU conformance firmware (test/diff/mpu_conformance) runs on
# qemu-system-arm -M mps2-an386 and on ctock-sim; both console logs (every
# probe's result, CFSR, MMFAR/BFAR, stacked PC, the MPU register read-back) must be
# identical. QEMU's log must also agree with the ARMv7-M rules (no MISMATCH
# line), and so must ctock-sim's, except that the probes QEMU 7.2 is known to
# get wrong (its MISMATCH lines say "known QEMU 7.2 deviation": unaligned
# loads crossing into a no-access area inside one 1 KiB page) are judged by
# the rules alone, not compared. On a difference: which scenarios, kinds and
# privileges differ and the first differing lines. --log DIR keeps qemu.txt,
# sim.txt and diff.txt.
# A missing qemu-system-arm is a failure: set-up installs it.
set -uo pipefail
build=${1:?usage: test_mpu_conformance.sh BUILD_DIR [--log DIR]}
logdir=
[ "${2:-}" = --log ] && logdir=${3:?--log needs a directory}
. "$(dirname "$0")/mpu_conformance/run.sh"
mpuconf_require "$build"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mpuconf_qemu "$build" "$tmp/qemu.txt"
mpuconf_sim "$build" "$tmp/sim.txt"
sim_rc=$?
known=$(mpuconf_known_ids "$tmp/qemu.txt")
mpuconf_drop_ids "$known" "$tmp/qemu.txt" >"$tmp/q.cmp"
mpuconf_drop_ids "$known" "$tmp/sim.txt" >"$tmp/s.cmp"
diff "$tmp/q.cmp" "$tmp/s.cmp" >"$tmp/diff.txt"
if [ -n "$logdir" ]; then
    mkdir -p "$logdir"
    cp "$tmp/qemu.txt" "$tmp/sim.txt" "$tmp/diff.txt" "$logdir/"
fi

fail=0
if ! summary=$(mpuconf_check "$tmp/qemu.txt"); then
    echo "FAIL: QEMU's log is not a valid reference: $summary"; fail=1
fi
if grep -q '^MISMATCH' "$tmp/sim.txt"; then
    echo "FAIL: ctock-sim breaks the ARMv7-M rules in $(grep -c '^MISMATCH' "$tmp/sim.txt") probes:"
    grep -B1 '^MISMATCH' "$tmp/sim.txt" | grep -v '^--' | head -20 | sed 's/^/    /'
    fail=1
fi
for id in $known; do
    grep -q "^$id " "$tmp/sim.txt" || { echo "FAIL: probe $id missing from ctock-sim's log"; fail=1; }
done
if [ ! -s "$tmp/diff.txt" ] && [ "$fail" -eq 0 ]; then
    echo "PASS: mpu_conformance: $(wc -l <"$tmp/q.cmp") lines identical on QEMU and ctock-sim" \
         "($summary; the $(echo $known | wc -w) known QEMU deviations right on ctock-sim)"
    exit 0
fi
[ -s "$tmp/diff.txt" ] || exit "$fail"

# What differs: probe lines joined on their id.
echo "FAIL: mpu_conformance logs differ between QEMU (<) and ctock-sim (>) (ctock-sim exit $sim_rc)"
grep -h '^mpu_conformance: runaway' "$tmp/sim.txt"
[ -s "$tmp/sim.txt.stderr" ] && tail -3 "$tmp/sim.txt.stderr" | sed 's/^/  /'
echo "  last line from ctock-sim: $(tail -1 "$tmp/sim.txt")"
awk '
    FNR == 1 { file++ }
    /^scenario / { name[substr($2, 2) + 0] = $3 }
    /^p[0-9]+ / {
        id = $1; line[file, id] = $0
        if (file == 1) { order[++n] = id; scen[id] = substr($2, 2) + 0; key[id] = $3 " " $4 }
    }
    END {
        for (i = 1; i <= n; i++) {
            id = order[i]
            if (line[1, id] == line[2, id]) continue
            nd++; s = scen[id]
            if (!(s in cnt)) so[++ns] = s
            cnt[s]++; kinds[s] = kinds[s] (index(kinds[s], key[id]) ? "" : " [" key[id] "]")
            if (!((2, id) in line)) missing++
        }
        printf "  %d of %d probes differ", nd, n
        if (missing) printf " (%d missing from ctock-sim)", missing
        printf "\n"
        for (i = 1; i <= ns; i++)
            printf "  s%02d %-20s %4d probes:%s\n", so[i], name[so[i]], cnt[so[i]], kinds[so[i]]
    }' "$tmp/q.cmp" "$tmp/s.cmp"
echo "  first differences:"
head -30 "$tmp/diff.txt" | sed 's/^/    /'
exit 1
