# channelsim: the two commands of the README, and the rest.
GO ?= go

.PHONY: run test test-viz bench build build-static fmt vet deps-viz clean

run:            ## run the embedded baseline scenario
	$(GO) run ./cmd/channelsim run

test:           ## every test, including the desktop viewer's under Xvfb
	./scripts/test.sh

bench:          ## the benchmarks, with allocations
	$(GO) test -run '^$$' -bench . -benchmem ./sim/ ./scanner/ ./world/

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
