#!/usr/bin/env bash
# bench/world.sh - what a network costs on ctock-sim, printed (not
# asserted: shared, noisy machines):
#
#  1. memory: resident size of a world of N hello nodes (and per node)
#  2. a sleeping node per quantum: the same world run for 1 s and for
#     1 + S s of virtual time; the extra CPU time over the extra node-quanta
#     is what a node asleep through a quantum costs (no uc_emu_start: its
#     clock jumps to the quantum's end)
#  3. a radio_ping/radio_pong pair for 10 virtual seconds: virtual seconds
#     per wall second
# Usage: bench/world.sh [BUILD_DIR] [N] [S]   (defaults: build, 100, 20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then b=$(cd "$1" && pwd); else bash "$root/scripts/build.sh" >/dev/null; b="$root/build"; fi
n=${2:-100}
secs=${3:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$b/fw" "$tmp/fw"
cat >"$tmp/idle.cfg" <<EOF2
medium = { model = "constant_loss"; loss = 0.0; };
nodes = ( { name = "n"; count = $n; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/hello.tbf"]; } );
EOF2

# run UNTIL -> "cpu_seconds max_rss_kb quanta"
run() {
    /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$b/ctock-sim" --scenario "$tmp/idle.cfg" \
        --until "$1" >/dev/null 2>"$tmp/err"
    read -r u s m <"$tmp/time"
    q=$(sed -nE 's/.* ([0-9]+) quanta of .*/\1/p' "$tmp/err")
    awk -v u="$u" -v s="$s" -v m="$m" -v q="$q" 'BEGIN { print u + s, m, q }'
}
read -r c1 m1 q1 < <(run 1s)
read -r c2 m2 q2 < <(run "$((secs + 1))s")
echo "world of $n hello nodes: max resident $((m2 / 1024)) MiB, $((m2 / n)) KiB per node"
awk -v c1="$c1" -v c2="$c2" -v q1="$q1" -v q2="$q2" -v n="$n" -v s="$secs" 'BEGIN {
    nq = (q2 - q1) * n
    printf "sleeping node per quantum: %.0f ns (%d node-quanta in %.2f s CPU over %d virtual s)\n",
           (c2 - c1) * 1e9 / nq, nq, c2 - c1, s }'

cat >"$tmp/ping.cfg" <<'EOF2'
medium = { model = "constant_loss"; loss = 0.0; };
nodes = ( { name = "a"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/radio_ping.tbf"]; },
          { name = "b"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/radio_pong.tbf"]; } );
EOF2
"$b/ctock-sim" --scenario "$tmp/ping.cfg" --until 10s >/dev/null 2>"$tmp/err"
grep -E "^ctock-sim: (radio|wall time)" "$tmp/err" | sed 's/^ctock-sim: /ping\/pong, 10 s: /'
