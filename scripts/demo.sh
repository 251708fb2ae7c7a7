#!/usr/bin/env bash
# README command 1: installs what is missing, builds everything, and runs the
# demo: the hello and blink apps on the simulated board. With a display the
# SDL panel opens (LEDs, active/asleep) and runs in real time until closed;
# without one, a headless run of 10 virtual seconds prints the console and
# a summary. Extra arguments are passed to ctock-sim.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
b="$root/build"
mode=(--headless --until 10s --trace-leds)
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    mode=(--panel)
fi
exec "$b/ctock-sim" "${mode[@]}" "$@" "$b/fw/kernel-sim.elf" \
    "$b/fw/apps/hello.tbf" "$b/fw/apps/blink.tbf"
