# Host-side fault reporting (issue 3): a process that executes `udf` gets,
# after the guest's own dump, a ctock-sim note naming the process, the
# fault class, the PC as main+offset (from undef_instr.elf beside the TBF,
# or --symbols) and the disassembled instruction; --fault-json writes one
# valid JSON object per fault; --pause-on-fault stops a headless run with
# exit 3.
source "$(dirname "$0")/lib.sh"
APP="$APPS/undef_instr.tbf"
[ -f "$APP" ] || fail "no $APP (the crash-zoo apps are part of the build)"
command -v jq >/dev/null || fail "jq is needed (scripts/setup.sh installs it)"

"$SIM" --headless --until 1s --trace "$T/trace" --fault-json "$T/f.jsonl" \
    "$KERNEL" "$APP" "$APPS/hello.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/err" >&2; fail "run: exit $rc"; }
grep -q " fault " "$T/trace" || { cat "$T/trace" >&2; fail "no fault event in the trace"; }

# The note: process, class, symbol, instruction; after the guest's dump.
expect_grep() { grep -qE -- "$2" "$1" || { cat "$1" >&2; fail "no line matching '$2'"; }; }
expect_grep "$T/err" "^ctock-sim: fault in process 'undef_instr' \(app 0\) at [0-9]+\.[0-9]{9} s: UsageFault, undefined instruction$"
expect_grep "$T/err" "^ctock-sim:   pc 0x[0-9a-f]{8} = main\+0x[0-9a-f]+ \(undef_instr\.elf\), .*thread mode, unprivileged"
expect_grep "$T/err" "^ctock-sim:   instruction: udf #7  \[de07\]$"
expect_grep "$T/err" "^ctock-sim:   cfsr 0x00010000 \(UNDEFINSTR\)"
expect_grep "$T/err" "^ctock-sim: faults [0-9]+ \(process 'undef_instr' [0-9]+\)$"
grep -q "hello: done" "$T/out" || fail "hello did not keep running"

# JSON Lines: one valid object per fault, the fields as documented.
nfaults=$(grep -c " fault " "$T/trace")
[ "$(wc -l <"$T/f.jsonl")" -eq "$nfaults" ] || fail "$nfaults faults traced, $(wc -l <"$T/f.jsonl") JSON lines"
while IFS= read -r line; do
    printf '%s\n' "$line" | jq -e . >/dev/null 2>&1 || fail "not valid JSON: $line"
done <"$T/f.jsonl"
head -1 "$T/f.jsonl" | jq -e '
    .process == "undef_instr" and .process_index == 0 and .kernel == false and
    .exception == "UsageFault" and .exception_number == 6 and
    .class == "undefined instruction" and .cfsr == "0x00010000" and
    .cfsr_bits == ["UNDEFINSTR"] and .mmfar == null and .bfar == null and
    (.pc_symbol | startswith("main+")) and .instruction == "udf #7" and .encoding == "de07" and
    .mode == "thread" and .privileged == false and (.cycles | type) == "number" and
    (.time_s | type) == "number" and (.registers.pc | test("^0x[0-9a-f]{8}$")) and
    (.registers | keys | length) == 17' >/dev/null ||
    { head -1 "$T/f.jsonl" >&2; fail "JSON record fields"; }
# --fault-json appends.
"$SIM" --headless --quiet --until 1s --fault-json "$T/f.jsonl" "$KERNEL" "$APP" >/dev/null 2>&1
[ "$(wc -l <"$T/f.jsonl")" -eq $((2 * nfaults)) ] || fail "--fault-json did not append"

# --symbols: a TBF without its ELF beside it has no symbols until named.
mkdir "$T/alone" && cp "$APP" "$T/alone/"
"$SIM" --headless --until 1s "$KERNEL" "$T/alone/undef_instr.tbf" >/dev/null 2>"$T/err2"
expect_grep "$T/err2" "^ctock-sim:   pc 0x[0-9a-f]{8}, lr"
"$SIM" --headless --until 1s --symbols "$APPS/undef_instr.elf" "$KERNEL" "$T/alone/undef_instr.tbf" \
    >/dev/null 2>"$T/err3"
expect_grep "$T/err3" "= main\+0x[0-9a-f]+ \(undef_instr\.elf\)"
# A stale ELF (another app's) is refused with a warning, not used.
cp "$APPS/hello.elf" "$T/undef_instr.elf"
"$SIM" --headless --until 1s --symbols "$T/undef_instr.elf" "$KERNEL" "$T/alone/undef_instr.tbf" \
    >/dev/null 2>"$T/err4"
expect_grep "$T/err4" "undef_instr\.elf: warning: does not match the app image of 'undef_instr'"
"$SIM" --headless --until 1s --symbols "$T/nosuch.elf" "$KERNEL" "$APP" >/dev/null 2>"$T/err5"
[ $? -eq 2 ] || fail "--symbols with a missing file: want exit 2"

# --pause-on-fault, headless: stop after the first note, exit 3.
"$SIM" --headless --until 5s --pause-on-fault "$KERNEL" "$APP" "$APPS/hello.tbf" \
    >"$T/out6" 2>"$T/err6"
rc=$?
[ $rc -eq 3 ] || { cat "$T/err6" >&2; fail "--pause-on-fault: exit $rc, want 3"; }
expect_grep "$T/err6" "^ctock-sim: stopped: fault in process 'undef_instr'$"
expect_grep "$T/err6" "^ctock-sim: faults 1 \(process 'undef_instr' 1\)$"
grep -q -- "---| end of fault dump |---" "$T/out6" || fail "--pause-on-fault stopped before the guest's dump"
pass "fault note (process, class, main+offset, udf #7), JSON Lines, --symbols, --pause-on-fault"
