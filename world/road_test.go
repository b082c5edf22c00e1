package world

import (
	"math"
	"testing"
)

// testRoad builds a road through map points: 0→(1000,0)→(1000,2000)→(4000,6000),
// segments of 1000, 2000 and 5000 m (length 8000 m), 60 km/h, 1000 veh/h.
func testRoad() *Road {
	pts := []Point{{0, 0}, {1000, 0}, {1000, 2000}, {4000, 6000}}
	r := &Road{ID: "test", Points: pts, Cum: make([]float64, len(pts)), FreeFlowKmh: 60, Lanes: 1, CapacityVehPerHour: 1000}
	for i := 1; i < len(pts); i++ {
		r.Cum[i] = r.Cum[i-1] + Dist(pts[i-1], pts[i])
	}
	r.LengthM = r.Cum[len(pts)-1]
	return r
}

func near(a, b Point) bool { return Dist(a, b) < 1e-9 }

func TestRoadAt(t *testing.T) {
	r := testRoad()
	if r.LengthM != 8000 {
		t.Fatalf("length %v, want 8000", r.LengthM)
	}
	cases := []struct {
		d    float64
		want Point
	}{
		{0, Point{0, 0}},                 // start
		{8000, Point{4000, 6000}},        // end
		{500, Point{500, 0}},             // midpoint of the first segment
		{2000, Point{1000, 1000}},        // midpoint of the second
		{5500, Point{2500, 4000}},        // midpoint of the third
		{1000, Point{1000, 0}},           // on a vertex
		{3000, Point{1000, 2000}},        // on a vertex
		{-10, Point{0, 0}},               // clamped before the start
		{math.Inf(-1), Point{0, 0}},      // clamped
		{8000.5, Point{4000, 6000}},      // clamped past the end
		{math.Inf(1), Point{4000, 6000}}, // clamped
		{math.NaN(), Point{0, 0}},        // NaN gives the start
	}
	for _, c := range cases {
		if got := r.At(c.d); !near(got, c.want) {
			t.Errorf("At(%v) = %v, want %v", c.d, got, c.want)
		}
	}
	if got := (&Road{}).At(5); got != (Point{}) {
		t.Errorf("At on an empty road = %v", got)
	}
}

// At must be consistent with the cumulative lengths everywhere on the real
// roads: the straight-line gap between two points along a road is never
// more than the distance along it, and equals it within a segment.
func TestRoadAtConsistent(t *testing.T) {
	w := mustDefault(t)
	for i := range w.Roads {
		r := &w.Roads[i]
		for k, c := range r.Cum {
			if got := r.At(c); Dist(got, r.Points[k]) > 1e-6 {
				t.Errorf("%s: At(Cum[%d]) = %v, want vertex %v", r.ID, k, got, r.Points[k])
			}
		}
		const step = 250.0
		prev := r.At(0)
		for d := step; d < r.LengthM; d += step {
			p := r.At(d)
			if g := Dist(prev, p); g > step+1e-6 {
				t.Fatalf("%s: points %v m apart along the road are %v m apart on the map", r.ID, step, g)
			}
			prev = p
		}
	}
}

func TestRoadHeading(t *testing.T) {
	r := testRoad()
	cases := []struct{ d, want float64 }{
		{-1, 0},                               // clamped: first segment, east
		{500, 0},                              // east
		{1000, math.Pi / 2},                   // on a vertex: the segment that starts there (north)
		{2000, math.Pi / 2},                   // north
		{5000, math.Atan2(4000, 3000)},        // north-east
		{8000, math.Atan2(4000, 3000)},        // end: last segment
		{math.Inf(1), math.Atan2(4000, 3000)}, // clamped
	}
	for _, c := range cases {
		if got := r.Heading(c.d); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Heading(%v) = %v, want %v", c.d, got, c.want)
		}
	}
}

func TestRoadLocate(t *testing.T) {
	r := testRoad()
	d, off := r.Locate(Point{1200, 1500}) // 200 m east of the second segment
	if math.Abs(d-2500) > 1e-9 || math.Abs(off-200) > 1e-9 {
		t.Errorf("Locate = %v, %v; want 2500, 200", d, off)
	}
	d, off = r.Locate(Point{-300, -400}) // before the start
	if d != 0 || math.Abs(off-500) > 1e-9 {
		t.Errorf("Locate before the start = %v, %v; want 0, 500", d, off)
	}
}

func TestTravelTimeBPR(t *testing.T) {
	r := testRoad() // 8 km at 60 km/h: t0 = 8 min
	t0 := r.FreeFlowMin()
	if math.Abs(t0-8) > 1e-12 {
		t.Fatalf("FreeFlowMin = %v, want 8", t0)
	}
	cases := []struct{ v, want float64 }{
		{0, t0},                        // empty road: free flow
		{-50, t0},                      // negative flow counts as none
		{500, t0 * (1 + 0.15/16)},      // v/c = 0.5
		{1000, 1.15 * t0},              // v = c
		{2000, t0 * (1 + 0.15*16)},     // v/c = 2: 3.4·t0
		{math.NaN(), t0},               // no flow
		{1500, t0 * (1 + 0.15*5.0625)}, // v/c = 1.5
	}
	for _, c := range cases {
		if got := r.TravelTimeMin(c.v); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("TravelTimeMin(%v) = %v, want %v", c.v, got, c.want)
		}
	}
	// Monotonic in the flow.
	prev := 0.0
	for v := 0.0; v <= 3000; v += 50 {
		got := r.TravelTimeMin(v)
		if got < prev {
			t.Fatalf("TravelTimeMin not monotonic at %v", v)
		}
		prev = got
	}
}

func TestRoadAtDoesNotAllocate(t *testing.T) {
	w := mustDefault(t)
	r, _ := w.Road("m20-london")
	d := 0.0
	if n := testing.AllocsPerRun(1000, func() {
		_ = r.At(d)
		_ = r.Heading(d)
		d += 137
	}); n != 0 {
		t.Errorf("At and Heading allocate %v times a call, want 0", n)
	}
}

func BenchmarkRoadAt(b *testing.B) {
	w := mustDefault(b)
	r, _ := w.Road("m20-london")
	b.ReportAllocs()
	var sink Point
	d, step := 0.0, r.LengthM/997
	for b.Loop() {
		sink = r.At(d)
		if d += step; d > r.LengthM {
			d -= r.LengthM
		}
	}
	_ = sink
}
