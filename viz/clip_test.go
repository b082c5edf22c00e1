package viz

import (
	"math"
	"testing"
)

// area returns the signed area of a closed polygon (positive when counter-
// clockwise on a y-up plane).
func area(p []Vec) float64 {
	a := 0.0
	for i := range p {
		j := (i + 1) % len(p)
		a += p[i].X*p[j].Y - p[j].X*p[i].Y
	}
	return a / 2
}

func TestClipPolygon(t *testing.T) {
	r := R(0, 0, 10, 10)
	for i, c := range []struct {
		poly []Vec
		area float64
	}{
		{[]Vec{{2, 2}, {8, 2}, {8, 8}, {2, 8}}, 36},              // inside
		{[]Vec{{-5, -5}, {5, -5}, {5, 5}, {-5, 5}}, 25},          // a corner in
		{[]Vec{{-50, -50}, {50, -50}, {50, 50}, {-50, 50}}, 100}, // covers all
		{[]Vec{{20, 20}, {30, 20}, {30, 30}}, 0},                 // outside
	} {
		got := ClipPolygon(c.poly, r)
		if a := math.Abs(area(got)); math.Abs(a-c.area) > 1e-9 {
			t.Errorf("%d: clipped area %g, want %g (%v)", i, a, c.area, got)
		}
	}
}

func TestClipPolyline(t *testing.T) {
	r := R(0, 0, 10, 10)
	got := ClipPolyline([]Vec{{-10, 5}, {5, 5}, {5, 20}, {30, 20}, {30, 5}, {8, 5}}, r)
	if len(got) != 2 {
		t.Fatalf("got %d pieces, want 2: %v", len(got), got)
	}
	if want := []Vec{{0, 5}, {5, 5}, {5, 10}}; len(got[0]) != 3 || got[0][0] != want[0] || got[0][1] != want[1] || got[0][2] != want[2] {
		t.Errorf("first piece %v, want %v", got[0], want)
	}
	if want := []Vec{{10, 5}, {8, 5}}; len(got[1]) != 2 || got[1][0] != want[0] || got[1][1] != want[1] {
		t.Errorf("second piece %v, want %v", got[1], want)
	}
}

// Every polygon of a stroke winds the same way, whatever the direction of
// its segments: the vector rasteriser unites them only then.
func TestStrokeWinding(t *testing.T) {
	pts := []Vec{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {-5, 3}, {2, -7}}
	var signs []float64
	StrokePolygons(nil, pts, 4, func(p []Vec) { signs = append(signs, math.Copysign(1, area(p))) })
	if len(signs) != 2*len(pts)-3 {
		t.Fatalf("%d polygons, want %d (a quad per segment, a joint per interior point)", len(signs), 2*len(pts)-3)
	}
	for i, s := range signs {
		if s != signs[0] {
			t.Errorf("polygon %d winds %v, polygon 0 %v", i, s, signs[0])
		}
	}
}

func TestMarkerPolygonHeading(t *testing.T) {
	// A lorry heading north (π/2) is drawn tall and thin on screen.
	m := Marker{At: Vec{50, 50}, Shape: ShapeLorry, Size: 10, Heading: math.Pi / 2}
	p := MarkerPolygon(nil, &m, 0)
	lo, hi := p[0], p[0]
	for _, q := range p {
		lo.X, lo.Y = math.Min(lo.X, q.X), math.Min(lo.Y, q.Y)
		hi.X, hi.Y = math.Max(hi.X, q.X), math.Max(hi.Y, q.Y)
	}
	if w, h := hi.X-lo.X, hi.Y-lo.Y; !(near(h, 10, 1e-9) && w < 5) {
		t.Errorf("northbound lorry is %g wide, %g tall; want about 4.4 × 10", w, h)
	}
	// A plane heading east points right: its nose is the rightmost point.
	m = Marker{At: Vec{0, 0}, Shape: ShapePlane, Size: 10}
	p = MarkerPolygon(nil, &m, 0)
	if p[1] != (Vec{5, 0}) {
		t.Errorf("eastbound plane's nose at %v, want (5, 0)", p[1])
	}
}
