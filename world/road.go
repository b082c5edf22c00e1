package world

import "math"

// Site is a point feature of the map: a check-in, a control, a lorry park,
// the camp, an airport, an immigration removal centre...
type Site struct {
	ID      string // stable kebab-case id, e.g. "calais-uk-booths"
	Name    string // human-readable name
	Country string // "FR" or "UK"
	Kind    string // e.g. "checkin", "control-uk", "lorry-park", "rest-area"; see data/README.md
	LL      LatLon // WGS84 position
	Pos     Point  // projected position, metres
	// Capacity is the number of lorries the site can hold, where that
	// applies (lorry parks, holding zones, rest areas: HGV places); 0 where
	// it does not or is unknown.
	Capacity int
	Source   string // how the position was obtained
}

// Road is a polyline the simulation moves vehicles along: a road, a sea
// route or the tunnel. Distances along it are in projected metres, which on
// this map are within 0.03 % of ground distances (see Project).
type Road struct {
	ID, Name string
	LL       []LatLon  // the digitised vertices, WGS84
	Points   []Point   // the same vertices, projected
	Cum      []float64 // Cum[i] is the distance along the road to Points[i]; Cum[0] = 0
	LengthM  float64   // Cum[len(Cum)-1]
	// FreeFlowKmh is the speed of a heavy goods vehicle (the simulation's
	// main vehicle) on the empty road, km/h; for the ferry route and the
	// tunnel it is the mean speed that gives the scheduled crossing time.
	FreeFlowKmh float64
	Lanes       int // lanes per direction
	// CapacityVehPerHour is the capacity per direction in vehicles per hour,
	// the c of the BPR function (see TravelTimeMin).
	CapacityVehPerHour float64
	Source             string // how the course was obtained
}

// newRoad builds a road from its vertices, dropping consecutive duplicates.
func newRoad(id, name string, ll []LatLon) Road {
	r := Road{ID: id, Name: name}
	for _, q := range ll {
		if n := len(r.LL); n > 0 && r.LL[n-1] == q {
			continue
		}
		r.LL = append(r.LL, q)
	}
	r.Points = make([]Point, len(r.LL))
	r.Cum = make([]float64, len(r.LL))
	for i, q := range r.LL {
		r.Points[i] = Project(q)
		if i > 0 {
			r.Cum[i] = r.Cum[i-1] + Dist(r.Points[i-1], r.Points[i])
		}
	}
	if n := len(r.Cum); n > 0 {
		r.LengthM = r.Cum[n-1]
	}
	return r
}

// segment returns i ≥ 1 such that Cum[i-1] ≤ d ≤ Cum[i], for a road of at
// least two points and 0 < d < LengthM, by binary search: O(log n), no
// allocation.
func (r *Road) segment(d float64) int {
	lo, hi := 1, len(r.Cum)-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if r.Cum[mid] < d {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// At returns the point at distance distM along the road, interpolating
// linearly between vertices. Distances before the start or past the end
// (including ±Inf) are clamped to the road's ends; NaN gives the start.
// It runs in O(log n) and does not allocate.
func (r *Road) At(distM float64) Point {
	n := len(r.Points)
	switch {
	case n == 0:
		return Point{}
	case !(distM > 0):
		return r.Points[0]
	case distM >= r.LengthM:
		return r.Points[n-1]
	}
	i := r.segment(distM)
	a, b := r.Points[i-1], r.Points[i]
	seg := r.Cum[i] - r.Cum[i-1]
	if seg <= 0 {
		return b
	}
	f := (distM - r.Cum[i-1]) / seg
	return Point{X: a.X + f*(b.X-a.X), Y: a.Y + f*(b.Y-a.Y)}
}

// Heading returns the direction of travel at distance distM along the road,
// in radians, measured like math.Atan2(dy, dx): 0 is east (+X), π/2 north
// (+Y), in (−π, π]. At a vertex it is the direction of the segment that
// starts there; past the end, that of the last segment. Distances are
// clamped as in At.
func (r *Road) Heading(distM float64) float64 {
	n := len(r.Points)
	if n < 2 {
		return 0
	}
	var i int
	switch {
	case !(distM > 0):
		i = 1
	case distM >= r.LengthM:
		i = n - 1
	default:
		i = r.segment(distM)
		if r.Cum[i] == distM && i < n-1 {
			i++ // on a vertex: the segment that starts there
		}
	}
	a, b := r.Points[i-1], r.Points[i]
	return math.Atan2(b.Y-a.Y, b.X-a.X)
}

// FreeFlowMin returns the time to drive the whole road on an empty road, in
// minutes: LengthM / FreeFlowKmh.
func (r *Road) FreeFlowMin() float64 {
	return r.LengthM / 1000 / r.FreeFlowKmh * 60
}

// BPR parameters: the Bureau of Public Roads link performance function,
// t = t0·(1 + α·(v/c)^β), with the original α = 0.15 and β = 4 (U.S.
// Bureau of Public Roads, Traffic Assignment Manual, U.S. Department of
// Commerce, Urban Planning Division, Washington DC, 1964).
const (
	BPRAlpha = 0.15
	BPRBeta  = 4
)

// TravelTimeMin returns the time to drive the whole road, in minutes, when
// flowVehPerHour vehicles an hour use it in one direction, by the BPR
// function t = t0·(1 + 0.15·(v/c)⁴), where t0 is FreeFlowMin and c is
// CapacityVehPerHour. Negative flows count as 0. The function keeps growing
// past v = c (the demand that cannot pass is queuing); at v = c the time is
// 1.15·t0.
func (r *Road) TravelTimeMin(flowVehPerHour float64) float64 {
	t0 := r.FreeFlowMin()
	if !(flowVehPerHour > 0) {
		return t0
	}
	x := flowVehPerHour / r.CapacityVehPerHour
	x2 := x * x
	return t0 * (1 + BPRAlpha*x2*x2)
}

// Locate returns where on the road the point closest to p lies: its
// distance along the road and its distance from p (both in metres). It is
// O(n) in the number of vertices.
func (r *Road) Locate(p Point) (distM, offM float64) {
	if len(r.Points) == 0 {
		return 0, math.Inf(1)
	}
	distM, offM = 0, Dist(p, r.Points[0])
	for i := 1; i < len(r.Points); i++ {
		a, b := r.Points[i-1], r.Points[i]
		dx, dy := b.X-a.X, b.Y-a.Y
		l2 := dx*dx + dy*dy
		f := 0.0
		if l2 > 0 {
			f = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
		}
		q := Point{a.X + f*dx, a.Y + f*dy}
		if d := Dist(p, q); d < offM {
			distM, offM = r.Cum[i-1]+f*(r.Cum[i]-r.Cum[i-1]), d
		}
	}
	return distM, offM
}
