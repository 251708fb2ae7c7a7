#!/usr/bin/env bash
# bench/mpu.sh - the MPU's cost on a store-heavy loop (bench/mpu_store.c):
# MPU off vs on with the data in a whole page vs in a page a subregion
# edge cuts. Printed, not asserted. Usage: bench/mpu.sh [BUILD_DIR] [M_INSNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b=${1:-$root/build}
"$b/mpu_store" "${2:-400}"
