//go:build viz

package viz

import (
	"image"
	"image/color"
	"math"

	"github.com/gopxl/pixel/v2"
	"github.com/gopxl/pixel/v2/backends/opengl"
)

// spriteAtlas holds every marker the scene has drawn as a small image,
// rasterised (anti-aliased, with its outline) by the image backend at
// heading 0, so that the window draws each agent as one textured quad (two
// triangles) rotated to its heading: under Mesa's llvmpipe the vertex count
// is what a frame costs, and a sprite has a third of the vertices of an
// outlined polygon.
type spriteAtlas struct {
	img    *image.RGBA
	up     []uint8
	canvas *opengl.Canvas
	slots  map[spriteKey]image.Rectangle
	x, y   int // shelf packing: next free position
	rowH   int
	dirty  bool
	ir     *ImageRenderer
}

// spriteKey is a marker's look; sizes are kept to quarter pixels.
type spriteKey struct {
	shape      Shape
	quarterPx  uint16
	fill, line color.RGBA
}

const atlasSide = 1024

func newSpriteAtlas(ir *ImageRenderer) *spriteAtlas {
	a := &spriteAtlas{img: image.NewRGBA(image.Rect(0, 0, atlasSide, atlasSide)), up: make([]uint8, 4*atlasSide*atlasSide), ir: ir}
	a.canvas = opengl.NewCanvas(pixel.R(0, 0, atlasSide, atlasSide))
	a.canvas.SetSmooth(true)
	a.reset()
	return a
}

func (a *spriteAtlas) reset() {
	clear(a.img.Pix)
	a.slots = map[spriteKey]image.Rectangle{}
	a.x, a.y, a.rowH = 0, 0, 0
	a.dirty = true
}

// slot returns where marker m's image is, drawing it there first if need
// be; ok is false if it is too large for the atlas.
func (a *spriteAtlas) slot(m *Marker) (image.Rectangle, float64, bool) {
	q := math.Round(m.Size * 4)
	k := spriteKey{m.Shape, uint16(min(q, 65535)), m.Fill, m.Line}
	size := q / 4
	if r, ok := a.slots[k]; ok {
		return r, size, true
	}
	// As small as the shape at heading 0 with its outline and a pixel of
	// anti-aliasing: under llvmpipe every covered pixel costs. Sides are
	// even so that the centre falls on a pixel corner.
	mk := *m
	mk.Size, mk.Heading, mk.At = size, 0, Vec{}
	lo, hi := Vec{}, Vec{}
	pad := 0.0
	if m.Line.A != 0 {
		pad = 1
	}
	for _, p := range MarkerPolygon(nil, &mk, pad) {
		lo.X, lo.Y = math.Min(lo.X, p.X), math.Min(lo.Y, p.Y)
		hi.X, hi.Y = math.Max(hi.X, p.X), math.Max(hi.Y, p.Y)
	}
	even := func(x float64) int { return 2 * int(math.Ceil(x/2)) }
	w, h := even(2*math.Max(-lo.X, hi.X)+2), even(2*math.Max(-lo.Y, hi.Y)+2)
	if w > 256 || h > 256 {
		return image.Rectangle{}, 0, false
	}
	if a.x+w+1 > atlasSide {
		a.x, a.y, a.rowH = 0, a.y+a.rowH+1, 0
	}
	if a.y+h+1 > atlasSide {
		a.reset() // full: start again with what the scene draws now
	}
	r := image.Rect(a.x, a.y, a.x+w, a.y+h)
	a.x += w + 1 // a gap, so bilinear filtering never reads a neighbour
	a.rowH = max(a.rowH, h)
	mk.At = Vec{float64(r.Min.X) + float64(w)/2, float64(r.Min.Y) + float64(h)/2}
	a.ir.marker(a.img, r, &mk)
	a.slots[k] = r
	a.dirty = true
	return r, size, true
}

// upload sends the atlas to its texture if it changed.
func (a *spriteAtlas) upload() {
	if a.dirty {
		FlipRows(a.up, a.img.Pix, 4*atlasSide)
		a.canvas.SetPixels(a.up)
		a.dirty = false
	}
}
