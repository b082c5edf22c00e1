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
	b.WriteString(plausibleReference())
	return b.String()
}

// plausibleReference is the section of the reference on plausible ranges:
// each range resolved for the default scenario, and the estimates that
// have none.
func plausibleReference() string {
	var b strings.Builder
	b.WriteString(`
## Plausible ranges of the estimates

The range over which ` + "`channelsim sensitivity`" + ` varies an estimated value and
` + "`channelsim calibrate`" + ` searches it (tags ` + "`low`, `high` and `why`" + ` beside ` + "`src`" + `; see
[sensitivity.md](sensitivity.md)). Relative bounds (` + "`-50%`, `+50%`" + `) are relative to
the scenario's value; below they are resolved for ` + "`" + Default + "`" + `. A ranges file
(` + "`--ranges FILE`" + `) replaces or adds ranges; ` + "`channelsim check`" + ` refuses a range
that does not contain the scenario's value or leaves the key's allowed values.

`)
	sc, err := Load(Default)
	if err != nil {
		fmt.Fprintf(&b, "(the default scenario does not load: %v)\n", err)
		return b.String()
	}
	rs, err := PlausibleRanges(sc.Config)
	if err != nil {
		fmt.Fprintf(&b, "**The ranges are inconsistent:**\n\n```\n%v\n```\n", err)
		return b.String()
	}
	ranged := map[string]bool{}
	if len(rs) == 0 {
		b.WriteString("No key carries a plausible range yet.\n")
	} else {
		b.WriteString("| key | " + Default + " | low | high | unit | why |\n|---|---|---|---|---|---|\n")
		for _, r := range rs {
			ranged[stripIndex(r.Path)] = true
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", r.Path, r.Format(r.Base), r.Format(r.Low), r.Format(r.High), r.Unit, esc(r.Why))
		}
	}
	var none []string
	for _, k := range Keys() {
		if strings.HasPrefix(k.Src, "EST") || strings.Contains(k.Src, "EST") {
			if !ranged[strings.ReplaceAll(k.Path, "[]", "")] {
				none = append(none, fmt.Sprintf("`%s` (%s)", k.Path, k.Type))
			}
		}
	}
	if len(none) > 0 {
		b.WriteString("\nEstimates without a plausible range, not varied by sensitivity analysis or calibration (shapes, shares normalised together, choices): " + strings.Join(none, ", ") + ".\n")
	}
	return b.String()
}

func esc(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
