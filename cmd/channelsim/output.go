package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
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

// version returns the program's version: the module version and VCS
// revision when the build recorded them.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return fmt.Sprintf("%s (%s%s, %s)", v, rev, dirty, bi.GoVersion)
	}
	return fmt.Sprintf("%s (%s)", v, bi.GoVersion)
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
