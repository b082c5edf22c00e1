// Package progress draws the commands' progress bars on stderr.
package progress

import (
	"fmt"
	"os"
	"time"
)

// isTerminal reports whether f is a terminal (a character device).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Bar draws a progress bar on stderr when it is a terminal.
type Bar struct {
	on    bool
	label string
	start time.Time
	last  time.Time
}

// New is a bar labelled label, drawn when show is set and stderr is a
// terminal.
func New(label string, show bool) *Bar {
	return &Bar{on: show && isTerminal(os.Stderr), label: label, start: time.Now()}
}

// Update shows fraction f done (0–1), at most ten times a second.
func (p *Bar) Update(f float64, detail string) {
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

// Runs shows done of total runs done, as the batch commands' progress
// callbacks report them.
func (p *Bar) Runs(done, total int) {
	p.Update(float64(done)/float64(total), fmt.Sprintf("run %d/%d", done, total))
}

// Done ends the bar's line.
func (p *Bar) Done() {
	if p.on {
		fmt.Fprintln(os.Stderr)
	}
}
