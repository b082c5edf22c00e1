package freight

import (
	"math"
	"sort"

	"channelsim/world"
)

// Path is a route on the map made of one or more roads end to end: a
// polyline in projected metres with its cumulative lengths, so that a
// distance along it converts to a point in O(log n) without allocating.
type Path struct {
	Name    string
	Points  []world.Point
	Cum     []float64
	LengthM float64
	// FreeFlowMin is the free-flow travel time over the whole path.
	FreeFlowMin float64
	// CapacityVehPerHour is the smallest capacity of its roads (per
	// direction), the c of the BPR function.
	CapacityVehPerHour float64

	// Lorries entering the path in the current and the previous hour.
	hour          int
	cur, previous float64
}

// lorryPCE is the passenger-car equivalent of a heavy goods vehicle (EST:
// 1.5 on level terrain in the Highway Capacity Manual; 2 for the A16's
// grades and port traffic).
const lorryPCE = 2.0

// Enter records a lorry entering the path at minute t and returns its
// travel time over the whole path, minutes, by the BPR function
// t0·(1 + α·(v/c)^β) (Bureau of Public Roads, 1964; world.BPRAlpha and
// BPRBeta) with v the flow of the last hour in passenger-car units. Only
// lorries load the road: other traffic is not modelled, so at 2015 volumes
// the congestion term is small and queues at the sites dominate delay.
func (p *Path) Enter(t float64) float64 {
	h := int(t / 60)
	if h != p.hour {
		if h == p.hour+1 {
			p.previous = p.cur
		} else {
			p.previous = 0
		}
		p.cur, p.hour = 0, h
	}
	p.cur++
	frac := t/60 - float64(h)
	v := lorryPCE * (p.previous*(1-frac) + p.cur)
	if p.CapacityVehPerHour <= 0 {
		return p.FreeFlowMin
	}
	x := v / p.CapacityVehPerHour
	return p.FreeFlowMin * (1 + world.BPRAlpha*bprPow(x))
}

// bprPow is math.Pow(x, world.BPRBeta), bit for bit: for the exponent 4
// math.Pow squares x's mantissa twice, rounding each square, and scales by
// a power of two, which is (x·x)·(x·x) while the squares stay normal
// (TestBPRPow); without the call, Frexp and Ldexp, on every lorry.
func bprPow(x float64) float64 {
	if world.BPRBeta == 4 && x >= 0x1p-200 && x <= 0x1p200 {
		x2 := x * x
		return x2 * x2
	}
	return math.Pow(x, world.BPRBeta)
}

// leg is a stretch of one road, from distance A to B along it (B < A runs
// the road backwards).
type leg struct {
	road *world.Road
	a, b float64
}

// newPath joins legs into one path. Consecutive legs are expected to meet.
func newPath(name string, legs ...leg) *Path {
	p := &Path{Name: name}
	for _, l := range legs {
		pts := slice(l.road, l.a, l.b)
		if len(p.Points) > 0 && len(pts) > 0 && pts[0] == p.Points[len(p.Points)-1] {
			pts = pts[1:]
		}
		p.Points = append(p.Points, pts...)
		p.FreeFlowMin += math.Abs(l.b-l.a) / (l.road.FreeFlowKmh * 1000 / 60)
		if c := l.road.CapacityVehPerHour; c > 0 && (p.CapacityVehPerHour == 0 || c < p.CapacityVehPerHour) {
			p.CapacityVehPerHour = c
		}
	}
	p.Cum = make([]float64, len(p.Points))
	for i := 1; i < len(p.Points); i++ {
		p.Cum[i] = p.Cum[i-1] + dist(p.Points[i-1], p.Points[i])
	}
	if n := len(p.Cum); n > 0 {
		p.LengthM = p.Cum[n-1]
	}
	return p
}

// slice returns the points of road r from distance a to distance b,
// interpolating the ends.
func slice(r *world.Road, a, b float64) []world.Point {
	rev := b < a
	if rev {
		a, b = b, a
	}
	pts := []world.Point{r.At(a)}
	for i, c := range r.Cum {
		if c > a && c < b {
			pts = append(pts, r.Points[i])
		}
	}
	pts = append(pts, r.At(b))
	if rev {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	return pts
}

func dist(a, b world.Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// At returns the point at distance d along the path (clamped to its ends).
func (p *Path) At(d float64) world.Point {
	n := len(p.Points)
	if n == 0 {
		return world.Point{}
	}
	if d <= 0 {
		return p.Points[0]
	}
	if d >= p.LengthM {
		return p.Points[n-1]
	}
	i := sort.SearchFloat64s(p.Cum, d) // first Cum ≥ d, i ≥ 1
	a, b := p.Points[i-1], p.Points[i]
	f := (d - p.Cum[i-1]) / (p.Cum[i] - p.Cum[i-1])
	return world.Point{X: a.X + f*(b.X-a.X), Y: a.Y + f*(b.Y-a.Y)}
}
