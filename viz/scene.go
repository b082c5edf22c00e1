package viz

import "image/color"

// Scene is one frame to draw: layers of primitives in screen pixels, drawn
// in order. It is built by Builder.Build and read by the backends; it holds
// no reference to the model.
type Scene struct {
	W, H   int
	Layers []*Layer
}

// Layer is a group of primitives clipped to one rectangle. Within a layer,
// backends draw rectangles, then polygons, then lines, then markers, then
// text.
type Layer struct {
	Name string
	Clip Rect
	// Static layers change only when the layout or a view changes (the
	// base map): a backend may rasterise them once and reuse the result
	// while Key is the same.
	Static bool
	Key    uint64
	// View, on a static layer that draws a map, is the view it draws: a
	// backend whose raster of the layer is out of date may show the old
	// raster moved and scaled to the new view (Reproject) until the new
	// one is ready.
	View *View
	// Bulk layers hold many markers (the agents) and come before any
	// layer they overlap that is neither static nor bulk: a backend may
	// composite static and bulk layers first, on the CPU.
	Bulk bool

	Rects   []RectFill
	Polys   []Poly
	Lines   []Line
	Markers []Marker
	Texts   []Text
}

// RectFill is a filled rectangle, blended over what is below.
type RectFill struct {
	R     Rect
	Color color.RGBA // premultiplied alpha, as image/color
}

// Poly is a filled region: one or more closed rings (holes wind the other
// way; overlapping rings of the same winding are united).
type Poly struct {
	Rings [][]Vec
	Color color.RGBA
}

// Line is a stroked polyline of Width pixels with round-ish joins.
type Line struct {
	Pts   []Vec
	Width float64
	Color color.RGBA
}

// Shape is the outline of an agent marker.
type Shape uint8

// Marker shapes. Shapes with a heading (Lorry, Ship, Plane, Arrow) are drawn
// rotated so that they point along it.
const (
	ShapeDot Shape = iota
	ShapeSquare
	ShapeDiamond
	ShapeTriangle // pointing up
	ShapeLorry    // a 2:1 rectangle along the heading
	ShapeShip     // a pointed hull along the heading
	ShapePlane    // a dart along the heading
	ShapeCross    // a plus sign
)

// Marker is one agent drawn as a small shape: Size is its length in pixels,
// Heading is in radians counter-clockwise from east (as agents.View), and
// Line is the outline colour (transparent for none).
type Marker struct {
	At      Vec
	Shape   Shape
	Size    float64
	Heading float64
	Fill    color.RGBA
	Line    color.RGBA
}

// FontSize selects one of the scene's fonts.
type FontSize uint8

// Font sizes.
const (
	FontSmall  FontSize = iota // map labels, chart axes
	FontNormal                 // HUD
	FontLarge                  // titles
	FontBold                   // HUD emphasis
	numFonts
)

// Text is a line of text whose baseline starts at At (alignment has been
// resolved by the builder, which measures text with the same fonts the
// backends draw with). Halo draws a 1-pixel outline in Halo first.
type Text struct {
	At    Vec
	S     string
	Size  FontSize
	Color color.RGBA
	Halo  color.RGBA
}
