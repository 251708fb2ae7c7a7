# The process console (kernel-sim-pconsole.elf) on the UART while blink and
# hello run: help, list, status, stop/start (LED toggling stops and
# resumes), fault (fault dump + restart policy), terminate/boot,
# kernelmem, and an unknown command. Commands come through --input; runs of
# CRs (empty lines, ignored) arrive at UART rate and space them in virtual
# time: 11520 bytes are one second at 115200 baud.
source "$(dirname "$0")/lib.sh"
PK="$B/fw/kernel-sim-pconsole.elf"
[ -f "$PK" ] || fail "no $PK"
pad() { printf '%*s' $(($1 * 11520)) '' | tr ' ' '\r'; }
run() {   # until input...
    local until=$1; shift
    local in=""
    for a in "$@"; do in+="$a"; done
    "$SIM" --headless --quiet --until "$until" --trace "$T/trace" --input "$in" \
        "$PK" "$APPS/blink.tbf" "$APPS/hello.tbf" </dev/null >"$T/out" 2>"$T/err" \
        || { cat "$T/out" "$T/err" >&2; fail "run failed"; }
}
leds_between() {   # FROM TO: LED changes with FROM <= t < TO (seconds)
    awk -v a="$1" -v b="$2" '$2 ~ /^led/ && $1 >= a && $1 < b' "$T/trace" | wc -l
}

# help, list, status, kernelmem, unknown command (all at boot).
run 1s $'help\nlist\nstatus\nkernelmem\nkernel memory map\nfrobnicate\n'
expect_line "$T/out" "ctock: process console ready (type help)"
expect_line "$T/out" "tock\$ help"
for c in help list status "stop NAME" "start NAME" "terminate NAME" "boot NAME" "fault NAME" kernelmem; do
    grep -q "^  $c " "$T/out" || fail "help does not list '$c'"
done
expect_line "$T/out" "tock\$ list"
grep -Eq '^ 0  0x[0-9a-f]{8} blink +(Running|Yielded|YieldedFor) ' "$T/out" || fail "list lacks blink"
grep -Eq '^ 1  0x[0-9a-f]{8} hello +' "$T/out" || fail "list lacks hello"
grep -q '^uptime: [0-9]* ticks at [0-9]* Hz$' "$T/out" || fail "status lacks uptime"
grep -q '^processes: 2 ' "$T/out" || fail "status lacks the process count"
grep -q '^timeslice expirations: ' "$T/out" || fail "status lacks timeslices"
[ "$(count_lines "$T/out" "kernel memory map:")" -eq 2 ] || fail "kernelmem / kernel memory map: no map"
grep -q '^  0x20000000-0x[0-9a-f]* *[0-9]* bytes  \.stack' "$T/out" || fail "kernelmem lacks .stack"
grep -q 'bytes  \.bss ' "$T/out" || fail "kernelmem lacks .bss"
grep -q 'bytes  app pool ' "$T/out" || fail "kernelmem lacks the app pool"
grep -q "^process 'blink' (id 0, " "$T/out" || fail "kernelmem lacks blink"
grep -q 'bytes  grants     ([0-9]* grants, [0-9]* bytes; table [0-9]* bytes)$' "$T/out" || fail "kernelmem lacks grant usage"
expect_line "$T/out" "unknown command 'frobnicate' (help lists the commands)"
# Whole writes: no console line is broken by app output.
grep -q '^ id pid  *name  *state  *faults restarts syscalls timeslices grants$' "$T/out" || fail "list header broken"

# stop at ~2 s, start at ~4 s: no LED change in between, toggling before and after.
run 6s "$(pad 2)" $'stop blink\n' "$(pad 2)" $'start blink\n'
expect_line "$T/out" "process 'blink' stopped"
expect_line "$T/out" "process 'blink' started"
[ "$(leds_between 0.4 2.0)" -ge 3 ] || fail "blink did not toggle before stop"
[ "$(leds_between 2.1 4.0)" -eq 0 ] || { grep led "$T/trace" >&2; fail "LED toggled while blink was stopped"; }
[ "$(leds_between 4.1 6.0)" -ge 3 ] || { grep led "$T/trace" >&2; fail "LED did not resume after start"; }

# fault at ~1 s: fault dump, restart policy (sim: restart), blink runs on;
# then terminate and boot.
run 4s "$(pad 1)" $'fault blink\nlist\n' "$(pad 1)" $'terminate blink\nlist\nboot blink\nstop nosuch\nlist\n'
expect_line "$T/out" "ctock: process 'blink' faulted: forced by the process console"
expect_line "$T/out" "ctock: ---| fault dump: process 'blink', pid 0x00000100 |---"
expect_line "$T/out" "ctock: ---| end of fault dump |---"
grep -q "^ctock: process 'blink' restarting after fault 1 of " "$T/out" || fail "restart policy did not act"
grep -Eq '^ 0  0x[0-9a-f]{8} blink +(Running|Yielded|YieldedFor) +1 +1 ' "$T/out" || fail "list after fault: not 1 fault, 1 restart"
expect_line "$T/out" "process 'blink' terminated"
grep -Eq '^ 0  0x[0-9a-f]{8} blink +Terminated ' "$T/out" || fail "list after terminate: not Terminated"
expect_line "$T/out" "process 'blink' booted"
expect_line "$T/out" "no process named 'nosuch'"
[ "$(leds_between 1.1 2.0)" -ge 1 ] || fail "blink did not run after its restart"
[ "$(leds_between 2.2 4.0)" -ge 2 ] || { grep led "$T/trace" >&2; fail "blink did not run after boot"; }
pass "process console: help, list, status, stop/start, fault, terminate/boot, kernelmem, unknown command"
