# Shared helpers for system tests (sourced). Each test is run by ctest as
# `bash test_X.sh BUILD_DIR` and exits non-zero with a message on failure.
set -uo pipefail
B=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
SIM="$B/ctock-sim"
KERNEL="$B/fw/kernel-sim.elf"
APPS="$B/fw/apps"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "PASS: $*"; }

# expect_line FILE TEXT: FILE has a line equal to TEXT.
expect_line() {
    grep -qxF -- "$2" "$1" || { echo "--- $1:" >&2; head -50 "$1" >&2; fail "no line '$2' in $(basename "$1")"; }
}
# count_lines FILE TEXT: how many lines equal TEXT.
count_lines() { grep -cxF -- "$2" "$1" || true; }
