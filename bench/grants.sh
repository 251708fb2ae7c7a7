#!/usr/bin/env bash
# bench/grants.sh - what grants cost, from the real build (nothing here is
# a hard-coded size):
#
#  1. The kernel's own figures, asked of the test kernel: grant_hog runs on
#     ctock-sim's kernel-sim-test.elf and prints, through the grant test
#     driver (kernel/boards/common/grant_test.h), the instance header and
#     grant-table entry sizes, the process table size, and every declared
#     grant's state and instance bytes.
#  2. Per driver grant (console, alarm): bytes of grant overhead per grant
#     per process (table entry + header), and the total memory for k = 0..N
#     processes using it, with grants (each user pays its instance and the
#     table entry; every process pays the table entry) against
#     preallocating the same state (slots + capsule state) for all N
#     process slots in kernel RAM.
#  3. Kernel RAM the per-process state no longer takes, from symbol sizes
#     (arm-none-eabi-nm -S kernel-sim.elf): the process table slot and the
#     capsules' own structs.
# Usage: bench/grants.sh [BUILD_DIR]   (builds first when BUILD_DIR is omitted)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then b=$(cd "$1" && pwd); else bash "$root/scripts/build.sh" >/dev/null; b="$root/build"; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$b/ctock-sim" --headless --quiet --until 2s --expect "grant_hog: restarting" \
    "$b/fw/kernel-sim-test.elf" "$b/fw/apps/grant_hog.tbf" >"$tmp/out" 2>/dev/null || {
    echo "grant_hog did not finish a run on the test kernel:" >&2
    cat "$tmp/out" >&2
    exit 1
}
sizes=$(grep -a -m1 '^grant_hog: header ' "$tmp/out")
hdr=$(echo "$sizes" | sed -E 's/.*header ([0-9]+) bytes.*/\1/')
entry=$(echo "$sizes" | sed -E 's/.*table entry ([0-9]+) bytes.*/\1/')
procs=$(echo "$sizes" | sed -E 's/.* ([0-9]+) process slots.*/\1/')
ngrants=$(echo "$sizes" | sed -E 's/.* ([0-9]+) grants$/\1/')

echo "== grant layout (kernel-sim-test.elf, asked by grant_hog)"
echo "   instance header $hdr bytes, grant table entry $entry bytes, process table $procs slots,"
echo "   $ngrants grants declared in the test kernel"
grep -a '^grant_hog: grant ' "$tmp/out" | sed 's/^grant_hog: /   /'
grep -a -m1 -A1 '^grant_hog: got ' "$tmp/out" | sed 's/^grant_hog: /   grant_hog (4 KiB block): /'

echo "== per driver grant: overhead and memory, grants vs preallocated for $procs processes"
echo "   overhead per grant per process that uses it: $entry (table entry) + $hdr (header) = $((entry + hdr)) bytes;"
echo "   every process also pays the $entry-byte table entry of each declared grant it never uses"
printf '   %-8s %6s %6s  %-35s %12s  %s\n' driver state+ inst "with grants, k = 0 .. $procs users" preallocated "grants use less up to"
printf '   %-8s %6s %6s\n' "" slots bytes
grep -a -E '^grant_hog: grant [0-9]+: driver 0x(0|1), ' "$tmp/out" | while read -r line; do
    drv=$(echo "$line" | sed -E 's/.*driver 0x([0-9a-f]+),.*/\1/')
    inst=$(echo "$line" | sed -E 's/.*instance ([0-9]+) bytes$/\1/')
    case $drv in 0) name=alarm ;; 1) name=console ;; *) name="0x$drv" ;; esac
    state=$((inst - hdr))
    row="" even=0
    for k in $(seq 0 "$procs"); do
        row="$row $((k * inst + procs * entry))"
        [ $((k * inst + procs * entry)) -le $((procs * state)) ] && even=$k
    done
    printf '   %-8s %6u %6u  %-35s %12u  %u of %u users\n' "$name" "$state" "$inst" "$row" \
        $((procs * state)) "$even" "$procs"
done
echo "   (with grants: k instances + one table entry in each of the $procs processes;"
echo "    preallocated: state + slots x $procs in kernel RAM, whoever uses the driver)"

echo "== kernel RAM (arm-none-eabi-nm -S kernel-sim.elf)"
nm=${NM:-arm-none-eabi-nm}
sym() { printf '%d' "0x$("$nm" -S "$b/fw/kernel-sim.elf" | awk -v s="$1" '$4 == s { print $2 }')"; }
pt=$(sym process_table)
echo "   process_table $pt bytes ($((pt / procs)) per process: registers, upcall queue, bounds, MPU;"
echo "   no upcall or allow slots any more), console $(sym console) bytes, alarm_drv $(sym alarm_drv) bytes"
echo "   (capsule structs without per-process arrays), grant registry $(( $(sym grants) + $(sym grant_count) )) bytes"
"${SIZE:-arm-none-eabi-size}" "$b/fw/kernel-sim.elf" | sed 's/^/   /'
