package scenarios

import "fmt"

// Limits on the shape of a TOML text (docs/cli.md, Limits), checked by
// checkShape before the text is decoded: the decoder makes an implicit
// table for each segment of a dotted key and records the whole path of
// each, so a 16 KB file with one key of 8,000 segments takes gigabytes,
// and deep nesting recurses as deep.
const (
	// MaxKeyDepth is the most segments of a key path: a table header's
	// and the dotted key's under it, inline tables included. The
	// scenario keys have at most 4.
	MaxKeyDepth = 16
	// MaxKeyBytes is the longest key, as written.
	MaxKeyBytes = 1024
	// MaxNesting is the deepest nesting of arrays and inline tables.
	MaxNesting = 16
)

// checkShape scans a TOML text for its keys and nesting, without
// decoding it, in one pass, and returns an Error at the first key deeper
// than MaxKeyDepth or longer than MaxKeyBytes, or value nested deeper
// than MaxNesting. It follows TOML's lexical structure only as far as
// these limits need (strings, comments, headers, keys, brackets): a text
// that is not TOML is left for the decoder to report.
func checkShape(file, text string) *Error {
	s := &shapeScan{file: file, text: text, n: len(text), line: 1, keyPos: true}
	return s.scan()
}

// shapeScan is checkShape's pass over a text: its position, the open
// arrays and inline tables, and whether a key may start here.
type shapeScan struct {
	file, text string
	i, n       int
	line       int
	lineStart  int
	stack      []shapeFrame
	tableDepth int  // segments of the current [table] header
	keyPos     bool // a key may start here
}

// shapeFrame is an open array or inline table.
type shapeFrame struct {
	table bool // an inline table (else an array)
	depth int  // key depth of the inline table
}

func (s *shapeScan) errAt(at int, format string, a ...any) *Error {
	return &Error{File: s.file, Line: s.line, Col: at - s.lineStart + 1, Msg: fmt.Sprintf(format, a...)}
}

func (s *shapeScan) newline() {
	s.line++
	s.lineStart = s.i + 1
}

// skipBlanks skips spaces and tabs.
func (s *shapeScan) skipBlanks() {
	for s.i < s.n && (s.text[s.i] == ' ' || s.text[s.i] == '\t') {
		s.i++
	}
}

// scan is the pass: blanks, comments and newlines, then a table header, a
// key or a value's brackets and strings.
func (s *shapeScan) scan() *Error {
	text, n := s.text, s.n
	for s.i < n {
		c := text[s.i]
		switch {
		case c == '\n':
			s.newline()
			s.i++
			if len(s.stack) == 0 {
				s.keyPos = true
			}
			continue
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
			continue
		case c == '#':
			for s.i < n && text[s.i] != '\n' {
				s.i++
			}
			continue
		}
		inTable := len(s.stack) > 0 && s.stack[len(s.stack)-1].table
		switch {
		case s.keyPos && len(s.stack) == 0 && c == '[':
			if err := s.header(); err != nil {
				return err
			}
			continue
		case s.keyPos && (len(s.stack) == 0 || inTable):
			if err := s.keyValue(inTable); err != nil {
				return err
			}
			continue
		}
		if err := s.value(c); err != nil {
			return err
		}
	}
	return nil
}

// header reads a [table] or [[array of tables]] header.
func (s *shapeScan) header() *Error {
	at := s.i
	s.i++
	if s.i < s.n && s.text[s.i] == '[' {
		s.i++
	}
	segs, err := s.key()
	if err != nil {
		return err
	}
	if segs > MaxKeyDepth {
		return s.errAt(at, "a table header of %d key segments, over the limit of %d", segs, MaxKeyDepth)
	}
	s.tableDepth = segs
	for s.i < s.n && s.text[s.i] != '\n' && s.text[s.i] != '#' {
		s.i++
	}
	return nil
}

