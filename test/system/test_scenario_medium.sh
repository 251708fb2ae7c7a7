# The world's medium as the radio log shows it, with radio_ping/radio_pong:
# ids follow start times and the log is in time order; constant_loss 1.0
# loses every frame at every receiver ("loss", never "ok"); a one-way
# table link lets requests through and no reply (replies are out of
# range, logged only with --radio-log-all); unit_disk beyond the
# interference range hears nothing; the summary counts what the log says;
# no frame reaches a radio after its SFD (the lockstep's promise).
source "$(dirname "$0")/lib.sh"
ln -s "$B/fw" "$T/fw"
NODES='nodes = ( { name = "a"; position = [0.0, 0.0]; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/radio_ping.tbf"]; },
          { name = "b"; position = [DIST, 0.0]; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/radio_pong.tbf"]; } );'
scenario() {   # FILE MEDIUM DIST
    { echo "until = \"1s\"; medium = $2;"; echo "${NODES/DIST/$3}"; } >"$T/$1.cfg"
}
run() {   # NAME [flags]: runs $T/NAME.cfg, radio log in $T/NAME.log
    local name=$1; shift
    "$SIM" --scenario "$T/$name.cfg" --radio-log "$T/$name.log" "$@" >"$T/$name.out" 2>"$T/$name.err" \
        || { cat "$T/$name.err" >&2; fail "$name: run failed"; }
    grep -q "after their SFD" "$T/$name.err" && fail "$name: frames told to radios too late"
    return 0
}

scenario disk '{ model = "unit_disk"; tx_range = 30.0; interference_range = 60.0; }' 10.0
run disk
awk '{ if ($1 < prev) { print "time goes back: " $0; exit 1 } prev = $1 }' "$T/disk.log" \
    || fail "radio log not in time order"
awk '$2 == "tx" { id = substr($4, 4) + 0; if (id != last + 1) { print "id " id " after " last; exit 1 } last = id }' \
    "$T/disk.log" || fail "frame ids not 1, 2, ... in start order"
tx=$(grep -c ' tx ' "$T/disk.log"); ok=$(grep -c ' rx [ab] id=[0-9]* ok ' "$T/disk.log")
[ "$tx" -ge 8 ] && [ "$ok" = "$tx" ] || fail "in range: $tx sent, $ok received"
grep -q "^ctock-sim: radio: $tx frames sent, $ok receptions ok, 0 dropped, 0 out of range$" "$T/disk.err" \
    || fail "summary counts differ from the log"
grep -q '^\[a\] radio_ping: req 1 status OK reply yes$' "$T/disk.out" || fail "no ping reply in range"
pass "unit disk in range: $tx frames, all received, ids in start order"

scenario far '{ model = "unit_disk"; tx_range = 30.0; interference_range = 60.0; }' 61.0
run far --radio-log-all
grep -q ' rx ' "$T/far.log" && fail "a frame received beyond the interference range"
tx=$(grep -c ' tx ' "$T/far.log"); oor=$(grep -c ' drop b id=[0-9]* out-of-range ' "$T/far.log")
[ "$tx" -ge 1 ] && [ "$oor" = "$tx" ] || fail "beyond range: $tx sent, $oor out of range at b"
run far
grep -q 'out-of-range' "$T/far.log" && fail "out-of-range logged without --radio-log-all"
pass "unit disk out of range: $tx frames, none heard, logged only with --radio-log-all"

scenario lossall '{ model = "constant_loss"; loss = 1.0; }' 0.0
run lossall
grep -q ' rx ' "$T/lossall.log" && fail "a frame got through loss = 1.0"
tx=$(grep -c ' tx ' "$T/lossall.log"); lost=$(grep -c ' drop b id=[0-9]* loss ' "$T/lossall.log")
[ "$tx" -ge 1 ] && [ "$lost" = "$tx" ] || fail "loss 1.0: $tx sent, $lost lost at b"
grep -q "^ctock-sim: radio: $tx frames sent, 0 receptions ok, $lost dropped: loss $lost, 0 out of range$" \
    "$T/lossall.err" || fail "summary of loss 1.0"
pass "constant loss 1.0: all $tx frames lost"

scenario oneway '{ model = "table"; links = ( { from = "a"; to = "b"; rssi = -77; } ); }' 0.0
run oneway --radio-log-all
grep -q ' rx b id=[0-9]* ok rssi=-77 ' "$T/oneway.log" || fail "a -> b link not used (rssi -77)"
grep -q ' rx a ' "$T/oneway.log" && fail "b -> a is not a link, yet a received"
grep -q ' drop a id=[0-9]* out-of-range ' "$T/oneway.log" || fail "b's frames not out of range at a"
grep -q '^\[b\] radio_pong: req 1 from 0x0001' "$T/oneway.out" || fail "pong did not get the request"
grep -q 'reply yes' "$T/oneway.out" && fail "ping got a reply over a one-way link"
pass "table: one-way link"
