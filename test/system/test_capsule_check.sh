# Capsule isolation build check (tools/check_capsules.sh, docs/capsules.md):
# the real capsule objects pass; planted bad capsules, compiled here with
# the capsules' own compiler and flags (fw/capsules/capsule_check.env, from
# capsules/CMakeLists.txt), are each rejected with a message naming the
# capsule and the rule they break.
set -uo pipefail
B=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK="$ROOT/tools/check_capsules.sh"
ENV="$B/fw/capsules/capsule_check.env"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "PASS: $*"; }

[ -r "$ENV" ] || fail "no $ENV (firmware not configured?)"
. "$ENV"
[ -f "$B/fw/capsules/capsule_check.stamp" ] || fail "the build did not run the capsule check"

# The real capsules pass (as the build found), and every one was looked at.
# shellcheck disable=SC2086
sh "$CHECK" $CAPSULE_CHECK_ARGS $CAPSULE_OBJECTS >"$T/real.log" 2>&1 ||
    { cat "$T/real.log" >&2; fail "the real capsules do not pass"; }
n=$(echo $CAPSULE_OBJECTS | wc -w)
[ "$n" -ge 8 ] || fail "only $n capsule objects"
pass "$n real capsules pass"

# plant NAME [EXTRA_CFLAGS]: compiles $T/src/NAME.c (from stdin) like a capsule.
mkdir -p "$T/src"
plant() {
    cat >"$T/src/$1.c"
    # shellcheck disable=SC2086
    $CAPSULE_CC $CAPSULE_CFLAGS ${2:-} -c "$T/src/$1.c" -o "$T/$1.c.obj" 2>"$T/$1.cc.log" ||
        { cat "$T/$1.cc.log" >&2; fail "$1 does not compile"; }
}
# check NAME: runs the checker on the planted capsule NAME; output in $T/NAME.log.
check() {
    # shellcheck disable=SC2086
    sh "$CHECK" $CAPSULE_CHECK_ARGS --src "$T/src" "$T/$1.c.obj" >"$T/$1.log" 2>&1
}
# rejects NAME RULE [TEXT]: the check fails and names capsule NAME, RULE (and TEXT).
rejects() {
    check "$1" && { cat "$T/$1.log" >&2; fail "$1 passed the check"; }
    grep -F "capsule $1: rule $2:" "$T/$1.log" | grep -qF -- "${3:-}" ||
        { cat "$T/$1.log" >&2; fail "$1: no 'capsule $1: rule $2: ...${3:-}' line"; }
    pass "$1 rejected: $(grep -F "capsule $1: rule $2:" "$T/$1.log" | grep -F -- "${3:-}" | head -1)"
}

# A kernel-internal header and function: the process table.
plant bad_process "-I$ROOT/kernel/core" <<'EOF'
#include "ctock/capsule.h"
#include "process.h"
void bad_process_kill(ctock_pid_t pid)
{
    process_terminate(process_from_pid(pid), 0);
}
EOF
rejects bad_process include '"process.h" is not part of the capsule API'
rejects bad_process symbol 'references process_from_pid'
rejects bad_process symbol 'references process_terminate'

# A kernel function declared by hand, and kernel data through extern.
plant bad_kernel <<'EOF'
#include <stdint.h>
void kernel_set_drivers(const void *entries, unsigned count);
extern uint32_t _sapps;
void bad_kernel_take_over(void)
{
    kernel_set_drivers(0, 0);
    _sapps = 0;
}
EOF
rejects bad_kernel symbol 'references kernel_set_drivers'
rejects bad_kernel symbol 'references _sapps'
rejects bad_kernel extern 'bad_kernel.c:3'

# The board API header.
plant bad_header <<'EOF'
#include "ctock/kernel.h"
void bad_header_f(void) {}
EOF
rejects bad_header include '"ctock/kernel.h" is not part of the capsule API'

# Inline assembly: masking interrupts.
plant bad_asm <<'EOF'
void bad_asm_mask(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
}
EOF
rejects bad_asm inline-asm 'bad_asm.c:3'
rejects bad_asm instruction 'bad_asm_mask: cpsid'

# MMIO from a capsule: a UART register by absolute address.
plant bad_mmio <<'EOF'
#include <stdint.h>
void bad_mmio_poke(void)
{
    *(volatile uint32_t *)0x40004000u = 'x';
}
EOF
rejects bad_mmio address-cast 'bad_mmio.c:4'
rejects bad_mmio volatile 'bad_mmio.c:4'

