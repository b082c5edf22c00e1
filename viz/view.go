package viz

import (
	"math"

	"channelsim/world"
)

// View maps world metres (X east, Y north) to a rectangle of the screen (Y
// down) at a uniform scale: the world point Center is drawn at the centre
// of Screen, and one pixel is MPerPx metres. Zoom and Pan keep it uniform,
// so shapes are not distorted.
type View struct {
	Screen Rect
	Center world.Point
	MPerPx float64
}

// FitView returns the view of screen that shows the whole box min–max,
// centred, at the largest scale that fits (the box fills the screen in one
// direction and the other shows more of the map).
func FitView(screen Rect, min, max world.Point) View {
	w, h := max.X-min.X, max.Y-min.Y
	s := math.Max(w/screen.W(), h/screen.H())
	if s <= 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		s = 1
	}
	return View{Screen: screen, Center: world.Point{X: (min.X + max.X) / 2, Y: (min.Y + max.Y) / 2}, MPerPx: s}
}

// ToScreen returns the screen position of world point p.
func (v View) ToScreen(p world.Point) Vec {
	c := v.Screen.Center()
	return Vec{c.X + (p.X-v.Center.X)/v.MPerPx, c.Y - (p.Y-v.Center.Y)/v.MPerPx}
}

// ToWorld returns the world point drawn at screen position q (the inverse
// of ToScreen).
func (v View) ToWorld(q Vec) world.Point {
	c := v.Screen.Center()
	return world.Point{X: v.Center.X + (q.X-c.X)*v.MPerPx, Y: v.Center.Y - (q.Y-c.Y)*v.MPerPx}
}

// WorldBounds returns the corners of the world box the view shows.
func (v View) WorldBounds() (min, max world.Point) {
	a := v.ToWorld(Vec{v.Screen.Min.X, v.Screen.Max.Y})
	b := v.ToWorld(Vec{v.Screen.Max.X, v.Screen.Min.Y})
	return a, b
}

// Zoom scales the view by factor k (> 1 zooms in) about screen point q,
// which stays over the same world point. The scale is kept within 0.05 m
// and 5 km per pixel.
func (v View) Zoom(q Vec, k float64) View {
	if k <= 0 || math.IsNaN(k) {
		return v
	}
	at := v.ToWorld(q)
	s := math.Min(5000, math.Max(0.05, v.MPerPx/k))
	c := v.Screen.Center()
	// Solve ToScreen(at) = q for the new centre.
	v.MPerPx = s
	v.Center = world.Point{X: at.X - (q.X-c.X)*s, Y: at.Y + (q.Y-c.Y)*s}
	return v
}

// Pan moves the map by d pixels (dragging the map right moves the view
// west).
func (v View) Pan(d Vec) View {
	v.Center.X -= d.X * v.MPerPx
	v.Center.Y += d.Y * v.MPerPx
	return v
}

// Visible reports whether world point p is drawn within the view's screen
// rectangle grown by margin pixels.
func (v View) Visible(p world.Point, margin float64) bool {
	q := v.ToScreen(p)
	return q.X >= v.Screen.Min.X-margin && q.X < v.Screen.Max.X+margin &&
		q.Y >= v.Screen.Min.Y-margin && q.Y < v.Screen.Max.Y+margin
}
