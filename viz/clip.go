package viz

// ClipPolygon returns the part of the closed polygon pts inside r
// (Sutherland–Hodgman), so that fills never see far-off coordinates when a
// view is zoomed in. The result may be empty.
func ClipPolygon(pts []Vec, r Rect) []Vec {
	type edge struct {
		in    func(Vec) bool
		cross func(a, b Vec) Vec
	}
	lerpX := func(a, b Vec, x float64) Vec { return Vec{x, a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)} }
	lerpY := func(a, b Vec, y float64) Vec { return Vec{a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), y} }
	edges := [4]edge{
		{func(p Vec) bool { return p.X >= r.Min.X }, func(a, b Vec) Vec { return lerpX(a, b, r.Min.X) }},
		{func(p Vec) bool { return p.X <= r.Max.X }, func(a, b Vec) Vec { return lerpX(a, b, r.Max.X) }},
		{func(p Vec) bool { return p.Y >= r.Min.Y }, func(a, b Vec) Vec { return lerpY(a, b, r.Min.Y) }},
		{func(p Vec) bool { return p.Y <= r.Max.Y }, func(a, b Vec) Vec { return lerpY(a, b, r.Max.Y) }},
	}
	out := pts
	for _, e := range edges {
		if len(out) == 0 {
			break
		}
		in := out
		out = make([]Vec, 0, len(in)+4)
		prev := in[len(in)-1]
		for _, p := range in {
			switch {
			case e.in(p) && e.in(prev):
				out = append(out, p)
			case e.in(p):
				out = append(out, e.cross(prev, p), p)
			case e.in(prev):
				out = append(out, e.cross(prev, p))
			}
			prev = p
		}
	}
	return out
}

// ClipPolyline returns the pieces of the polyline pts inside r (each
// segment clipped by Liang–Barsky), joined where consecutive segments are.
func ClipPolyline(pts []Vec, r Rect) [][]Vec {
	var out [][]Vec
	var cur []Vec
	for i := 0; i+1 < len(pts); i++ {
		a, b, ok := clipSegment(pts[i], pts[i+1], r)
		if !ok {
			if len(cur) > 1 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			if len(cur) > 1 {
				out = append(out, cur)
			}
			cur = []Vec{a}
		}
		cur = append(cur, b)
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// clipSegment clips a–b to r.
func clipSegment(a, b Vec, r Rect) (Vec, Vec, bool) {
	t0, t1 := 0.0, 1.0
	d := b.Sub(a)
	for _, c := range [4][2]float64{{-d.X, a.X - r.Min.X}, {d.X, r.Max.X - a.X}, {-d.Y, a.Y - r.Min.Y}, {d.Y, r.Max.Y - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return a, b, false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return a, b, false
			}
			t1 = min(t1, t)
		}
	}
	return a.Add(d.Scale(t0)), a.Add(d.Scale(t1)), true
}
