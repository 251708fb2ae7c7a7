#!/usr/bin/env bash
# test_mpu_exact.sh BUILD_DIR - cpu_bench hammers the 1 KiB page its MPU
# boundary cuts (~9 M accesses, each a precise step in the default
# byte-exact mode). The run must not depend on how the simulator gets
# there: byte-exact, --mpu-fast (the page turns page-exact after 16384
# steps) and byte-exact with a 1 MiB translated-code buffer
# (CTOCK_SIM_TCG_BUFFER_MIB) print the same console bytes and count the
# same instructions at the same virtual time. Before the precise path
# counted what it ran, exact and fast runs differed by ~48 M instructions;
# small code buffers crashed or ran wrong code (Unicorn 2.1.1's first
# buffer fill).
source "$(dirname "$0")/lib.sh"
run() {   # run NAME BUFFER_MIB [FLAGS...]   (BUFFER_MIB empty: the default)
    local name=$1 mib=$2
    shift 2
    CTOCK_SIM_TCG_BUFFER_MIB=$mib "$SIM" "$@" --headless --until 30s \
        --expect "ctock: process 'cpu_bench' exited (0)" \
        "$KERNEL" "$APPS/cpu_bench.tbf" >"$T/$name.out" 2>"$T/$name.err" \
        || { cat "$T/$name.err" >&2; fail "$name run failed"; }
    grep -E "^ctock-sim: (virtual time|instructions)" "$T/$name.err" |
        sed -E 's/, emulated [0-9.]+ MIPS//' >"$T/$name.counts"
}
run exact ""
run fast "" --mpu-fast
run tiny 1
expect_line "$T/exact.out" "cpu_bench: done"
[ "$(wc -l <"$T/exact.counts")" = 2 ] || fail "no summary counts: $(cat "$T/exact.err")"
for other in fast tiny; do
    cmp -s "$T/exact.out" "$T/$other.out" || { diff "$T/exact.out" "$T/$other.out" | head >&2; fail "console differs: exact vs $other"; }
    cmp -s "$T/exact.counts" "$T/$other.counts" || { diff "$T/exact.counts" "$T/$other.counts" >&2; fail "counts differ: exact vs $other"; }
done
pass "exact, --mpu-fast and a 1 MiB code buffer: same console, $(sed -n 's/^ctock-sim: instructions \([0-9]*\).*/\1/p' "$T/exact.counts") instructions"
