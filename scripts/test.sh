#!/usr/bin/env bash
# Runs every test: gofmt and vet, the pure-Go tests (which build and run with
# CGO_ENABLED=0, as on a cluster node), and the desktop viewer's window tests
# under Xvfb when the viewer's build tag and headers are present.
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...
CGO_ENABLED=0 go build -o /dev/null ./cmd/channelsim
go test -count=1 ./...
if [ -d viz ] && grep -rqs 'go:build viz' viz cmd 2>/dev/null; then
  if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1280x800x24" go test -count=1 -tags viz ./viz/... ./cmd/...
  else
    echo "xvfb-run not found: install the viewer's test dependencies (see .ci/run)" >&2
    exit 1
  fi
fi
