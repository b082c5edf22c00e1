#!/usr/bin/env bash
# Runs every test: gofmt and vet, the pure-Go tests (the headless binary is
# built with CGO_ENABLED=0, as on a cluster node), and the desktop viewer's
# window tests under Xvfb with Mesa's software renderer; the HTML reports in
# headless Chromium; a sharded sweep on a one-node Slurm cluster
# (scripts/test-slurm.sh).
#
# It says what it is doing as it goes (a fresh machine first installs
# packages, and a few tests take minutes) and ends with one summary line,
# "tests: N passed, N failed, N skipped", over every stage.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
stage() { echo "==> $* ($(( $(date +%s) - started ))s)"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Debian packages the viewer's tests need: the X11/GL headers GLFW builds
# against (go-gl/glfw vendors GLFW's C source) and a virtual X server.
VIEWER_PKGS="gcc libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth"

stage "gofmt, go vet and the CGO_ENABLED=0 build"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...
CGO_ENABLED=0 go build -o /dev/null ./cmd/channelsim

# The HTML reports are tested in headless Chromium (driven over the DevTools
# protocol by chromedp); as root, install it when missing, as for Xvfb below.
BROWSER_PKGS="chromium chromium-driver"
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing the report tests' browser: $BROWSER_PKGS" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $BROWSER_PKGS >/dev/null
  else
    echo "the HTML report test will be skipped: install $BROWSER_PKGS (sudo apt-get install $BROWSER_PKGS)" >&2
  fi
fi
go build -o "$work/testsum" ./scripts/testsum
stage "go test ./... ($(go list ./... | wc -l) packages) with the long checks of the model (CHANNELSIM_LONG=1); the slowest take minutes: progress every 30 s"
CHANNELSIM_LONG=1 go test -count=1 -json ./... | "$work/testsum" -counts "$work/go.counts"

if grep -rqs '^//go:build viz' viz cmd 2>/dev/null; then
  missing=""
  for p in $VIEWER_PKGS; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing the viewer's test packages:$missing" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "the viewer's tests need these Debian packages:$missing" >&2
      echo "install them (sudo apt-get install$missing) and run make test again" >&2
      exit 1
    fi
  fi
  go vet -tags viz ./viz/... ./cmd/...
  stage "the viewer's window tests under Xvfb"
  ./scripts/test-viz.sh -json | "$work/testsum" -counts "$work/viz.counts"
fi

# Sweeps on a real Slurm: installs slurm-wlm and munge when missing (as root),
# starts a one-node cluster in a temporary directory and stops it again.
stage "a sharded sweep on a one-node Slurm cluster"
./scripts/test-slurm.sh
echo "1 0 0" > "$work/slurm.counts"

stage "done"
read -r p f s < <(cat "$work"/*.counts | awk '{p += $1; f += $2; s += $3} END {print p, f, s}')
echo "tests: $p passed, $f failed, $s skipped"
