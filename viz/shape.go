package viz

import "math"

// unit outlines of the marker shapes: convex polygons, counter-clockwise on
// screen (y down), about a centre at the origin, length 1 along +x (the
// heading) where the shape has a direction.
var shapeUnit = func() [ShapeCross + 1][]Vec {
	var u [ShapeCross + 1][]Vec
	for i := 0; i < 8; i++ { // an octagon: a dot at 3–9 px is indistinguishable from a circle
		a := 2 * math.Pi * (float64(i) + 0.5) / 8
		u[ShapeDot] = append(u[ShapeDot], Vec{0.5 * math.Cos(a), -0.5 * math.Sin(a)})
	}
	u[ShapeSquare] = []Vec{{-0.45, 0.45}, {0.45, 0.45}, {0.45, -0.45}, {-0.45, -0.45}}
	u[ShapeDiamond] = []Vec{{0, 0.5}, {0.5, 0}, {0, -0.5}, {-0.5, 0}}
	u[ShapeTriangle] = []Vec{{-0.5, 0.4}, {0.5, 0.4}, {0, -0.5}}
	u[ShapeLorry] = []Vec{{-0.5, 0.22}, {0.5, 0.22}, {0.5, -0.22}, {-0.5, -0.22}}
	u[ShapeShip] = []Vec{{-0.5, 0.18}, {0.25, 0.18}, {0.5, 0}, {0.25, -0.18}, {-0.5, -0.18}}
	u[ShapePlane] = []Vec{{-0.5, 0.3}, {0.5, 0}, {-0.5, -0.3}, {-0.3, 0}}[:3]
	u[ShapeCross] = u[ShapeSquare]
	return u
}()

// directed reports whether a shape is rotated to its heading.
func directed(s Shape) bool { return s == ShapeLorry || s == ShapeShip || s == ShapePlane }

// MarkerPolygon appends to dst the outline of m grown by pad pixels on each
// side (pad 0 is the fill, pad > 0 the outline drawn beneath it) and
// returns it: a convex polygon, counter-clockwise on screen.
func MarkerPolygon(dst []Vec, m *Marker, pad float64) []Vec {
	s := m.Shape
	if int(s) >= len(shapeUnit) {
		s = ShapeDot
	}
	size := m.Size + 2*pad
	cos, sin := 1.0, 0.0
	if directed(s) {
		cos, sin = math.Cos(m.Heading), math.Sin(m.Heading)
	}
	w := size
	if s == ShapeLorry || s == ShapeShip {
		// Thin shapes: pad their width as much as their length.
		w = m.Size + 2*pad
	}
	for _, u := range shapeUnit[s] {
		x, y := u.X*size, u.Y*w
		if (s == ShapeLorry || s == ShapeShip) && pad != 0 {
			y = u.Y*m.Size + math.Copysign(pad, u.Y)
			x = u.X*m.Size + math.Copysign(pad, u.X)
		}
		// Rotate by the heading: counter-clockwise on the map is clockwise
		// on a y-down screen.
		dst = append(dst, Vec{m.At.X + x*cos + y*sin, m.At.Y - x*sin + y*cos})
	}
	return dst
}
