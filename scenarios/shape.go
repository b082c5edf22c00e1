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
	type frame struct {
		table bool // an inline table (else an array)
		depth int  // key depth of the inline table
	}
	var stack []frame
	line, lineStart := 1, 0
	tableDepth := 0 // segments of the current [table] header
	keyPos := true  // a key may start here
	i, n := 0, len(text)
	errAt := func(at int, format string, a ...any) *Error {
		return &Error{File: file, Line: line, Col: at - lineStart + 1, Msg: fmt.Sprintf(format, a...)}
	}
	newline := func() {
		line++
		lineStart = i + 1
	}
	// skipString skips the string starting at i, counting its lines.
	skipString := func() {
		q := text[i]
		if i+2 < n && text[i+1] == q && text[i+2] == q { // multi-line
			i += 3
			for i < n {
				switch {
				case text[i] == '\\' && q == '"':
					i++
					if i < n && text[i] == '\n' {
						newline()
					}
				case text[i] == '\n':
					newline()
				case text[i] == q && i+2 < n && text[i+1] == q && text[i+2] == q:
					i += 3
					for i < n && text[i] == q { // up to two quotes end the string
						i++
					}
					return
				}
				i++
			}
			return
		}
		i++
		for i < n && text[i] != q && text[i] != '\n' {
			if text[i] == '\\' && q == '"' {
				i++
			}
			i++
		}
		if i < n && text[i] == q {
			i++
		}
	}
	// key reads a dotted key at i and returns its number of segments.
	key := func() (int, *Error) {
		start, segs := i, 0
		for i < n {
			for i < n && (text[i] == ' ' || text[i] == '\t') {
				i++
			}
			if i >= n {
				break
			}
			c := text[i]
			switch {
			case c == '"' || c == '\'':
				skipString()
			case isBareKeyChar(c):
				for i < n && isBareKeyChar(text[i]) {
					i++
				}
			default:
				return segs, nil // not a key: the decoder reports it
			}
			segs++
			if i-start > MaxKeyBytes {
				return segs, errAt(start, "a key longer than the limit of %d bytes", MaxKeyBytes)
			}
			for i < n && (text[i] == ' ' || text[i] == '\t') {
				i++
			}
			if i >= n || text[i] != '.' {
				break
			}
			i++
		}
		return segs, nil
	}
	for i < n {
		c := text[i]
		switch {
		case c == '\n':
			newline()
			i++
			if len(stack) == 0 {
				keyPos = true
			}
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			for i < n && text[i] != '\n' {
				i++
			}
			continue
		}
		inTable := len(stack) > 0 && stack[len(stack)-1].table
		switch {
		case keyPos && len(stack) == 0 && c == '[':
			// A [table] or [[array of tables]] header.
			at := i
			i++
			if i < n && text[i] == '[' {
				i++
			}
			segs, err := key()
			if err != nil {
				return err
			}
			if segs > MaxKeyDepth {
				return errAt(at, "a table header of %d key segments, over the limit of %d", segs, MaxKeyDepth)
			}
			tableDepth = segs
			for i < n && text[i] != '\n' && text[i] != '#' {
				i++
			}
			continue
		case keyPos && (len(stack) == 0 || inTable):
			at := i
			segs, err := key()
			if err != nil {
				return err
			}
			depth := tableDepth
			if inTable {
				depth = stack[len(stack)-1].depth
			}
			if depth+segs > MaxKeyDepth {
				return errAt(at, "a key path of %d segments, over the limit of %d", depth+segs, MaxKeyDepth)
			}
			for i < n && (text[i] == ' ' || text[i] == '\t') {
				i++
			}
			if i < n && text[i] == '=' {
				i++
			}
			keyPos = false
			// An inline table or array as the value opens at this key's depth.
			for i < n && (text[i] == ' ' || text[i] == '\t') {
				i++
			}
			if i < n && (text[i] == '{' || text[i] == '[') {
				if len(stack) >= MaxNesting {
					return errAt(i, "values nested deeper than the limit of %d arrays and inline tables", MaxNesting)
				}
				stack = append(stack, frame{table: text[i] == '{', depth: depth + segs})
				keyPos = text[i] == '{'
				i++
			}
			continue
		}
		switch c {
		case '"', '\'':
			skipString()
		case '[', '{':
			if len(stack) >= MaxNesting {
				return errAt(i, "values nested deeper than the limit of %d arrays and inline tables", MaxNesting)
			}
			depth := 0
			if len(stack) > 0 {
				depth = stack[len(stack)-1].depth
			}
			stack = append(stack, frame{table: c == '{', depth: depth})
			keyPos = c == '{'
			i++
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			i++
		case ',':
			keyPos = len(stack) > 0 && stack[len(stack)-1].table
			i++
		default:
			i++
		}
	}
	return nil
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
