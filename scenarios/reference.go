package scenarios

import (
	"fmt"
	"strings"
)

// Reference returns the Markdown reference of every scenario key: type,
// unit, allowed values, meaning and source. docs/scenarios.md is this text
// (a test keeps the two equal).
func Reference() string {
	var b strings.Builder
	b.WriteString(`# Scenario reference

A scenario is a TOML file. Every key below may be set; a file that
` + "`extends`" + ` another (an embedded scenario's name, or a path relative to the
file) inherits every key it does not set. Arrays replace the inherited array
whole. Decoding is strict: an unknown key is an error with its line and a
"did you mean" suggestion, and a value of the wrong type or out of range is
an error naming the key and what was expected (` + "`channelsim check FILE`" + `).

Durations are strings such as ` + "`\"90m\"`" + `, ` + "`\"1h30m\"`" + ` or ` + "`\"45s\"`" + ` (a bare number is
refused: it would mean nanoseconds). Dates are TOML dates (` + "`2015-07-01`" + `), times
of day strings (` + "`\"06:00\"`" + `). Sources marked **EST** are estimates: no published
figure was found, and they are the first candidates for sensitivity analysis.
Source codes (C1, A6, …) refer to the calibration targets in
[validation.md](validation.md).

This file is generated: ` + "`channelsim scenarios --reference > docs/scenarios.md`" + `.

The embedded scenarios (` + "`channelsim scenarios`" + `):

`)
	for _, n := range Names() {
		fmt.Fprintf(&b, "- `%s`\n", n)
	}
	section := ""
	for _, k := range Keys() {
		sec := "Top level"
		if i := strings.IndexByte(k.Path, '.'); i >= 0 {
			sec = "[" + strings.ReplaceAll(k.Path[:i], "[]", "") + "]"
			if strings.Contains(k.Path[:i], "[]") {
				sec = "[[" + strings.TrimSuffix(k.Path[:i], "[]") + "]]"
			}
			if j := strings.LastIndexByte(k.Path, '.'); j > i {
				sub := k.Path[:j]
				if strings.HasSuffix(sub, "[]") {
					sec = "[[" + strings.TrimSuffix(sub, "[]") + "]]"
				} else {
					sec = "[" + sub + "]"
				}
			}
		}
		if sec != section {
			section = sec
			fmt.Fprintf(&b, "\n## %s\n\n| key | type | unit | allowed | meaning | source |\n|---|---|---|---|---|---|\n", sec)
		}
		allowed := ""
		switch {
		case k.Enum != "":
			allowed = "one of " + strings.ReplaceAll(k.Enum, ",", ", ")
		case k.Range != "":
			lo, hi, _ := strings.Cut(k.Range, ",")
			switch {
			case lo != "" && hi != "":
				allowed = lo + " … " + hi
			case lo != "":
				allowed = "≥ " + lo
			default:
				allowed = "≤ " + hi
			}
		}
		if k.Len != "" {
			allowed = strings.TrimSpace(k.Len + " values; " + allowed)
		}
		name := k.Path[strings.LastIndexByte(k.Path, '.')+1:]
		src := k.Src
		if strings.HasPrefix(src, "EST") {
			src = "**EST**" + strings.TrimPrefix(src, "EST")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", name, k.Type, k.Unit, allowed, esc(k.Doc), esc(src))
	}
	return b.String()
}

func esc(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
