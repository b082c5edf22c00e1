package scenarios

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Error is a problem in a scenario file, at a position when one is known.
// It prints as FILE:LINE:COL: message, the form editors jump to.
type Error struct {
	File string
	Line int // 1-based; 0 when unknown
	Col  int // 1-based; 0 when unknown
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in a scenario, in file order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// suggest returns the known key closest to key by edit distance, if close
// enough to be a likely typo.
func suggest(key string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		d := levenshtein(key, k)
		// Compare last segments too, so a key in the wrong table is found.
		if i := strings.LastIndexByte(k, '.'); i >= 0 {
			j := strings.LastIndexByte(key, '.')
			if dd := levenshtein(key[j+1:], k[i+1:]) + 1; dd < d && strings.HasPrefix(key, k[:i+1]) {
				d = dd
			}
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= max(2, len(key)/4) {
		return best
	}
	return ""
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// DecodeStrict decodes TOML data from file into v, strictly: a syntax
// error, a value of the wrong type or a key v has no field for is an
// Error at FILE:LINE:COL, unknown keys with the closest of known as a
// "did you mean". Other file formats built on scenarios' conventions
// (sweep files) use it so that their errors read the same.
func DecodeStrict(file string, data []byte, v any, known []string) error {
	text := string(data)
	if e := checkShape(file, text); e != nil {
		return Errors{e}
	}
	lines := scanKeyLines(text)
	md, err := toml.Decode(text, v)
	if err != nil {
		return Errors{decodeError(file, err, lines)}
	}
	var errs Errors
	for _, k := range md.Undecoded() {
		key := k.String()
		line, col := lines.find(key)
		msg := "unknown key"
		if s := suggest(stripIndex(key), known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		errs = append(errs, &Error{File: file, Line: line, Col: col, Key: key, Msg: msg})
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return errs
	}
	return nil
}

// Positions returns a function that finds the line and column where a key
// path ("replications", "parameters[1].values") is set in TOML data, or
// of its nearest enclosing table; 0, 0 when it is not set.
func Positions(data []byte) func(path string) (line, col int) {
	kl := scanKeyLines(string(data))
	return kl.find
}

// Suggest returns the entry of known closest to key, if it is close enough
// to be a likely typo, or "".
func Suggest(key string, known []string) string { return suggest(key, known) }
