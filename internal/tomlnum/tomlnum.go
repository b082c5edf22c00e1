// Package tomlnum writes a number for a message as TOML writes it, so that
// an error about a scenario's value shows the value as the user typed it:
// inf, -inf and nan for the values that are not finite, else the shortest
// decimal that reads back the same. The scenario sections (package agents)
// and the sea (world/weather), which cannot import each other, share it.
package tomlnum

import (
	"math"
	"strconv"
)

// Format writes x as TOML does.
func Format(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
