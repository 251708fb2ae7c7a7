# 802.15.4 networks on ctock-sim worlds (issue 5's scenarios):
#  1. two nodes in range: radio_ping/radio_pong exchange 100 requests and
#     100 replies, every frame acknowledged, nothing lost on the air; a
#     radio_rx next to radio_pong (two processes sharing b's radio through
#     the virtual MAC) hears all 100 requests too;
#  2. out of range: a sender's frames never reach a listener 100 m away
#     (the listener prints nothing; --radio-log-all shows out-of-range);
#  3. a 10-node broadcast (1 sender, 9 listeners) under a 20% constant-loss
#     medium delivers within the binomial band for the seed, every listener
#     prints exactly the frames the log says it got, and a second run
#     delivers exactly the same frames (byte-identical log and console);
#  4. hidden terminals: two senders out of each other's range, a listener
#     between them; every pair of frames that overlaps at the listener is
#     lost there (both, "collision"), every frame that overlaps nothing is
#     received;
#  5. pcaps: tshark decodes the network capture (one record per "tx" line,
#     valid FCS) and a node's capture (its sent + received-ok frames).
source "$(dirname "$0")/lib.sh"
ln -s "$B/fw" "$T/fw"
node() {   # NAME X APPS...: one scenario node entry
    local name=$1 x=$2; shift 2
    local apps=""
    for a in "$@"; do apps+="${apps:+, }\"fw/apps/$a.tbf\""; done
    echo "{ name = \"$name\"; position = [$x, 0.0]; kernel = \"fw/kernel-sim.elf\"; apps = [$apps]; }"
}
run() {   # NAME [flags]: runs $T/NAME.cfg -> NAME.out, NAME.err, NAME.log
    local name=$1; shift
    "$SIM" --scenario "$T/$name.cfg" --radio-log "$T/$name.log" "$@" >"$T/$name.out" 2>"$T/$name.err" \
        || { tail -20 "$T/$name.err" >&2; fail "$name: run failed"; }
    grep -q "after their SFD" "$T/$name.err" && fail "$name: frames told to a radio too late"
    return 0
}
DISK='medium = { model = "unit_disk"; tx_range = 30.0; interference_range = 30.0; };'

# 1. ping/pong in range -------------------------------------------------
cat >"$T/pp.cfg" <<EOF
seed = 7; $DISK
nodes = ( $(node a 0.0 radio_ping), $(node b 10.0 radio_pong radio_rx) );
EOF
run pp --until 15s --expect "[a] radio_ping: done sent=100 acked=100 replies=100"
[ "$(grep -c '^\[a\] radio_ping: req [0-9]* status OK reply yes$' "$T/pp.out")" -eq 100 ] ||
    fail "ping/pong: not every request acknowledged and answered"
[ "$(grep -c '^\[b\] radio_pong: req [0-9]* from 0x0001 reply status OK$' "$T/pp.out")" -eq 100 ] ||
    fail "ping/pong: pong did not answer 100 requests with acknowledged replies"
[ "$(grep -c '^\[b\] radio_rx: from 0x0001 seq [0-9]* len [0-9]* payload "ping [0-9]*"$' "$T/pp.out")" -eq 100 ] ||
    fail "ping/pong: radio_rx on b did not hear the 100 requests"
grep -q ' drop ' "$T/pp.log" && { grep ' drop ' "$T/pp.log" | head >&2; fail "ping/pong: frames dropped in range"; }
tx=$(grep -c ' tx ' "$T/pp.log"); ok=$(grep -c ' ok ' "$T/pp.log")
[ "$tx" -eq 400 ] && [ "$ok" -eq 400 ] ||
    fail "ping/pong: $tx frames sent, $ok received (want 400: requests, replies and their ACKs)"

# 2. out of range ------------------------------------------------------
cat >"$T/far.cfg" <<EOF
$DISK
nodes = ( $(node a 0.0 radio_tx), $(node b 100.0 radio_rx) );
EOF
run far --until 5500ms --radio-log-all
[ "$(grep -c '^\[a\] radio_tx: sent [0-9]* status OK$' "$T/far.out")" -eq 5 ] || fail "out of range: a did not send 5 frames"
grep -q '^\[b\] radio_rx: from' "$T/far.out" && fail "out of range: b received a frame"
[ "$(grep -c ' drop b id=[0-9]* out-of-range' "$T/far.log")" -eq 5 ] ||
    fail "out of range: want 5 out-of-range outcomes at b in the full log"

