#!/bin/sh
# check_capsules.sh - the capsule isolation build check (docs/capsules.md).
#
# Usage: check_capsules.sh [--nm NM] [--objdump OBJDUMP] --allowlist FILE
#                          --src DIR OBJECT...
#
# Each OBJECT is one capsule, compiled from DIR/<name>.c (the object is
# <name>.c.obj, <name>.c.o or <name>.o). Per capsule it checks:
#
#   object (what the compiler produced, whatever the source did):
#     symbol       every undefined symbol (nm -u) is on the allowlist for
#                  all capsules ("*") or for this capsule
#     instruction  no system instructions (msr, mrs, cps, svc, wfi, dsb,
#                  ldrex, mcr, ...): what only inline assembly produces
#     section      code and data only in .text/.rodata/.data/.bss (no
#                  section attribute placing it in kernel sections, no
#                  constructors)
#   source (DIR/<name>.c and the DIR headers it includes, comments and
#   string literals stripped):
#     include      only the headers the allowlist names ("header" lines),
#                  headers next to the capsule sources, and a few
#                  freestanding C headers
#     inline-asm   asm / __asm / __asm__
#     volatile     volatile (MMIO, or sharing with an interrupt handler:
#                  both are the chip's business, never a capsule's)
#     address-cast a pointer cast of an integer constant ((T *)0x40004000)
#     buffer-addr  .addr / ->addr: a process buffer is read and written
#                  with ctock_buf_read / ctock_buf_write, never by address
#     buffer-forge a ctock_buf_t initialised with anything but zeros (on
#                  one line): only ctock_allowed_ro / _rw make buffers
#     extern       extern declarations (of kernel data or functions)
#     attribute    __attribute__ section, naked, alias, weak, weakref,
#                  constructor, destructor, interrupt, isr
#     builtin      __builtin_arm_*, __builtin_frame_address,
#                  __builtin_return_address
#
# Every violation prints one line "capsule <name>: rule <rule>: ..." and the
# script exits 1 after checking everything; 0 when all capsules pass.
# POSIX sh and awk only.
set -u

NM=arm-none-eabi-nm
OBJDUMP=
ALLOW=
SRC=
while [ $# -gt 0 ]; do
    case $1 in
    --nm) NM=$2; shift 2 ;;
    --objdump) OBJDUMP=$2; shift 2 ;;
    --allowlist) ALLOW=$2; shift 2 ;;
    --src) SRC=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "check_capsules: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
