package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"channelsim/experiment"
	"channelsim/sim"
)

// Num writes a statistic for a table: "–" for NaN, no decimals from 1000,
// one from 10, three below.
func Num(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case math.Abs(x) >= 1000:
		return fmt.Sprintf("%.0f", x)
	case math.Abs(x) >= 10:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.3f", x)
}

// Signed is Num with a "+" before a positive value.
func Signed(x float64) string {
	if x > 0 {
		return "+" + Num(x)
	}
	return Num(x)
}

// Pct writes a relative change as a signed percentage with one decimal
// ("–" for NaN).
func Pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%+.1f %%", 100*x)
}

// RelErr writes a relative error as a signed whole percentage, with a
// true minus sign ("–" for none).
func RelErr(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	switch p := math.Round(100 * x); {
	case p == 0:
		return "0 %"
	case p < 0:
		return fmt.Sprintf("−%.0f %%", -p)
	default:
		return fmt.Sprintf("+%.0f %%", p)
	}
}

// PM writes an interval as "mean ± half-width".
func PM(iv experiment.Interval) string {
	return Num(iv.Mean) + " ± " + Num(iv.HalfWidth())
}

// Float writes a statistic for a CSV file; one that is not a finite
// number is left empty.
func Float(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return sim.FormatFloat(x)
}

// Plural writes n with the noun, in the plural unless n is 1: "1 day",
// "14 days", "1 replication".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// UpperFirst capitalises a leading ASCII letter (not a unit's symbol: µSv
// stays µSv).
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r < 'a' || r > 'z' {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// LowerFirst lowers the first letter unless the first word is an
// abbreviation ("CO₂", "UK").
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// ShortKey shortens a key path for an axis label: its last two parts.
func ShortKey(p string) string {
	parts := strings.Split(p, ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}
