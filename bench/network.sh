#!/usr/bin/env bash
# bench/network.sh - wall time to simulate 60 virtual seconds of 802.15.4
# networks on ctock-sim (issue 5's figure), printed, not asserted:
#
#  1. a 2-node ping/pong (radio_ping: 100 acknowledged requests and
#     replies, then pong listens on);
#  2. 10 nodes in one cell (everyone hears everyone), each running
#     radio_tx_jitter (a broadcast frame every second, random phase) and
#     radio_rx (prints every frame heard): ~90 receptions per second;
#  3. 100 nodes on a 10 x 10 grid, 10 m apart, unit disk with 15 m TX range
#     and 30 m interference range (each node hears its 2-4 neighbours),
#     the same two apps on every node.
#
# For each: wall time, virtual seconds per wall second, frames sent and
# received (deterministic counts for the seed), instructions, max RSS.
# Usage: bench/network.sh [BUILD_DIR] [VIRTUAL_SECONDS]   (default 60)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then b=$(cd "$1" && pwd); else bash "$root/scripts/build.sh" >/dev/null; b="$root/build"; fi
secs=${2:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$b/fw" "$tmp/fw"
K='kernel = "fw/kernel-sim.elf"'
APPS='apps = ["fw/apps/radio_tx_jitter.tbf", "fw/apps/radio_rx.tbf"]'

cat >"$tmp/pingpong.cfg" <<EOF2
seed = 1; medium = { model = "unit_disk"; tx_range = 30.0; interference_range = 60.0; };
nodes = ( { name = "a"; position = [0.0, 0.0]; $K; apps = ["fw/apps/radio_ping.tbf"]; },
          { name = "b"; position = [10.0, 0.0]; $K; apps = ["fw/apps/radio_pong.tbf"]; } );
EOF2
cat >"$tmp/cell10.cfg" <<EOF2
seed = 1; medium = { model = "unit_disk"; tx_range = 100.0; interference_range = 200.0; };
nodes = ( { name = "n"; count = 10; position = [0.0, 0.0]; step = [5.0, 0.0]; $K; $APPS; } );
EOF2
{
    echo 'seed = 1; medium = { model = "unit_disk"; tx_range = 15.0; interference_range = 30.0; };'
    echo 'nodes = ('
    for row in $(seq 0 9); do
        echo "  { name = \"r${row}c\"; count = 10; position = [0.0, $((row * 10)).0]; step = [10.0, 0.0]; $K; $APPS; }$([ "$row" -lt 9 ] && echo ,)"
    done
    echo ');'
} >"$tmp/grid100.cfg"

printf '%-10s %9s %14s %8s %10s %13s %9s\n' network wall_s virtual_s/wall frames receptions instructions rss_MiB
for net in pingpong cell10 grid100; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$b/ctock-sim" --scenario "$tmp/$net.cfg" --until "${secs}s" \
        >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    read -r wall rss <"$tmp/time"
    frames=$(sed -nE 's/^ctock-sim: radio: ([0-9]+) frames sent, ([0-9]+) receptions ok.*/\1/p' "$tmp/err")
    recv=$(sed -nE 's/^ctock-sim: radio: ([0-9]+) frames sent, ([0-9]+) receptions ok.*/\2/p' "$tmp/err")
    instr=$(sed -nE 's/^ctock-sim: wall time .*, ([0-9]+) instructions.*/\1/p' "$tmp/err")
    awk -v n="$net" -v w="$wall" -v s="$secs" -v f="$frames" -v r="$recv" -v i="$instr" -v m="$rss" \
        'BEGIN { printf "%-10s %9.2f %14.2f %8d %10d %13d %9.0f\n", n, w, s / w, f, r, i, m / 1024 }'
done
