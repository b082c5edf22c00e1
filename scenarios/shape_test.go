package scenarios

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestCheckShape(t *testing.T) {
	deep := func(n int) string { return strings.TrimSuffix(strings.Repeat("a.", n), ".") }
	for _, c := range []struct {
		name, text, want string // want "" : accepted
	}{
		{"a scenario", "extends = \"baseline-2015\"\n[migrants]\ntry_share = 0.2 # a comment [[x]]\n", ""},
		{"keys at the limit", deep(16) + " = 1\n", ""},
		{"a dotted key of 17 segments", deep(17) + " = 1\n", "1:1: a key path of 17 segments, over the limit of 16"},
		{"8,000 segments", "x = 1\n" + deep(8000) + " = 1\n", "2:1: a key longer than the limit of 1024 bytes"},
		{"a header and a key", "[" + deep(10) + "]\n" + deep(7) + " = 1\n", "2:1: a key path of 17 segments"},
		{"a deep header", "[[" + deep(17) + "]]\n", "1:1: a table header of 17 key segments"},
		{"inline tables", "a = {b = {c = {" + deep(14) + " = 1}}}\n", "1:16: a key path of 17 segments"},
		{"nested arrays", "a = " + strings.Repeat("[", 17) + strings.Repeat("]", 17) + "\n", "values nested deeper than the limit of 16"},
		{"nested arrays at the limit", "a = " + strings.Repeat("[", 16) + strings.Repeat("]", 16) + "\n", ""},
		{"quoted keys", `"a.b".'c' = 1` + "\n", ""},
		{"dots in strings", "a = \"" + deep(100) + "\"\nb = '''\n" + deep(100) + " = 1\n'''\nc = \"\"\"\\\n" + deep(100) + "\"\"\"\n", ""},
		{"brackets in strings", "a = \"[[[[\"\nb = ['[', \"{\"]\n", ""},
		{"a multi-line array", "a = [\n  1,\n  2, # [\n]\n" + deep(17) + " = 1\n", "5:1: a key path of 17"},
	} {
		err := checkShape("f.toml", c.text)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want it accepted", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// FuzzCheckShape: checkShape never panics, and a text it accepts that
// decodes has no key path deeper than MaxKeyDepth.
func FuzzCheckShape(f *testing.F) {
	for _, s := range []string{"a.b.c = 1\n", "[a.b]\nc.d = {e.f = [1, {g = 2}]}\n", "a = \"\"\"x\ny\"\"\"\n", "[[a]]\nb = 'c'\n", "a = [[[1]]]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		if checkShape("f.toml", text) != nil {
			return
		}
		var v map[string]any
		md, err := toml.Decode(text, &v)
		if err != nil {
			return
		}
		for _, k := range md.Keys() {
			if len(k) > MaxKeyDepth+1 { // +1: an array element's key inside an inline table of an array
				t.Fatalf("accepted %q, which has the key %q of %d segments", text, k, len(k))
			}
		}
	})
}