# 3. 10-node broadcast, 20% loss ----------------------------------------
{
    echo 'seed = 20; medium = { model = "constant_loss"; loss = 0.2; };'
    echo "nodes = ( $(node s 0.0 radio_tx),"
    echo '  { name = "r"; count = 9; position = [1.0, 0.0]; step = [1.0, 0.0]; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/radio_rx.tbf"]; } );'
} >"$T/loss.cfg"
run loss --until 20500ms
frames=$(grep -c ' tx s ' "$T/loss.log")
[ "$frames" -eq 20 ] || fail "loss: $frames frames sent, want 20"
ok=$(grep -c ' rx r[0-9] id=[0-9]* ok ' "$T/loss.log")
lost=$(grep -c ' drop r[0-9] id=[0-9]* loss' "$T/loss.log")
[ $((ok + lost)) -eq 180 ] || fail "loss: $ok ok + $lost lost != 180 outcomes"
# Binomial(180, 0.8): mean 144, sd 5.4; accept mean +- 4 sd.
[ "$ok" -ge 123 ] && [ "$ok" -le 165 ] || fail "loss: $ok of 180 delivered, outside 123..165"
for i in $(seq 0 8); do
    want=$(grep -c " rx r$i id=[0-9]* ok " "$T/loss.log")
    got=$(grep -c "^\[r$i\] radio_rx: from 0x0001 " "$T/loss.out")
    [ "$want" -eq "$got" ] || fail "loss: r$i printed $got frames, the log says it got $want"
done
cp "$T/loss.log" "$T/loss1.log"; cp "$T/loss.out" "$T/loss1.out"
run loss --until 20500ms
cmp -s "$T/loss.log" "$T/loss1.log" && cmp -s "$T/loss.out" "$T/loss1.out" ||
    fail "loss: a second run with the same seed delivered other frames"

# 4. hidden terminals -------------------------------------------------------
cat >"$T/hid.cfg" <<EOF
seed = 1; $DISK
nodes = ( $(node a 0.0 radio_tx), $(node c 25.0 radio_rx), $(node b 50.0 radio_tx) );
EOF
run hid --until 10500ms
# start/end of every frame (airtime (6 + len) x 32 us), then its outcome at c.
awk '
    $2 == "tx" { id = substr($4, 4); len = substr($6, 5); s[id] = $1; e[id] = $1 + (6 + len) * 32e-6; ids[++n] = id }
    $2 != "tx" && $3 == "c" { r[substr($4, 4)] = $5 }
    END {
        for (i = 1; i <= n; i++) {
            x = ids[i]; over = 0
            for (j = 1; j <= n; j++) { y = ids[j]; if (y != x && s[y] < e[x] && s[x] < e[y]) over = 1 }
            want = over ? "collision" : "ok"
            if (r[x] != want) { printf "frame %s at c: %s, want %s\n", x, r[x], want; bad = 1 }
            coll += over
        }
        printf "%d frames, %d in collisions\n", n, coll
        exit bad
    }' "$T/hid.log" >"$T/hid.check" || { cat "$T/hid.check" >&2; fail "hidden terminals: wrong outcomes at c"; }
read -r nf _ ncoll _ <"$T/hid.check"
[ "$nf" -eq 20 ] && [ "$ncoll" -ge 2 ] || fail "hidden terminals: $nf frames, $ncoll in collisions (want 20, >= 2)"
[ "$(grep -c '^\[c\] radio_rx: from' "$T/hid.out")" -eq $((nf - ncoll)) ] ||
    fail "hidden terminals: c printed other frames than the log's ok ones"

# 5. pcaps with tshark --------------------------------------------------------
command -v tshark >/dev/null || fail "tshark is not installed (scripts/setup.sh installs it)"
run pp --until 3s --pcap "$T/net.pcap" --pcap-node "b=$T/b.pcap"
tx=$(grep -c ' tx ' "$T/pp.log")
n=$(tshark -r "$T/net.pcap" 2>/dev/null | wc -l)
[ "$n" -eq "$tx" ] && [ "$n" -gt 0 ] || fail "pcap: tshark read $n frames, the log sent $tx"
good=$(tshark -r "$T/net.pcap" -Y 'wpan.fcs_ok == 1' 2>/dev/null | wc -l)
[ "$good" -eq "$n" ] || fail "pcap: $good of $n frames with a valid FCS"
acks=$(tshark -r "$T/net.pcap" -Y 'wpan.frame_type == 2' 2>/dev/null | wc -l)
[ "$acks" -eq $((n / 2)) ] || fail "pcap: $acks ACK frames of $n (want half)"
nb=$(tshark -r "$T/b.pcap" 2>/dev/null | wc -l)
wantb=$(( $(grep -c ' tx b ' "$T/pp.log") + $(grep -c ' rx b id=[0-9]* ok ' "$T/pp.log") ))
[ "$nb" -eq "$wantb" ] || fail "pcap: b's capture has $nb frames, the log says $wantb"
pass "ping/pong 100/100 acked; out of range silent; loss $ok/180 delivered, same on rerun; $ncoll of $nf hidden-terminal frames collided (both lost); pcaps: $n frames decoded"
