#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then configures and builds the
# host programs and the firmware into build/. Safe to run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$root/build" >/dev/null
cmake --build "$root/build" -j "$jobs"
