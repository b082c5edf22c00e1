package scenarios

import (
	"strconv"
	"strings"
)

// keyLines maps each key path set in a TOML text to the line and column
// where it is set. BurntSushi/toml keeps key positions private, so this is
// a small scanner of its own: it follows [table] and [[array]] headers and
// dotted keys, and skips the continuation lines of multi-line arrays and
// strings. Elements of arrays of tables are recorded both as "a[2].k" (the
// third element) and as "a.k" (the first occurrence).
type keyLines map[string][2]int

func scanKeyLines(text string) keyLines {
	kl := keyLines{}
	table := ""
	arrays := map[string]int{}
	depth := 0       // open brackets of a multi-line value
	inMulti := false // inside a """ or ''' string
	for n, raw := range strings.Split(text, "\n") {
		line := n + 1
		s := raw
		if inMulti {
			if strings.Contains(s, `"""`) || strings.Contains(s, `'''`) {
				inMulti = false
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(stripComment(s))
			continue
		}
		t := strings.TrimSpace(stripComment(s))
		if t == "" {
			continue
		}
		col := strings.Index(s, t) + 1
		switch {
		case strings.HasPrefix(t, "[["):
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "[["), "]]"))
			arrays[name]++
			table = name + "[" + itoa(arrays[name]-1) + "]"
			kl.set(name, line, col)
			continue
		case strings.HasPrefix(t, "["):
			table = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "["), "]"))
			kl.set(table, line, col)
			continue
		}
		eq := strings.IndexByte(t, '=')
		if eq < 0 {
			continue
		}
		key := strings.TrimSpace(t[:eq])
		key = strings.ReplaceAll(strings.ReplaceAll(key, `"`, ""), " ", "")
		path := key
		if table != "" {
			path = table + "." + key
		}
		kl.set(path, line, col)
		if plain := stripIndex(path); plain != path {
			kl.set(plain, line, col)
		}
		val := t[eq+1:]
		if strings.Count(val, `"""`)%2 == 1 || strings.Count(val, `'''`)%2 == 1 {
			inMulti = true
		}
		depth += bracketDepth(val)
	}
	return kl
}

func (kl keyLines) set(path string, line, col int) {
	if _, ok := kl[path]; !ok {
		kl[path] = [2]int{line, col}
	}
}

// find returns the position of path, or of its nearest enclosing table.
func (kl keyLines) find(path string) (line, col int) {
	for p := path; p != ""; {
		if pos, ok := kl[p]; ok {
			return pos[0], pos[1]
		}
		if pos, ok := kl[stripIndex(p)]; ok {
			return pos[0], pos[1]
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0, 0
}

func stripIndex(p string) string {
	var b strings.Builder
	skip := false
	for _, r := range p {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitComment returns the part of a TOML line before any comment, and the
// net number of brackets and braces it opens, both outside strings.
func splitComment(s string) (code string, depth int) {
	inStr := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr != 0:
			if c == '\\' && inStr == '"' {
				i++
			} else if c == inStr {
				inStr = 0
			}
		case c == '"' || c == '\'':
			inStr = c
		case c == '#':
			return s[:i], depth
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		}
	}
	return s, depth
}

func stripComment(s string) string {
	code, _ := splitComment(s)
	return code
}

func bracketDepth(s string) int {
	_, d := splitComment(s)
	return d
}

func itoa(i int) string { return strconv.Itoa(i) }
