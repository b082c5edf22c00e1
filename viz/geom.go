package viz

import "math"

// Vec is a point or displacement in screen pixels: X right, Y down.
type Vec struct{ X, Y float64 }

// Add returns v+w.
func (v Vec) Add(w Vec) Vec { return Vec{v.X + w.X, v.Y + w.Y} }

// Sub returns v−w.
func (v Vec) Sub(w Vec) Vec { return Vec{v.X - w.X, v.Y - w.Y} }

// Scale returns v·k.
func (v Vec) Scale(k float64) Vec { return Vec{v.X * k, v.Y * k} }

// Len returns |v|.
func (v Vec) Len() float64 { return math.Hypot(v.X, v.Y) }

// Rect is an axis-aligned rectangle in screen pixels, Min inclusive and Max
// exclusive.
type Rect struct{ Min, Max Vec }

// R returns the rectangle with corners (x0, y0) and (x1, y1).
func R(x0, y0, x1, y1 float64) Rect { return Rect{Vec{x0, y0}, Vec{x1, y1}} }

// W and H are the rectangle's width and height.
func (r Rect) W() float64 { return r.Max.X - r.Min.X }

// H is the rectangle's height.
func (r Rect) H() float64 { return r.Max.Y - r.Min.Y }

// Center returns the rectangle's centre.
func (r Rect) Center() Vec { return Vec{(r.Min.X + r.Max.X) / 2, (r.Min.Y + r.Max.Y) / 2} }

// Contains reports whether p is inside r.
func (r Rect) Contains(p Vec) bool {
	return p.X >= r.Min.X && p.X < r.Max.X && p.Y >= r.Min.Y && p.Y < r.Max.Y
}

// Inset returns r shrunk by d on every side (grown if d < 0).
func (r Rect) Inset(d float64) Rect {
	return Rect{Vec{r.Min.X + d, r.Min.Y + d}, Vec{r.Max.X - d, r.Max.Y - d}}
}

// Intersect returns the overlap of r and s (empty if none).
func (r Rect) Intersect(s Rect) Rect {
	o := Rect{Vec{math.Max(r.Min.X, s.Min.X), math.Max(r.Min.Y, s.Min.Y)}, Vec{math.Min(r.Max.X, s.Max.X), math.Min(r.Max.Y, s.Max.Y)}}
	if o.Max.X < o.Min.X || o.Max.Y < o.Min.Y {
		return Rect{}
	}
	return o
}

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y }
