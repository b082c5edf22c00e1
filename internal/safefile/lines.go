package safefile

import (
	"bytes"
	"io"
)

// MaxLineBytes is the longest line read from a line-based input (a
// runs.csv row, a posterior draw, a CSV header): far above any line
// channelsim writes, far below what would exhaust memory.
const MaxLineBytes = 1 << 20

// LimitLines returns a reader of r that fails, with a Refusal naming
// path and the limit, on a line longer than max bytes: a reader of lines
// above it (bufio, encoding/csv) then never holds more than max bytes of
// one line.
func LimitLines(r io.Reader, max int, path string) io.Reader {
	return &lineLimiter{r: r, max: max, path: path}
}

type lineLimiter struct {
	r    io.Reader
	max  int
	cur  int // bytes since the last newline
	line int // lines read, for the message
	path string
	err  error
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	b := p[:n]
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.cur += len(b)
			break
		}
		if l.cur+i > l.max {
			l.cur += i
			break
		}
		l.cur = 0
		l.line++
		b = b[i+1:]
	}
	if l.cur > l.max {
		l.err = refuse("%s: line %d is longer than the limit of %s (docs/cli.md, Limits)", l.path, l.line+1, FormatBytes(int64(l.max)))
		return 0, l.err
	}
	return n, err
}
