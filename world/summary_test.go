package world

import (
	"math"
	"testing"
)

// TestSummary checks every road, site and place of the embedded map is
// usable (run with -v to see them): roads have at least two points, a
// positive length and free-flow time, and ids are unique; sites and places
// have finite positions.
func TestSummary(t *testing.T) {
	w := mustDefault(t)
	ids := map[string]bool{}
	for i := range w.Roads {
		r := &w.Roads[i]
		t.Logf("road %-18s %3d points %7.2f km  t0 %6.1f min", r.ID, len(r.Points), r.LengthM/1000, r.FreeFlowMin())
		if len(r.Points) < 2 || !(r.LengthM > 0) || !(r.FreeFlowMin() > 0) || math.IsInf(r.FreeFlowMin(), 0) {
			t.Errorf("road %s: %d points, %v m, free flow %v min", r.ID, len(r.Points), r.LengthM, r.FreeFlowMin())
		}
		if ids["road "+r.ID] {
			t.Errorf("road %s given twice", r.ID)
		}
		ids["road "+r.ID] = true
	}
	for i := range w.Sites {
		s := &w.Sites[i]
		t.Logf("site %-24s %s %-11s x %9.0f y %8.0f  on land %v", s.ID, s.Country, s.Kind, s.Pos.X, s.Pos.Y, w.OnLand(s.Pos))
		if ids["site "+s.ID] || math.IsNaN(s.Pos.X+s.Pos.Y) || math.IsInf(s.Pos.X+s.Pos.Y, 0) {
			t.Errorf("site %s: duplicate or position %v", s.ID, s.Pos)
		}
		ids["site "+s.ID] = true
	}
	for i := range w.Places {
		s := &w.Places[i]
		t.Logf("place %-24s %s %-8s x %9.0f y %8.0f", s.ID, s.Country, s.Kind, s.Pos.X, s.Pos.Y)
		if math.IsNaN(s.Pos.X+s.Pos.Y) || math.IsInf(s.Pos.X+s.Pos.Y, 0) {
			t.Errorf("place %s: position %v", s.ID, s.Pos)
		}
	}
}

func mustDefault(t testing.TB) *World {
	t.Helper()
	w, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return w
}
