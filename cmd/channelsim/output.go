package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"channelsim/scenarios/sweep"
)

// atomicFiles writes a set of output files so that a reader never sees a
// half-written one: each is written to a temporary file in the same
// directory and renamed over its name only when all have been written.
type atomicFiles struct {
	dir   string
	temps map[string]string // final name → temp path
	order []string
}

func newAtomicFiles(dir string) (*atomicFiles, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create output directory: %w", err)
	}
	return &atomicFiles{dir: dir, temps: map[string]string{}}, nil
}

// Write stages the file name with contents b.
func (a *atomicFiles) Write(name string, b []byte) error {
	tmp, err := sweep.WriteTemp(a.dir, name, b)
	if err != nil {
		return err
	}
	a.temps[name] = tmp
	a.order = append(a.order, name)
	return nil
}

// Commit renames every staged file into place.
func (a *atomicFiles) Commit() error {
	for _, name := range a.order {
		if err := os.Rename(a.temps[name], filepath.Join(a.dir, name)); err != nil {
			a.Abort()
			return err
		}
		delete(a.temps, name)
	}
	return nil
}

// Abort removes every staged file.
func (a *atomicFiles) Abort() {
	for _, p := range a.temps {
		os.Remove(p)
	}
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