if [ -z "$ALLOW" ] || [ -z "$SRC" ] || [ $# -eq 0 ]; then
    echo "usage: check_capsules.sh [--nm NM] [--objdump OBJDUMP] --allowlist FILE --src DIR OBJECT..." >&2
    exit 2
fi
[ -n "$OBJDUMP" ] || OBJDUMP=$(echo "$NM" | sed 's/nm$/objdump/')
[ -r "$ALLOW" ] || { echo "check_capsules: no allowlist $ALLOW" >&2; exit 2; }
[ -d "$SRC" ] || { echo "check_capsules: no source directory $SRC" >&2; exit 2; }

# Freestanding C headers a capsule may include besides the API.
SYSTEM_HEADERS="stdbool.h stddef.h stdint.h string.h stdarg.h limits.h"

bad=0
violation() {   # capsule rule text
    echo "check_capsules: capsule $1: rule $2: $3" >&2
    bad=1
}

# allowed KIND CAPSULE NAME: NAME is on an allowlist line of KIND for all
# capsules ("*") or for CAPSULE. Names may end in * (prefix match).
allowed() {
    awk -v kind="$1" -v cap="$2" -v name="$3" '
        { sub(/#.*/, "") }
        $1 == kind && ($2 == "*" || $2 == cap) {
            for (i = 3; i <= NF; i++) {
                p = $i
                if (p == name) { found = 1; exit }
                if (p ~ /\*$/ && index(name, substr(p, 1, length(p) - 1)) == 1) { found = 1; exit }
            }
        }
        END { exit found ? 0 : 1 }' "$ALLOW"
}

# The source rules for one file (awk): prints "LINE RULE TEXT" per finding
# and "LINE include NAME" for every include (judged by the shell).
scan_source() {
    awk '
    function clean(s,    out, i, c, n, q) {
        out = ""; n = length(s); i = 1
        while (i <= n) {
            c = substr(s, i, 1)
            if (incomment) {
                if (substr(s, i, 2) == "*/") { incomment = 0; i += 2; out = out " " } else i++
                continue
            }
            if (substr(s, i, 2) == "/*") { incomment = 1; i += 2; continue }
            if (substr(s, i, 2) == "//") break
            if (c == "\"" || c == "\047") {
                q = c; i++
                while (i <= n && substr(s, i, 1) != q) i += (substr(s, i, 1) == "\\") ? 2 : 1
                i++; out = out q q
                continue
            }
            out = out c; i++
        }
        return out
    }
    function word(s, w) { return s ~ ("(^|[^A-Za-z0-9_])" w "([^A-Za-z0-9_]|$)") }
    {
        raw = $0
        was_comment = incomment
        line = clean(raw)
        if (!was_comment && raw ~ /^[ \t]*#[ \t]*include/) {
            if (match(raw, /#[ \t]*include[ \t]*("[^"]*"|<[^>]*>)/)) {
                inc = substr(raw, RSTART, RLENGTH); sub(/^#[ \t]*include[ \t]*/, "", inc)
                print NR, "include", inc
            } else
                print NR, "include", "(computed)"
            next
        }
        if (word(line, "asm") || word(line, "__asm") || word(line, "__asm__"))
            print NR, "inline-asm", "inline assembly"
        if (word(line, "volatile") || word(line, "__volatile__"))
            print NR, "volatile", "volatile (MMIO or interrupt sharing belongs to the chip, not a capsule)"
        if (line ~ /\*[ \t]*\)[ \t]*\(*[ \t]*(0[xX][0-9a-fA-F]+|[1-9][0-9]*)/)
            print NR, "address-cast", "pointer cast of an integer constant (an absolute address)"
        if (line ~ /(\.|->)[ \t]*addr([^A-Za-z0-9_]|$)/)
            print NR, "buffer-addr", "process buffer used by address (use ctock_buf_read / ctock_buf_write)"
        if (match(line, /ctock_buf_t[^;=(){}]*=[ \t]*\{[^}]*\}?|\(ctock_buf_t\)[ \t]*\{[^}]*\}?/)) {
            init = substr(line, RSTART, RLENGTH)
            closed = init ~ /\}/
            sub(/^[^{]*\{/, "", init); sub(/\}.*/, "", init)
            gsub(/(0|false|NULL|CTOCK_PID_NONE|[ \t,])/, "", init)
            if (init != "" || !closed)
                print NR, "buffer-forge", "process buffer built by hand (only ctock_allowed_ro / ctock_allowed_rw make one; zero-initialising is fine)"
        }
        if (word(line, "extern"))
            print NR, "extern", "extern declaration (use the API headers)"
        if (line ~ /__attribute__/ && line ~ /(^|[^A-Za-z0-9_])_*(section|naked|alias|weak|weakref|constructor|destructor|interrupt|isr)_*([^A-Za-z0-9_]|$)/)
            print NR, "attribute", "forbidden __attribute__ (section, naked, alias, weak, constructor, interrupt)"
        if (line ~ /__builtin_(arm_|frame_address|return_address)/)
            print NR, "builtin", "forbidden builtin (__builtin_arm_*, frame or return address)"
    }' "$1"
}

# check_source CAPSULE FILE: the source rules for FILE and, recursively,
# the headers it includes from $SRC. $seen holds the files done.
check_source() {
    cap=$1
    case " $seen " in *" $2 "*) return ;; esac
    seen="$seen $2"
    rel=${2#"$SRC"/}
    findings=$(scan_source "$2")
    incs=
    while read -r ln rule text; do
        [ -n "${ln:-}" ] || continue
        if [ "$rule" != include ]; then
            violation "$cap" "$rule" "$rel:$ln: $text"
            continue
        fi
        name=$(echo "$text" | sed 's/^[<"]//; s/[>"]$//')
        case $text in
        "<"*)
            case " $SYSTEM_HEADERS " in *" $name "*) continue ;; esac
            allowed header "$cap" "$name" && continue ;;
        '"'*)
            allowed header "$cap" "$name" && continue
            case $name in
            */*|..*) ;;
            *) if [ -f "$SRC/$name" ]; then incs="$incs $SRC/$name"; continue; fi ;;
            esac ;;
        esac
        violation "$cap" include "$rel:$ln: $text is not part of the capsule API (allowed: the allowlist's header lines, capsule headers, <$(echo $SYSTEM_HEADERS | sed 's/ /> </g')>)"
    done <<EOF
$findings
EOF
    for h in $incs; do
        check_source "$cap" "$h"
    done
}

check_object() {   # capsule object
    cap=$1
    syms=$("$NM" -u "$2") || { violation "$cap" symbol "$NM failed on $2"; return; }
    for s in $(echo "$syms" | awk '{ print $NF }'); do
        allowed symbol "$cap" "$s" && continue
        violation "$cap" symbol "references $s, which is not in the capsule API nor on its allowlist ($ALLOW)"
    done
    dis=$("$OBJDUMP" -d "$2") || { violation "$cap" instruction "$OBJDUMP failed on $2"; return; }
    insns=$(echo "$dis" | awk -F'\t' '
        /^[0-9a-f]+ <.*>:$/ { fn = $0; sub(/^[0-9a-f]+ </, "", fn); sub(/>:$/, "", fn) }
        NF >= 3 && $1 ~ /^ *[0-9a-f]+:$/ {
            m = $3; sub(/[ \t].*/, "", m)
            if (m ~ /^(msr|mrs|cps|cpsid|cpsie|svc|bkpt|wfi|wfe|sev|isb|dsb|dmb|clrex|ldrex|strex|mcr|mrc|cdp|ldc|stc|smc|hvc)/)
                print fn ": " m
        }' | sort -u)
    while read -r what; do
        [ -n "$what" ] || continue
        violation "$cap" instruction "$what (a system instruction: only inline assembly makes these)"
    done <<EOF
$insns
EOF
    secs=$("$OBJDUMP" -h "$2" | awk '$1 ~ /^[0-9]+$/ { print $2 }')
    for s in $secs; do
        case $s in
        .text|.text.*|.rodata|.rodata.*|.data|.data.*|.bss|.bss.*) ;;
        .debug_*|.comment|.ARM.attributes|.note.*|.group) ;;
        *) violation "$cap" section "code or data in section $s (capsules live in .text/.rodata/.data/.bss)" ;;
        esac
    done
}

for obj in "$@"; do
    base=$(basename "$obj")
    cap=${base%.obj}; cap=${cap%.o}; cap=${cap%.c}
    [ -f "$obj" ] || { violation "$cap" object "no object $obj"; continue; }
    check_object "$cap" "$obj"
    if [ -f "$SRC/$cap.c" ]; then
        seen=
        check_source "$cap" "$SRC/$cap.c"
    else
        violation "$cap" source "no source $SRC/$cap.c for $obj"
    fi
done
exit $bad
