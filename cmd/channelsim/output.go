package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"channelsim/experiment"
	"channelsim/internal/buildinfo"
	progressbar "channelsim/internal/progress"
	"channelsim/internal/safefile"
	"channelsim/internal/worker"
	"channelsim/scenarios"
)

// badInput reports whether err is an error in what the user gave (a
// refusal of package experiment or safefile, scenario errors): exit status 2,
// not 1.
func badInput(err error) bool {
	var es scenarios.Errors
	return experiment.IsRefusal(err) || safefile.IsRefusal(err) || errors.As(err, &es)
}

// failed reports err on stderr as "channelsim NAME: err" and returns the
// exit status of the contract: 2 for bad usage or input, 1 for an
// internal failure (a full disk, a model that cannot be built).
func failed(name string, err error) int {
	fmt.Fprintf(os.Stderr, "channelsim %s: %v\n", name, err)
	if badInput(err) {
		return exitUsage
	}
	return exitInternal
}

// stdout is the program's standard output: every command writes its
// results through it. A write that fails (a full disk, /dev/full) is
// remembered, later writes are skipped, and dispatch turns a command
// that then ends in success into an internal failure: a result that was
// not written whole must not look written.
var stdout = &checkedWriter{w: os.Stdout}

type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

// bugReport is what an internal error asks the user to send.
const bugReport = "This is a bug in channelsim, not a problem with your input: please report it to\n" +
	"the project's maintainers with the command line, the output of 'channelsim --version',\n" +
	"the input files it names, and this whole message."

// reportPanic reports a panic recovered at the top as an internal error,
// with its stack, and returns exitInternal (Go's runtime would exit with
// 2, the status of bad input).
func reportPanic(w io.Writer, r any, stack []byte) int {
	if wp, ok := r.(*worker.Panic); ok {
		r, stack = wp.Value, wp.Stack
	}
	fmt.Fprintf(w, "channelsim: internal error: %v\n\n%s\n%s\n", r, bugReport, stack)
	return exitInternal
}

// maxSeed is the largest seed: seeds are recorded as signed 64-bit
// integers (TOML's, JSON readers'), so they are below 2⁶³.
const maxSeed = 1<<63 - 1

// checkSeed refuses a --seed of 2⁶³ or more.
func checkSeed(name string, seed uint64) int {
	if seed > maxSeed {
		return usageError(name, "--seed: expected a seed from 0 to %d (2⁶³ − 1), got %d", uint64(maxSeed), seed)
	}
	return exitOK
}

// Build information stamped by the Makefile with -ldflags "-X
// main.buildVersion=… -X main.buildCommit=… -X main.buildDate=…", used
// when the Go toolchain recorded no VCS information (go run, go build
// -buildvcs=false, a source tree without .git).
var buildVersion, buildCommit, buildDate string

// version returns the program's version for --version and manifests
// (buildinfo.Info.String).
func version() string { return buildinfo.Read(buildVersion, buildCommit, buildDate).String() }

// progress draws a progress bar on stderr when it is a terminal.
type progress = progressbar.Bar

func newProgress(label string, show bool) *progress { return progressbar.New(label, show) }
