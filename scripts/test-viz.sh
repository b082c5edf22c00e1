#!/usr/bin/env bash
# Runs the desktop viewer's window tests (build tag viz) under a virtual X
# server with Mesa's software OpenGL (llvmpipe). On a fresh Debian 12 they
# need, besides Go and gcc:
#
#   apt-get install -y libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
#     libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth
#
# (go-gl/glfw compiles GLFW's C sources with cgo: the first build takes
# about 45 s.) Extra arguments go to go test, e.g. -run Screenshot -v.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
command -v xauth >/dev/null 2>&1 || missing+=(xauth)
for h in /usr/include/GL/gl.h /usr/include/X11/Xlib.h /usr/include/X11/Xcursor/Xcursor.h \
  /usr/include/X11/extensions/Xrandr.h /usr/include/X11/extensions/Xinerama.h \
  /usr/include/X11/extensions/XInput2.h /usr/include/X11/extensions/xf86vmode.h; do
  [ -e "$h" ] || missing+=("$h")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-viz: missing: ${missing[*]}" >&2
  echo "install: apt-get install -y libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth" >&2
  exit 1
fi
exec xvfb-run -a -s "-screen 0 1280x800x24" go test -count=1 -tags viz "$@" ./viz/... ./cmd/channelsim-view/...
