# rng (apps/rng) prints 16 random bytes twice (blocking and async) from the
# simulated TRNG: the same --seed gives the same bytes (also with the
# default seed, and with another app running next to it), another seed
# other bytes, and the two requests differ from each other.
source "$(dirname "$0")/lib.sh"
run() {   # run OUT [ctock-sim args...]
    local out=$1; shift
    "$SIM" --headless --quiet --until 1s "$@" >"$out" 2>"$T/err" \
        || { cat "$T/err" >&2; fail "run $* failed"; }
    grep -E '^rng: (blocking|async) 16 bytes: [0-9a-f]{32}$' "$out" >"$out.bytes"
    [ "$(wc -l <"$out.bytes")" -eq 2 ] || { cat "$out" >&2; fail "rng did not print two lines ($*)"; }
    sed -i 's/^rng: [a-z]* 16 bytes: //' "$out.bytes"
}
run "$T/a" --seed 7 "$KERNEL" "$APPS/rng.tbf"
run "$T/b" --seed 7 "$KERNEL" "$APPS/rng.tbf"
run "$T/c" --seed 8 "$KERNEL" "$APPS/rng.tbf"
run "$T/d" "$KERNEL" "$APPS/rng.tbf"
run "$T/e" "$KERNEL" "$APPS/rng.tbf"
run "$T/f" --seed 7 "$KERNEL" "$APPS/hello.tbf" "$APPS/rng.tbf"
cmp -s "$T/a.bytes" "$T/b.bytes" || fail "same seed, different bytes"
cmp -s "$T/d.bytes" "$T/e.bytes" || fail "default seed: runs differ"
cmp -s "$T/a.bytes" "$T/f.bytes" || fail "same seed with another app: different bytes"
cmp -s "$T/a.bytes" "$T/c.bytes" && fail "seeds 7 and 8 gave the same bytes"
[ "$(sort -u "$T/a.bytes" | wc -l)" -eq 2 ] || fail "the two requests returned the same bytes"
pass "rng: same seed same bytes ($(head -1 "$T/a.bytes")), another seed other bytes"
