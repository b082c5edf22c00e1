package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"channelsim/experiment"
	"channelsim/internal/safefile"
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
	if wp, ok := r.(*experiment.WorkerPanic); ok {
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

// buildInfo is what the binary knows of the code it was built from.
type buildInfo struct {
	Version string // module version, "(devel)" for a local build
	Commit  string // VCS revision, "" when unknown
	Date    string // commit time (RFC 3339), "" when unknown
	Dirty   bool   // built from a tree with uncommitted changes
	Go      string // Go version
}

// readBuildInfo reads runtime/debug.ReadBuildInfo, falling back to the
// values stamped with -ldflags for what it lacks.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: "(devel)"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.Go = bi.GoVersion
		if bi.Main.Version != "" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.time":
				b.Date = s.Value
			case "vcs.modified":
				b.Dirty = s.Value == "true"
			}
		}
	}
	if b.Commit == "" && buildCommit != "" {
		b.Commit = strings.TrimSuffix(buildCommit, "-dirty")
		b.Dirty = strings.HasSuffix(buildCommit, "-dirty")
		b.Date = buildDate
	}
	if b.Version == "(devel)" && buildVersion != "" {
		b.Version = buildVersion
	}
	return b
}

// version returns the program's version for --version and manifests:
// module version, commit (+dirty), commit date and Go version, such as
// "(devel) (commit 85c6ad7f3e21+dirty, 2025-12-01T20:53:00Z, go1.26.8)".
func version() string {
	b := readBuildInfo()
	var parts []string
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if b.Dirty {
			c += "+dirty"
		}
		parts = append(parts, "commit "+c)
		if b.Date != "" {
			parts = append(parts, b.Date)
		}
	} else {
		parts = append(parts, "commit unknown: built without VCS information (use make build)")
	}
	if b.Go != "" {
		parts = append(parts, b.Go)
	}
	return fmt.Sprintf("%s (%s)", b.Version, strings.Join(parts, ", "))
}

// isTerminal reports whether f is a terminal (a character device).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress draws a progress bar on stderr when it is a terminal.
type progress struct {
	on    bool
	label string
	start time.Time
	last  time.Time
}

func newProgress(label string, show bool) *progress {
	return &progress{on: show && isTerminal(os.Stderr), label: label, start: time.Now()}
}

// Update shows fraction f done (0–1), at most ten times a second.
func (p *progress) Update(f float64, detail string) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond && f < 1 {
		return
	}
	p.last = time.Now()
	const width = 30
	n := int(f * width)
	bar := make([]byte, width)
	for i := range bar {
		if i < n {
			bar[i] = '#'
		} else {
			bar[i] = '.'
		}
	}
	eta := ""
	if el := time.Since(p.start); f > 0.02 && f < 1 {
		eta = " ETA " + (time.Duration(float64(el)/f) - el).Round(time.Second).String()
	}
	fmt.Fprintf(os.Stderr, "\r%s [%s] %3.0f%% %s%s\033[K", p.label, bar, 100*f, detail, eta)
}

// Done ends the bar's line.
func (p *progress) Done() {
	if p.on {
		fmt.Fprintln(os.Stderr)
	}
}
