package world

import "testing"

// TestSummary logs the embedded map (run with -v): each road's length and
// free-flow time, and each site's projected position.
func TestSummary(t *testing.T) {
	w := mustDefault(t)
	for i := range w.Roads {
		r := &w.Roads[i]
		t.Logf("road %-18s %3d points %7.2f km  t0 %6.1f min", r.ID, len(r.Points), r.LengthM/1000, r.FreeFlowMin())
	}
	for i := range w.Sites {
		s := &w.Sites[i]
		t.Logf("site %-24s %s %-11s x %9.0f y %8.0f  on land %v", s.ID, s.Country, s.Kind, s.Pos.X, s.Pos.Y, w.OnLand(s.Pos))
	}
	for i := range w.Places {
		s := &w.Places[i]
		t.Logf("place %-24s %s %-8s x %9.0f y %8.0f", s.ID, s.Country, s.Kind, s.Pos.X, s.Pos.Y)
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