# A process buffer written by address instead of ctock_buf_write.
plant bad_bufaddr <<'EOF'
#include "ctock/capsule.h"
#include "ctock/driver_num.h"
void bad_bufaddr_write(ctock_pid_t pid)
{
    ctock_buf_t b;
    if (ctock_allowed_rw(pid, DRIVER_NUM_CONSOLE, 1, &b) == CTOCK_OK)
        ((uint8_t *)b.addr)[b.len] = 0;
}
EOF
rejects bad_bufaddr buffer-addr 'bad_bufaddr.c:7'

# A process buffer made up by the capsule: the kernel would copy into it.
plant bad_forge <<'EOF'
#include "ctock/capsule.h"
void bad_forge_write(ctock_pid_t pid)
{
    ctock_buf_t zero = { 0, 0, 0, false };
    ctock_buf_t b = { pid, 0x20000000u, 4096, true };
    ctock_buf_write(&b, 0, &zero, sizeof(zero));
}
EOF
rejects bad_forge buffer-forge 'bad_forge.c:5'
grep -q 'bad_forge.c:4' "$T/bad_forge.log" && fail "bad_forge: a zero buffer was flagged"

# Code placed in a kernel section.
plant bad_section <<'EOF'
__attribute__((section(".vectors"), used)) static const unsigned bad_vector = 0;
EOF
rejects bad_section attribute 'bad_section.c:1'
rejects bad_section section '.vectors'

# A per-capsule allowlist entry is only for that capsule.
plant bad_procinfo <<'EOF'
#include "ctock/capsule.h"
unsigned bad_procinfo_count(void)
{
    ctock_proc_info_t p;
    unsigned n = 0;
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++)
        n += ctock_proc_info(i, &p);
    return n;
}
EOF
rejects bad_procinfo symbol 'references ctock_proc_info'

# A header next to the capsule is part of the capsule: its rules apply.
cat >"$T/src/bad_local.h" <<'EOF'
#include "ctock/mpu.h"
EOF
plant bad_local <<'EOF'
#include "bad_local.h"
void bad_local_f(void) {}
EOF
rejects bad_local include 'bad_local.h:1: "ctock/mpu.h"'

# A good capsule: the API, its own header, libc helpers, a deferred call,
# forbidden words only in comments and strings (no false positives).
cat >"$T/src/good.h" <<'EOF'
/* good.h: not volatile, no asm, extern-free */
#include "ctock/capsule.h"
#include "ctock/deferred.h"
#include "ctock/debug.h"
#include "ctock/hil/uart.h"
typedef struct { ctock_grant_t grant; int handle; uint8_t buf[16]; } good_t;
EOF
plant good <<'EOF'
#include "good.h"
#include <string.h>
// asm volatile: only a comment
static void later(void *ctx) { printk("volatile asm extern (void *)0x40004000\n"); }
static void copy_cb(void *data, ctock_pid_t pid, void *ctx)
{
    good_t *g = ctx;
    ctock_buf_t b;
    if (ctock_allowed_ro(pid, 1, 0, &b) == CTOCK_OK)
        ctock_buf_read(&b, 0, g->buf, sizeof(g->buf));
    memcpy(data, g->buf, 8);
}
void good_init(good_t *g)
{
    memset(g, 0, sizeof(*g));
    grant_init(&g->grant, 8, 0, 1, 0);
    g->handle = deferred_call_register(later, g);
}
void good_run(good_t *g, ctock_pid_t pid, unsigned d)
{
    grant_enter(&g->grant, pid, copy_cb, g);
    deferred_call_set(g->handle + (int)(pid / d));   /* __aeabi_uidiv */
}
EOF
check good || { cat "$T/good.log" >&2; fail "a good capsule is rejected"; }
pass "a good capsule (API, own header, libc, libgcc, comments) passes"

# The whole checker fails once when several capsules are bad, naming each.
# shellcheck disable=SC2086
sh "$CHECK" $CAPSULE_CHECK_ARGS --src "$T/src" "$T/bad_asm.c.obj" "$T/good.c.obj" "$T/bad_mmio.c.obj" \
    >"$T/all.log" 2>&1 && fail "a mixed set passed"
grep -q 'capsule bad_asm:' "$T/all.log" && grep -q 'capsule bad_mmio:' "$T/all.log" &&
    ! grep -q 'capsule good:' "$T/all.log" || { cat "$T/all.log" >&2; fail "mixed set report"; }
pass "a mixed set: each bad capsule named, the good one not"
