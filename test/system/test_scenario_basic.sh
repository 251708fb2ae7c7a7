# ctock-sim --scenario: a 2-node scenario of hello apps (paths relative to
# the scenario file) prints each node's console lines prefixed with its
# name; --expect matches prefixed lines; two runs are byte-identical
# (console, radio log, pcap of a ping/pong pair); the pcap decodes with
# tshark; a panicking node exits 3; scenario and flag errors exit 2 with
# file:line messages.
source "$(dirname "$0")/lib.sh"
ln -s "$B/fw" "$T/fw"

cat >"$T/hello.cfg" <<'CFG'
# two boards, each running hello
until = "1s";
medium = { model = "constant_loss"; loss = 0.0; };
nodes = (
  { name = "a"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/hello.tbf"]; },
  { name = "b"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/hello.tbf", "fw/apps/blink.tbf"]; }
);
CFG
"$SIM" --scenario "$T/hello.cfg" >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "hello scenario failed"; }
expect_line "$T/out" "[a] hello: Hello, World!"
expect_line "$T/out" "[b] hello: Hello, World!"
grep -qF "[b] ctock: process 'blink' loaded: " "$T/out" || fail "node b did not load blink"
grep -qF "[a] ctock: process 'blink'" "$T/out" && fail "node a loaded b's blink"
[ "$(grep -vc '^\[[ab]\] ' "$T/out")" = 0 ] || fail "a console line without a node prefix"
grep -q "^ctock-sim: virtual time 1.000000000 s .*, 2 nodes" "$T/err" || fail "no world summary"
grep -q "^ctock-sim: \[b\] virtual time 1.000000000 s, instructions [1-9]" "$T/err" || fail "no per-node summary"
grep -q "^ctock-sim: \[a\] radio: sent 0, received 0; sleep 1.000000 s" "$T/err" || fail "no radio line"
pass "two nodes, prefixed console lines"

# --expect sees the prefixed lines: the run stops early, exit 0.
"$SIM" --scenario "$T/hello.cfg" --until 5s --expect "[b] hello: done" >"$T/out2" 2>"$T/err2" \
    || fail "--expect '[b] hello: done' not met"
grep -q "stopped: all 1 expected texts seen" "$T/err2" || fail "did not stop at the expected text"
"$SIM" --scenario "$T/hello.cfg" --until 300ms --expect "[c] hello" >/dev/null 2>"$T/err3"
[ $? = 1 ] || fail "an unseen --expect text must exit 1"
grep -qF 'expected text not seen: "[c] hello"' "$T/err3" || fail "no message for the unseen text"
pass "--expect on prefixed lines"

# Determinism: console, radio log and pcaps byte-identical over two runs.
cat >"$T/ping.cfg" <<'CFG'
seed = 7; until = "1s";
medium = { model = "constant_loss"; loss = 0.25; };
nodes = ( { name = "ping"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/radio_ping.tbf"]; },
          { name = "pong"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/radio_pong.tbf"]; } );
CFG
for i in 1 2; do
    "$SIM" --scenario "$T/ping.cfg" --quiet --radio-log "$T/radio$i.log" --pcap "$T/net$i.pcap" \
        --pcap-node pong="$T/pong$i.pcap" >"$T/pout$i" || fail "ping scenario run $i failed"
done
for f in pout radio net pong; do
    ext=$( [ "$f" = pout ] && echo "" || { [ "$f" = radio ] && echo .log || echo .pcap; } )
    cmp "$T/${f}1$ext" "$T/${f}2$ext" || fail "$f$ext differs between two runs"
done
sent=$(grep -c ' tx ' "$T/radio1.log")
[ "$sent" -gt 4 ] || fail "only $sent frames sent"
grep -q ' drop [a-z]* id=[0-9]* loss ' "$T/radio1.log" || fail "no loss with loss = 0.25"
frames=$(tshark -r "$T/net1.pcap" 2>/dev/null | wc -l)
[ "$frames" = "$sent" ] || fail "tshark reads $frames frames, the radio log has $sent"
bad=$(tshark -r "$T/net1.pcap" -T fields -e wpan.fcs_ok 2>/dev/null | grep -vc '^1$')
[ "$bad" = 0 ] || fail "$bad frames with a bad FCS in the pcap"
# Another seed draws other losses.
"$SIM" --scenario "$T/ping.cfg" --quiet --seed 8 --radio-log "$T/radio3.log" >/dev/null
cmp -s "$T/radio1.log" "$T/radio3.log" && fail "--seed 8 gives the same radio log as seed 7"
pass "byte-identical runs ($sent frames), pcap decodes"

# A node that panics (test kernel, panic fault policy) ends the run: exit 3.
cat >"$T/panic.cfg" <<'CFG'
until = "3s";
medium = { model = "constant_loss"; loss = 0.0; };
nodes = ( { name = "ok"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/blink.tbf"]; },
          { name = "bad"; kernel = "fw/kernel-sim-test.elf"; apps = ["fw/apps/undef_instr.tbf"]; } );
CFG
"$SIM" --scenario "$T/panic.cfg" >"$T/panic.out" 2>"$T/panic.err"
rc=$?
[ $rc = 3 ] || fail "a panicking node: exit $rc, want 3"
grep -q "^ctock-sim: stopped: node 'bad' failed, exited with status" "$T/panic.err" || fail "no failed-node line"
grep -q "^\[bad\] ctock: kernel panic: " "$T/panic.out" || fail "no panic line from node bad"
pass "a failing node ends the run with exit 3"

# Errors: exit 2 with file:line.
err_case() {   # NAME EXPECTED-MESSAGE-REGEX, scenario text on stdin
    cat >"$T/$1.cfg"
    "$SIM" --scenario "$T/$1.cfg" >/dev/null 2>"$T/$1.err"
    rc=$?
    [ $rc = 2 ] || fail "$1: exit $rc, want 2"
    grep -Eq "$2" "$T/$1.err" || { cat "$T/$1.err" >&2; fail "$1: no message matching '$2'"; }
}
err_case unknown_key '^ctock-sim: .*/unknown_key\.cfg:3: unknown key .tx_rang. in a unit_disk medium$' <<'CFG'
medium = { model = "unit_disk";
  tx_range = 30.0;
  tx_rang = 40.0; };
nodes = ( { name = "a"; position = [0, 0]; kernel = "fw/kernel-sim.elf"; } );
CFG
err_case no_kernel "no_kernel\.cfg:3: node 'b' has no 'kernel'" <<'CFG'
medium = { model = "constant_loss"; loss = 0.0; };
nodes = ( { name = "a"; kernel = "fw/kernel-sim.elf"; },
          { name = "b"; apps = ["fw/apps/hello.tbf"]; } );
CFG
err_case bad_medium "bad_medium\.cfg:1: unknown medium model 'radio'" <<'CFG'
medium = { model = "radio"; };
nodes = ( { name = "a"; kernel = "fw/kernel-sim.elf"; } );
CFG
err_case missing_file "missing_file\.cfg:2: node 'a': .*/nope\.tbf" <<'CFG'
medium = { model = "constant_loss"; loss = 0.0; };
nodes = ( { name = "a"; kernel = "fw/kernel-sim.elf"; apps = ["fw/apps/nope.tbf"]; } );
CFG
"$SIM" --scenario "$T/hello.cfg" --panel >/dev/null 2>"$T/panel.err"
[ $? = 2 ] && grep -q "panel.*not available with --scenario" "$T/panel.err" || fail "--panel not refused"
"$SIM" --scenario "$T/hello.cfg" --pcap-node zz="$T/x.pcap" >/dev/null 2>"$T/pn.err"
[ $? = 2 ] && grep -q "no node called 'zz'" "$T/pn.err" || fail "--pcap-node with an unknown node"
"$SIM" --radio-log "$T/r.log" "$KERNEL" >/dev/null 2>"$T/rl.err"
[ $? = 2 ] && grep -q "need --scenario" "$T/rl.err" || fail "--radio-log without --scenario"
"$SIM" --scenario "$T/none.cfg" >/dev/null 2>"$T/none.err"
[ $? = 2 ] && grep -q "none.cfg: No such file" "$T/none.err" || fail "missing scenario file"
pass "scenario and flag errors exit 2 with file:line"
