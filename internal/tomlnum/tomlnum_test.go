package tomlnum

import (
	"math"
	"strconv"
	"testing"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{math.NaN(), "nan"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"},
		{0, "0"}, {0.1, "0.1"}, {-2.5, "-2.5"}, {1e21, "1e+21"}, {math.MaxFloat64, "1.7976931348623157e+308"},
	} {
		if got := Format(tc.x); got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.x, got, tc.want)
		}
		// A finite value reads back the same.
		if !math.IsNaN(tc.x) && !math.IsInf(tc.x, 0) {
			if y, err := strconv.ParseFloat(Format(tc.x), 64); err != nil || y != tc.x {
				t.Errorf("Format(%v) reads back as %v, %v", tc.x, y, err)
			}
		}
	}
}
