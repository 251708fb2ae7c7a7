# crash_zoo.sh - the crash zoo's expectations, shared by
# test/diff/test_qemu_crash_zoo.sh (QEMU mps2-an386) and
# test/system/test_crash_zoo.sh (ctock-sim). Sourced; not a test itself.
#
# Each zoo app (apps/tests/) runs after blink, with the board's default
# fault policy (restart, threshold 3). zoo_check APP CONSOLE_FILE checks:
#   - the fault summary line has the expected class and address,
#   - the dump is complete (status, registers, memory map, MPU regions),
#   - the policy acted: 4 faults, restarts 1..3 of 3, then stopped,
#   - blink (another process) kept printing after the app was stopped, so
#     the kernel kept serving.
# Non-faulting apps (spin, allow_bad, exit_restart) have their own checks.
# Prints "FAIL: ..." lines and returns 1 on a failure.

ZOO_APPS="null_deref stack_overflow write_kernel write_grant read_other jump_kernel
exec_ram undef_instr div_zero unaligned bad_exc_return brk_mpu spin allow_bad exit_restart"

# zoo_kernel APP BOARD: the kernel variant an app runs on. unaligned needs
# the unaligned-access trap, which only kernel-<board>-traps.elf turns on.
zoo_kernel() {
    case $1 in
    unaligned) echo "kernel-$2-traps.elf" ;;
    *) echo "kernel-$2.elf" ;;
    esac
}

zoo_fail() { echo "FAIL: $zoo_app: $*"; zoo_bad=1; }

# zoo_has REGEX [MIN]: the console has at least MIN (1) lines matching.
zoo_has() {
    local n
    n=$(grep -cE -- "$1" "$zoo_out")
    [ "$n" -ge "${2:-1}" ] || zoo_fail "wanted ${2:-1}+ lines matching '$1', saw $n"
}

zoo_count() { grep -cE -- "$1" "$zoo_out"; }