// keyValue reads a key, at the top level or in an inline table, and its
// =; an inline table or array as the value opens at this key's depth.
func (s *shapeScan) keyValue(inTable bool) *Error {
	at := s.i
	segs, err := s.key()
	if err != nil {
		return err
	}
	depth := s.tableDepth
	if inTable {
		depth = s.stack[len(s.stack)-1].depth
	}
	if depth+segs > MaxKeyDepth {
		return s.errAt(at, "a key path of %d segments, over the limit of %d", depth+segs, MaxKeyDepth)
	}
	s.skipBlanks()
	if s.i < s.n && s.text[s.i] == '=' {
		s.i++
	}
	s.keyPos = false
	s.skipBlanks()
	if s.i < s.n && (s.text[s.i] == '{' || s.text[s.i] == '[') {
		if len(s.stack) >= MaxNesting {
			return s.errAt(s.i, "values nested deeper than the limit of %d arrays and inline tables", MaxNesting)
		}
		s.stack = append(s.stack, shapeFrame{table: s.text[s.i] == '{', depth: depth + segs})
		s.keyPos = s.text[s.i] == '{'
		s.i++
	}
	return nil
}

// value steps over a character c of a value: a string, an opening or
// closing bracket, a comma, or anything else.
func (s *shapeScan) value(c byte) *Error {
	switch c {
	case '"', '\'':
		s.skipString()
	case '[', '{':
		if len(s.stack) >= MaxNesting {
			return s.errAt(s.i, "values nested deeper than the limit of %d arrays and inline tables", MaxNesting)
		}
		depth := 0
		if len(s.stack) > 0 {
			depth = s.stack[len(s.stack)-1].depth
		}
		s.stack = append(s.stack, shapeFrame{table: c == '{', depth: depth})
		s.keyPos = c == '{'
		s.i++
	case ']', '}':
		if len(s.stack) > 0 {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.i++
	case ',':
		s.keyPos = len(s.stack) > 0 && s.stack[len(s.stack)-1].table
		s.i++
	default:
		s.i++
	}
	return nil
}

// skipString skips the string starting at i, counting its lines.
func (s *shapeScan) skipString() {
	text, n := s.text, s.n
	q := text[s.i]
	if s.i+2 < n && text[s.i+1] == q && text[s.i+2] == q { // multi-line
		s.i += 3
		for s.i < n {
			switch {
			case text[s.i] == '\\' && q == '"':
				s.i++
				if s.i < n && text[s.i] == '\n' {
					s.newline()
				}
			case text[s.i] == '\n':
				s.newline()
			case text[s.i] == q && s.i+2 < n && text[s.i+1] == q && text[s.i+2] == q:
				s.i += 3
				for s.i < n && text[s.i] == q { // up to two quotes end the string
					s.i++
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < n && text[s.i] != q && text[s.i] != '\n' {
		if text[s.i] == '\\' && q == '"' {
			s.i++
		}
		s.i++
	}
	if s.i < n && text[s.i] == q {
		s.i++
	}
}

// key reads a dotted key at i and returns its number of segments.
func (s *shapeScan) key() (int, *Error) {
	text, n := s.text, s.n
	start, segs := s.i, 0
	for s.i < n {
		s.skipBlanks()
		if s.i >= n {
			break
		}
		c := text[s.i]
		switch {
		case c == '"' || c == '\'':
			s.skipString()
		case isBareKeyChar(c):
			for s.i < n && isBareKeyChar(text[s.i]) {
				s.i++
			}
		default:
			return segs, nil // not a key: the decoder reports it
		}
		segs++
		if s.i-start > MaxKeyBytes {
			return segs, s.errAt(start, "a key longer than the limit of %d bytes", MaxKeyBytes)
		}
		s.skipBlanks()
		if s.i >= n || text[s.i] != '.' {
			break
		}
		s.i++
	}
	return segs, nil
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// CheckShape checks a TOML text against the shape limits (MaxKeyDepth,
// MaxKeyBytes, MaxNesting) without decoding it: a caller that decodes a
// file of unknown kind (channelsim check telling sweeps, ranges and
// scenarios apart) calls it first.
func CheckShape(file string, data []byte) error {
	if e := checkShape(file, string(data)); e != nil {
		return Errors{e}
	}
	return nil
}
