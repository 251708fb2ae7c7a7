#!/usr/bin/env bash
# Installs what ctock needs to build and test, and nothing more; safe to run
# again (each step checks first). Debian 12 packages come from apt; Unicorn
# >= 2.1 is used from the system when it is new enough, otherwise Debian 13's
# libunicorn2t64/libunicorn-dev 2.1.1 are downloaded and unpacked into
# .deps/unicorn (the system's package state is not touched). Debian 12's
# Unicorn 2.0.1 is 30-60x slower on guest stores (see docs/building.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/.deps"

pkgs=(cmake make gcc pkg-config gcc-arm-none-eabi libnewlib-arm-none-eabi
      libsdl2-dev libcmocka-dev libelf-dev libcapstone-dev qemu-system-arm
      xvfb xauth jq libconfig-dev tshark)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

unicorn_ok() {
    pkg-config --exists 'unicorn >= 2.1' 2>/dev/null
}
if unicorn_ok; then
    echo "setup: using system Unicorn $(pkg-config --modversion unicorn)"
    exit 0
fi
if [ -f "$deps/unicorn/.complete" ]; then
    exit 0
fi
echo "setup: fetching Unicorn 2.1.1 (Debian 13) into $deps/unicorn"
apt_dir="$deps/apt"
rm -rf "$apt_dir" "$deps/unicorn"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/dl" "$deps/unicorn"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    > "$apt_dir/sources.list"
opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
      -o APT::Sandbox::User=root -qq)
apt-get "${opts[@]}" update
(cd "$apt_dir/dl" && apt-get "${opts[@]}" download libunicorn2t64 libunicorn-dev)
for deb in "$apt_dir"/dl/*.deb; do
    dpkg -x "$deb" "$deps/unicorn"
done
test -f "$deps/unicorn/usr/include/unicorn/unicorn.h"
rm -rf "$apt_dir"
touch "$deps/unicorn/.complete"
echo "setup: Unicorn unpacked in $deps/unicorn"