# The hex address after "at " in the first fault summary of the app.
zoo_fault_addr() {
    grep -m1 -E "^ctock: process '$zoo_app' faulted: " "$zoo_out" |
        sed -nE 's/.* at 0x([0-9a-f]{8}).*/\1/p'
}
zoo_fault_pc() {
    grep -m1 -E "^ctock: process '$zoo_app' faulted: " "$zoo_out" |
        sed -nE 's/.*\(pc 0x([0-9a-f]{8})\).*/\1/p'
}
# The first 0x........ an app line matching REGEX prints (lower case hex).
zoo_app_addr() {
    grep -m1 -E "^$zoo_app: $1" "$zoo_out" | grep -oE '0x[0-9a-f]{8}' | head -1 | cut -c3-
}
# Loaded ranges: zoo_loaded APP flash|ram -> "start size" in decimal.
zoo_loaded() {
    local line
    line=$(grep -m1 -E "^ctock: process '$1' loaded: " "$zoo_out")
    if [ "$2" = flash ]; then
        echo "$line" | sed -nE 's/.*flash 0x([0-9a-f]+) \(([0-9]+) bytes\).*/\1 \2/p'
    else
        echo "$line" | sed -nE 's/.*ram 0x([0-9a-f]+) \(([0-9]+) bytes\).*/\1 \2/p'
    fi
}
# zoo_in HEX APP flash|ram: is the address inside that process's range?
zoo_in() {
    local r start size
    r=$(zoo_loaded "$2" "$3")
    [ -n "$r" ] || return 1
    start=$((16#${r% *}))
    size=${r#* }
    [ -n "$1" ] && [ $((16#$1)) -ge "$start" ] && [ $((16#$1)) -lt $((start + size)) ]
}

zoo_expect_fault() {   # CLASS_REGEX [ADDRESS_HEX]
    zoo_has "^ctock: process '$zoo_app' faulted: $1"
    if [ -n "${2:-}" ]; then
        local got
        got=$(zoo_fault_addr)
        [ "$got" = "$2" ] || zoo_fail "fault address 0x$got, expected 0x$2"
    fi
}

zoo_expect_pc_in_app() {
    local pc
    pc=$(zoo_fault_pc)
    zoo_in "$pc" "$zoo_app" flash || zoo_fail "faulting pc 0x$pc is not in the app's flash"
}

zoo_expect_policy() {
    local k
    zoo_has "^ctock: process '$zoo_app' faulted: " 4
    [ "$(zoo_count "^ctock: process '$zoo_app' faulted: ")" -eq 4 ] ||
        zoo_fail "expected exactly 4 faults (threshold 3)"
    for k in 1 2 3; do
        zoo_has "^ctock: process '$zoo_app' restarting after fault $k of 3$"
    done
    zoo_has "^ctock: process '$zoo_app' stopped after 4 faults \(restart threshold 3\)$"
    zoo_has "^$zoo_app: start" 4
    zoo_has "^ctock: ---\| fault dump: process '$zoo_app', pid 0x[0-9a-f]{8} \|---$" 4
    zoo_has "^ctock: ---\| end of fault dump \|---$" 4
    for k in "^ctock: fault: " "^ctock: registers:$" "^ctock: memory map:$" \
        "^ctock: MPU regions:$" "^ctock:   region 0: 0x[0-9a-f]{8} " \
        "kernel break \(memop 6\)$" "start of flash image$" \
        "^ctock: state: faults 4, restarts 3, fault policy restart, restart threshold 3$"; do
        zoo_has "$k"
    done
    # blink keeps running after the app is stopped: the kernel serves on.
    local after
    after=$(sed -n "/^ctock: process '$zoo_app' stopped/,\$p" "$zoo_out" | grep -cE '^blink: LED 0 (on|off)$')
    [ "$after" -ge 1 ] || zoo_fail "no blink line after the app was stopped"
}

zoo_expect_no_fault() {
    if grep -qE "faulted|kernel fault|kernel panic" "$zoo_out"; then
        zoo_fail "a fault was reported"
    fi
    zoo_has '^blink: LED 0 (on|off)$' 2
}

# zoo_check APP FILE
zoo_check() {
    zoo_app=$1 zoo_out=$2 zoo_bad=0
    zoo_has "^ctock: process 'blink' loaded: "
    zoo_has "^ctock: process '$zoo_app' loaded: "
    local a
    case $zoo_app in
    null_deref) zoo_expect_fault "MemManage DACCVIOL" 00000000 ;;
    stack_overflow)
        # A push crossing mem_start: DACCVIOL at the address; the exception
        # entry crossing it: MSTKERR (no address). Either way sp is below.
        zoo_expect_fault "MemManage .*(DACCVIOL|MSTKERR)"
        zoo_has "\(sp 0x[0-9a-f]{8}: below RAM, overflow\)$"
        a=$(zoo_fault_addr)
        if [ -n "$a" ] && zoo_in "$a" "$zoo_app" ram; then
            zoo_fail "fault address 0x$a is inside the app's own RAM"
        fi ;;
    write_kernel) zoo_expect_fault "MemManage DACCVIOL" 20001000 ;;
    write_grant)
        zoo_has "^write_grant: brk to the grant start rounded down to 32 bytes: OK$"
        zoo_has "^write_grant: last byte below the break is writable$"
        zoo_expect_fault "MemManage DACCVIOL" "$(zoo_app_addr 'start, grant region at')" ;;
    read_other)
        a=$(zoo_app_addr 'start, reading')
        zoo_expect_fault "MemManage DACCVIOL" "$a"
        zoo_in "$a" blink ram || zoo_fail "0x$a is not in blink's RAM" ;;
    jump_kernel) zoo_expect_fault "MemManage IACCVIOL" 00000200 ;;
    exec_ram)
        a=$(zoo_app_addr 'start, calling')
        zoo_expect_fault "MemManage IACCVIOL" "$a"
        zoo_in "$a" "$zoo_app" ram || zoo_fail "0x$a is not in the app's RAM" ;;
    undef_instr) zoo_expect_fault "UsageFault UNDEFINSTR"; zoo_expect_pc_in_app ;;
    div_zero) zoo_expect_fault "UsageFault DIVBYZERO"; zoo_expect_pc_in_app ;;
    unaligned) zoo_expect_fault "UsageFault UNALIGNED"; zoo_expect_pc_in_app ;;
    bad_exc_return) zoo_expect_fault "MemManage IACCVIOL" fffffffc ;;
    brk_mpu)
        zoo_has "^brk_mpu: wrote the last new byte$"
        zoo_has "^brk_mpu: brk past the grant start: ENOMEM$"
        zoo_has "^brk_mpu: brk to the block end: ENOMEM$"
        zoo_has "^brk_mpu: brk to 32 bytes past the grant start rounded down: ENOMEM$"
        zoo_has "^brk_mpu: brk to the grant start rounded down to 32 bytes: OK$"
        zoo_has "^brk_mpu: brk to 0x[0-9a-f]{8}: OK$"
        zoo_expect_fault "MemManage DACCVIOL" "$(zoo_app_addr 'writing')" ;;
    spin)
        zoo_has "^spin: start$"
        zoo_expect_no_fault ;;
    allow_bad)
        zoo_has "^allow_bad: .*: EINVAL$" 7
        zoo_has "^allow_bad: done, 0 unexpected$"
        zoo_has "^ctock: process 'allow_bad' exited \(0\)$"
        zoo_expect_no_fault ;;
    exit_restart)
        zoo_has "^exit_restart: start, run counter 1$" 3
        zoo_has "^ctock: process 'exit_restart' restarting \(7\)$" 3
        [ "$(zoo_count '^exit_restart: start, run counter [^1]')" -eq 0 ] ||
            zoo_fail "RAM was not zeroed on restart"
        zoo_expect_no_fault ;;
    *) zoo_fail "no expectations for this app" ;;
    esac
    case $zoo_app in
    spin | allow_bad | exit_restart) ;;
    *) zoo_expect_policy ;;
    esac
    return $zoo_bad
}
