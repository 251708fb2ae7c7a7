# The SDL2 panel opens on a display (Xvfb here), runs the demo paced to wall
# time (sped up 20x), and ends cleanly at --until; without a display,
# --panel fails with a one-line error and exit 2, not a crash.
source "$(dirname "$0")/lib.sh"
command -v xvfb-run >/dev/null || fail "xvfb-run missing (scripts/setup.sh installs xvfb)"
timeout 60 xvfb-run -a "$SIM" --panel --speed 20 --until 2s "$KERNEL" \
    "$APPS/hello.tbf" "$APPS/blink.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || { cat "$T/err" >&2; fail "panel run exit $rc, want 0"; }
expect_line "$T/out" "hello: Hello, World!"
env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 timeout 20 "$SIM" --panel --until 1s \
    "$KERNEL" "$APPS/blink.tbf" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] || { cat "$T/err" >&2; fail "no display: exit $rc, want 2"; }
[ "$(wc -l <"$T/err")" -le 2 ] || { cat "$T/err" >&2; fail "no display: expected a short error"; }
pass "panel runs under Xvfb; without a display it exits 2"
