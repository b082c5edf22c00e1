# channelsim: the two commands of the README, and the rest.
GO ?= go

.PHONY: run test test-viz bench build build-static view fmt vet clean

run:            ## run the embedded baseline scenario
	$(GO) run ./cmd/channelsim run

test:           ## every test, including the desktop viewer's under Xvfb
	./scripts/test.sh

test-viz:       ## the viewer's window tests alone, under Xvfb
	./scripts/test-viz.sh

bench:          ## the benchmarks, with allocations
	$(GO) test -run '^$$' -bench . -benchmem ./sim/ ./scanner/ ./world/ ./scenarios/sweep/ ./viz/

view:           ## the desktop viewer (needs cgo, X11/GL headers)
	$(GO) run -tags viz ./cmd/channelsim-view

build:
	$(GO) build ./...

build-static:   ## the headless binary for cluster nodes: no cgo, no graphics libraries
	CGO_ENABLED=0 $(GO) build -o bin/channelsim ./cmd/channelsim

fmt:
	gofmt -l -w .

vet:
	$(GO) vet ./...

clean:
	rm -rf bin
