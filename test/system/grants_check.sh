# grants_check.sh - what grant_hog + blink must show, shared by
# test/system/test_grants.sh (ctock-sim) and test/diff/test_qemu_grants.sh
# (QEMU mps2-an386). Sourced; not a test itself.
#
# grants_check CONSOLE_FILE MIN_RUNS [HOGS] checks that grant_hog (apps/grant_hog,
# on a test kernel with the grant test driver):
#   - filled its grant region to ENOMEM in at least MIN_RUNS runs, getting
#     the same number of grants, the same bytes and (one
#     break line per grant_hog) the same kernel breaks every run (its exit-restart freed
#     them), bytes = grants x instance;
#   - kept its grants intact, got ENOMEM from a subscribe that needed a new
#     grant and from a brk into the grants, was refused re-entering an
#     entered grant (EBUSY; grant_each from inside skipped it), and
#     grant_each saw the one process with the grant (with HOGS grant_hogs
#     loaded, 1 to HOGS);
# and that blink kept toggling after grant_hog's first ENOMEM and nothing
# faulted. Prints "FAIL: ..." lines and returns 1 on a failure.

grants_fail() { echo "FAIL: grants: $*"; grants_bad=1; }

grants_has() {   # REGEX [MIN]
    local n
    n=$(grep -acE -- "$1" "$grants_out")
    [ "$n" -ge "${2:-1}" ] || grants_fail "wanted ${2:-1}+ lines matching '$1', saw $n"
}

grants_check() {
    grants_out=$1 grants_bad=0
    local runs=$2 hogs=${3:-1} got n lines inst bytes brk
    grants_has "^ctock: process 'blink' loaded: "
    grants_has "^ctock: process 'grant_hog' loaded: "
    got='^grant_hog: got [0-9]+ grants, [0-9]+ bytes, then ENOMEM$'
    brk='^grant_hog: kernel break 0x[0-9a-f]{8} -> 0x[0-9a-f]{8}$'
    grants_has "$got" "$runs"
    grants_has "$brk" "$runs"
    lines=$(grep -aE "$got" "$grants_out" | sort -u | wc -l)
    [ "$lines" -eq 1 ] || grants_fail "runs got different grant memory:
$(grep -aE "$got" "$grants_out" | sort | uniq -c)"
    lines=$(grep -aE "$brk" "$grants_out" | sort -u | wc -l)
    [ "$lines" -eq "$hogs" ] || grants_fail "runs moved the kernel break differently:
$(grep -aE "$brk" "$grants_out" | sort | uniq -c)"
    n=$(grep -a -m1 -E "$got" "$grants_out" | sed -E 's/^grant_hog: got ([0-9]+) grants.*/\1/')
    bytes=$(grep -a -m1 -E "$got" "$grants_out" | sed -E 's/.* grants, ([0-9]+) bytes.*/\1/')
    inst=$(grep -a -m1 -E '^grant_hog: grant [0-9]+-[0-9]+: no driver, ' "$grants_out" |
        sed -E 's/.*instance ([0-9]+) bytes$/\1/')
    [ "${n:-0}" -ge 1 ] || grants_fail "grant_hog got no grant at all"
    [ -n "$inst" ] && [ "$bytes" -eq $((n * inst)) ] ||
        grants_fail "$bytes bytes for $n grants of ${inst:-?} bytes"
    grants_has "^grant_hog: $n of $n grants intact$" "$runs"
    grants_has "^grant_hog: subscribe needing a new grant: ENOMEM$" "$runs"
    grants_has "^grant_hog: brk into the grants: ENOMEM$" "$runs"
    # grant_each inside the entered instance skips it: it sees only the
    # other grant_hogs' instances.
    grants_has "^grant_hog: re-entering an entered grant: EBUSY, grant_each inside visited [0-$((hogs - 1))]$" "$runs"
    grants_has "^grant_hog: processes with hog grant 0: $( [ "$hogs" -eq 1 ] && echo 1 || echo "[1-$hogs]")$" "$runs"
    grants_has "^grant_hog: header 8 bytes, table entry 4 bytes, "
    grants_has "^ctock: process 'grant_hog' restarting \(0\)$" $((runs - 1))
    # blink is untouched: it keeps toggling once grant_hog hit ENOMEM.
    local after
    after=$(sed -n "/^grant_hog: got /,\$p" "$grants_out" | grep -acE '^blink: LED 0 (on|off)$')
    [ "$after" -ge 2 ] || grants_fail "only $after blink lines after grant_hog's first ENOMEM"
    if grep -aqE "faulted|kernel fault|kernel panic" "$grants_out"; then
        grants_fail "a fault was reported"
    fi
    return $grants_bad
}
