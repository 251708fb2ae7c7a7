# The 802.15.4 stack on one ctock-sim node (no other radio on the air):
# - radio_tx sends a broadcast frame every second: the counter goes up one
#   by one, each send reports OK (the radio wakes, backs off, checks the
#   channel, sends, sleeps; a broadcast waits for no ACK);
# - radio_ping's unicast requests find no pong: each is sent, never
#   acknowledged after the MAC's retries (ENOACK), gets no reply, and the
#   summary counts them;
# - radio_rx next to radio_tx on the same node listens and hears nothing
#   (a radio does not hear itself) while radio_tx keeps sending from the
#   listening radio;
# - radio_tx alone keeps the radio asleep between frames (the power
#   summary), radio_rx keeps it receiving;
# - the guest never gives the radio a command its state refuses (no
#   guest-error log lines), and the same run twice prints the same bytes.
source "$(dirname "$0")/lib.sh"
run() {   # run OUT UNTIL APPS...
    local out=$1 until=$2; shift 2
    "$SIM" --headless --quiet --until "$until" --trace "$out.trace" "$KERNEL" "$@" \
        >"$out" 2>"$T/err" || { cat "$T/err" >&2; fail "run $* failed"; }
    if grep -q " log " "$out.trace"; then
        grep " log " "$out.trace" | head >&2
        fail "guest errors in the radio run ($*)"
    fi
}

# radio_tx: 5 frames in 5.5 s, counter 1..5, all OK.
run "$T/tx" 5500ms "$APPS/radio_tx.tbf"
expect_line "$T/tx" "radio_tx: node 0x0001 sending to 0xffff every 1000 ms"
grep '^radio_tx: sent' "$T/tx" >"$T/tx.sent"
seq 1 5 | sed 's/.*/radio_tx: sent & status OK/' >"$T/tx.want"
diff "$T/tx.want" "$T/tx.sent" >&2 || fail "radio_tx did not send frames 1..5 with status OK"

# radio_ping alone: 100 requests sent, none acknowledged, no replies.
run "$T/ping" 12s "$APPS/radio_ping.tbf"
expect_line "$T/ping" "radio_ping: node 0x0001 pinging 0x0002 100 times"
[ "$(grep -c '^radio_ping: req [0-9]* status ENOACK reply no$' "$T/ping")" -eq 100 ] \
    || { grep '^radio_ping: req' "$T/ping" | grep -v 'ENOACK reply no' | head >&2
         fail "radio_ping: not every request ended ENOACK without a reply"; }
expect_line "$T/ping" "radio_ping: done sent=100 acked=0 replies=0"
expect_line "$T/ping" "ctock: process 'radio_ping' exited (0)"

# radio_rx + radio_tx on one node: the listener hears nothing, the sender
# still sends (from RX and back to RX).
run "$T/both" 3500ms "$APPS/radio_rx.tbf" "$APPS/radio_tx.tbf"
expect_line "$T/both" "radio_rx: node 0x0001 listening (OK)"
expect_line "$T/both" "radio_tx: sent 3 status OK"
[ "$(grep -c '^radio_tx: sent [0-9]* status OK$' "$T/both")" -eq 3 ] || fail "radio_tx next to radio_rx: not 3 OK sends"
if grep -q '^radio_rx: from' "$T/both"; then
    fail "radio_rx heard its own node"
fi

# Power: radio_tx's radio is off between frames (the summary's radio
# line: asleep >= 99% of the time, average current < 0.05 mA), while
# radio_rx keeps it receiving (>= 99% in rx, ~18.8 mA).
power() {   # APP STATE: percent of time in STATE, then the average mA
    "$SIM" --headless --until 10s "$KERNEL" "$APPS/$1.tbf" 2>&1 >/dev/null |
        sed -nE "s/^ctock-sim: radio: .*\b$2 [0-9.]+ s \(([0-9.]+)%\).*average ([0-9.]+) mA$/\1 \2/p"
}
read -r txsleep txma < <(power radio_tx sleep)
read -r rxrx rxma < <(power radio_rx rx)
awk -v a="$txsleep" -v b="$txma" 'BEGIN { exit !(a >= 99.0 && b < 0.05) }' ||
    fail "radio_tx: radio asleep ${txsleep:-?}% at ${txma:-?} mA (want >= 99%, < 0.05 mA)"
awk -v a="$rxrx" -v b="$rxma" 'BEGIN { exit !(a >= 99.0 && b > 18.0) }' ||
    fail "radio_rx: radio in rx ${rxrx:-?}% at ${rxma:-?} mA (want >= 99%, > 18 mA)"

# Determinism.
run "$T/tx2" 5500ms "$APPS/radio_tx.tbf"
cmp -s "$T/tx" "$T/tx2" || fail "two radio_tx runs differ"
pass "radio on one node: 5 broadcasts OK, 100 pings ENOACK without replies, a listener does not hear its own node; radio_tx's radio asleep $txsleep% ($txma mA), radio_rx's in rx $rxrx% ($rxma mA)"
