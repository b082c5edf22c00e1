# channelsim: the two commands of the README, and the rest.
GO ?= go

# What --version and the manifests report when the Go toolchain records no
# VCS information (go run, -buildvcs=false, a git worktree): the commit,
# "-dirty" with uncommitted changes, and the commit's date.
COMMIT := $(shell git rev-parse HEAD 2>/dev/null)$(shell git diff --quiet HEAD 2>/dev/null || echo -dirty)
DATE := $(shell git log -1 --format=%cI 2>/dev/null)
LDFLAGS := -X main.buildCommit=$(COMMIT) -X main.buildDate=$(DATE)

.PHONY: run test test-viz test-slurm bench bench-year fuzz build build-static install docs view fmt vet clean

run:            ## run the embedded baseline scenario
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/channelsim run

test:           ## every test, including the desktop viewer's under Xvfb and the Slurm cluster test
	./scripts/test.sh

test-viz:       ## the viewer's window tests alone, under Xvfb
	./scripts/test-viz.sh

test-slurm:     ## the sharded sweep on a one-node Slurm cluster alone (as root)
	./scripts/test-slurm.sh

bench:          ## the benchmarks, with allocations
	$(GO) test -run '^$$' -bench . -benchmem ./engine/ ./sim/ ./scanner/ ./world/ ./experiment/ ./viz/

# The CPU time of a simulated year of baseline-2015, best of BENCH_RUNS;
# BENCH_BASE=REV compares with commit REV, run in turn (docs/performance-model.md).
BENCH_RUNS ?= 3
BENCH_BASE ?=
bench-year:     ## CPU seconds of a simulated year, best of 3 (BENCH_BASE=rev to compare)
	./scripts/bench-year.sh --runs $(BENCH_RUNS) $(if $(BENCH_BASE),--base $(BENCH_BASE))

# The fuzz targets, one per input format: scenario files (and the shape of
# any TOML text), ranges files, sweep files, shard specifications, runs.csv
# as merge and resume read it, posterior files, the map's GeoJSON and the
# Home Office small-boat series (analysis/observed).
# make test runs only their seed corpora (the cases of docs/cli.md's
# limits); make fuzz explores, each for FUZZTIME, minimizing a failing
# input for at most FUZZMINIMIZE so that the fuzzer gets back to
# exploring. Failures land in testdata/fuzz/ as seeds. A test in package
# scenarios checks that every func Fuzz of the tree is listed here.
FUZZTIME ?= 1m
FUZZMINIMIZE ?= 10s
FUZZ = $(GO) test -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)

fuzz:           ## run each fuzz target for FUZZTIME (default 1m)
	$(FUZZ) -fuzz '^FuzzLoad$$' ./scenarios/
	$(FUZZ) -fuzz '^FuzzCheckShape$$' ./scenarios/
	$(FUZZ) -fuzz '^FuzzParseRanges$$' ./scenarios/
	$(FUZZ) -fuzz '^FuzzParse$$' ./experiment/
	$(FUZZ) -fuzz '^FuzzMergeRuns$$' ./experiment/
	$(FUZZ) -fuzz '^FuzzResumeRuns$$' ./experiment/
	$(FUZZ) -fuzz '^FuzzParseShard$$' ./experiment/
	$(FUZZ) -fuzz '^FuzzParsePosterior$$' ./analysis/
	$(FUZZ) -fuzz '^FuzzLoad$$' ./world/
	$(FUZZ) -fuzz '^FuzzParseSeries$$' ./analysis/observed/

view:           ## the desktop viewer (needs cgo, X11/GL headers)
	$(GO) run -tags viz ./cmd/channelsim-view

build:          ## bin/channelsim, stamped with its commit
	$(GO) build ./...
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/channelsim ./cmd/channelsim

build-static:   ## the headless binary for cluster nodes: no cgo, no graphics libraries
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o bin/channelsim ./cmd/channelsim

install:        ## go install channelsim, stamped with its commit
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/channelsim

docs:           ## regenerate docs/cli.md and docs/scenarios.md
	$(GO) test ./cmd/channelsim -run TestCLIReference -update
	$(GO) run ./cmd/channelsim scenarios --reference > docs/scenarios.md

fmt:
	gofmt -l -w .

vet:
	$(GO) vet ./...

clean:
	rm -rf bin
