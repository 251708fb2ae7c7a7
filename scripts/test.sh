#!/usr/bin/env bash
# README command 2: installs what is missing, builds everything, runs the
# whole test suite (cmocka unit tests, system tests on ctock-sim, the QEMU
# cross-check) through ctest, and ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh" || { echo "0 passed, 1 failed"; exit 1; }
cd "$root/build"
jobs=$(nproc 2>/dev/null || echo 2)
ctest --output-on-failure -j "$jobs" 2>&1 | tee ctest.log
status=${PIPESTATUS[0]}
line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' ctest.log | tail -1)
total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
failed=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$line")
if [ -z "$line" ]; then total=0; failed=1; fi
echo "$((total - failed)) passed, $failed failed"
exit "$status"
