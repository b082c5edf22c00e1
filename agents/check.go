package agents

import (
	"fmt"
	"math"

	"channelsim/internal/tomlnum"
)

// A configuration section checks the rules that tie its keys together
// (each key's own range, enum and length are checked from its tags) with
// a method Check(add func(path, msg string)), reporting each error at the
// path of its key within the section; package scenarios prefixes the
// section's own key and places the error in the scenario file.

// Under reports errors at the paths of their keys under prefix (a
// section's key, or an element of an array of tables such as
// "spots[2]"): what a section's Check passes to the check of a part.
func Under(prefix string, add func(path, msg string)) func(path, msg string) {
	return func(path, msg string) { add(prefix+"."+path, msg) }
}

// CheckWeights reports weights that the model normalises without a
// positive finite sum (an all-zero table would divide by zero, an
// infinite sum would normalise to NaN): ws, described as what, are the
// key at path. A weight that is not a finite number ≥ 0 is reported by
// its key's own check, so the sum is not checked then.
func CheckWeights(add func(path, msg string), path, what string, ws ...float64) {
	sum := 0.0
	for _, w := range ws {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return // reported by the key's own check
		}
		sum += w
	}
	switch {
	case sum == 0:
		add(path, fmt.Sprintf("expected %s with a positive sum (they are normalised), got all zero", what))
	case math.IsInf(sum, 0):
		add(path, fmt.Sprintf("expected %s with a finite sum, got a sum over %s", what, FormatNumber(math.MaxFloat64)))
	}
}

// FormatNumber writes a number for a message as TOML writes it: inf,
// -inf and nan for the values that are not finite, else the shortest
// decimal that reads back the same (internal/tomlnum).
func FormatNumber(x float64) string { return tomlnum.Format(x) }
