package freight

import (
	"math"
	"slices"
	"testing"
)

// TestTrafficCheck: the hourly profile and the trailer mix, which the
// model normalises, need a positive finite sum; a weight that is itself
// out of range is its key's own error, not the sum's.
func TestTrafficCheck(t *testing.T) {
	ok := TrailerMix{Curtain: 1}
	cases := []struct {
		name  string
		hours []float64
		mix   TrailerMix
		paths []string
	}{
		{"fine", hourly(1), ok, nil},
		{"hours all zero", hourly(0), ok, []string{"hour_profile"}},
		{"no trailers", hourly(1), TrailerMix{}, []string{"trailer_mix"}},
		{"both", hourly(0), TrailerMix{}, []string{"hour_profile", "trailer_mix"}},
		{"an infinite sum", []float64{math.MaxFloat64, math.MaxFloat64}, ok, []string{"hour_profile"}},
		{"a negative weight: the key's own error", []float64{-1, 0}, ok, nil},
		{"a NaN weight: the key's own error", hourly(1), TrailerMix{Curtain: math.NaN()}, nil},
	}
	for _, c := range cases {
		tr := &Traffic{HourProfile: c.hours, TrailerMix: c.mix}
		var paths []string
		tr.Check(func(path, msg string) {
			paths = append(paths, path)
			if msg == "" {
				t.Errorf("%s: %s with no message", c.name, path)
			}
		})
		if !slices.Equal(paths, c.paths) {
			t.Errorf("%s: errors at %v, want %v", c.name, paths, c.paths)
		}
	}
}
