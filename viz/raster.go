package viz

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// ImageRenderer draws scenes into an image.RGBA in pure Go: anti-aliased
// polygons and strokes with golang.org/x/image/vector, text with the
// scene's fonts. It keeps scratch buffers between frames; it is not safe
// for concurrent use.
type ImageRenderer struct {
	Fonts *Fonts
	z     vector.Rasterizer // whole-layer paths
	m     vector.Rasterizer // one marker at a time
	poly  []Vec
	src   image.Uniform
	// Sprites, if set, draws markers by copying cached sprites (fast, to
	// within half a pixel and 11° of heading); nil rasterises each.
	Sprites *SpriteCache
}

// NewImageRenderer returns a renderer drawing text with fonts (those of
// the Builder that builds the scenes, so that text is where it was laid
// out).
func NewImageRenderer(fonts *Fonts) *ImageRenderer {
	return &ImageRenderer{Fonts: fonts, Sprites: NewSpriteCache()}
}

// Render draws every layer of sc into dst, which must be sc.W×sc.H with
// its origin at (0, 0).
func (r *ImageRenderer) Render(dst *image.RGBA, sc *Scene) {
	r.RenderLayers(dst, sc, func(*Layer) bool { return true })
}

// RenderLayers draws the layers of sc for which keep returns true.
func (r *ImageRenderer) RenderLayers(dst *image.RGBA, sc *Scene, keep func(*Layer) bool) {
	for _, l := range sc.Layers {
		if keep(l) {
			r.layer(dst, l)
		}
	}
}

// irect returns the pixel rectangle of a clip rectangle within b.
func irect(c Rect, b image.Rectangle) image.Rectangle {
	return image.Rect(int(math.Floor(c.Min.X)), int(math.Floor(c.Min.Y)), int(math.Ceil(c.Max.X)), int(math.Ceil(c.Max.Y))).Intersect(b)
}

func (r *ImageRenderer) layer(dst *image.RGBA, l *Layer) {
	clip := irect(l.Clip, dst.Bounds())
	if clip.Empty() {
		return
	}
	for _, f := range l.Rects {
		rr := irect(f.R, clip)
		if f.Color.A == 0xff {
			draw.Draw(dst, rr, image.NewUniform(f.Color), image.Point{}, draw.Src)
		} else {
			draw.Draw(dst, rr, image.NewUniform(f.Color), image.Point{}, draw.Over)
		}
	}
	// Each fill is rasterised over the box of its own outline, not the
	// layer's whole clip: the rasteriser's cost grows with its area, and a
	// chart's line or a small polygon covers a fraction of the frame.
	for _, p := range l.Polys {
		box := image.Rectangle{}
		for _, ring := range p.Rings {
			box = box.Union(bounds(ring, 0, clip))
		}
		if box.Empty() {
			continue
		}
		r.begin(box)
		for _, ring := range p.Rings {
			r.path(ring, box.Min, true)
		}
		r.fill(dst, box, p.Color)
	}
	// Lines of the same colour and width in a row are drawn in one pass
	// (a road's casing pieces, the coast), so their joins do not darken.
	for i := 0; i < len(l.Lines); {
		j := i + 1
		for j < len(l.Lines) && l.Lines[j].Color == l.Lines[i].Color && l.Lines[j].Width == l.Lines[i].Width {
			j++
		}
		box := image.Rectangle{}
		for _, ln := range l.Lines[i:j] {
			box = box.Union(bounds(ln.Pts, ln.Width/2, clip))
		}
		if !box.Empty() {
			r.begin(box)
			for _, ln := range l.Lines[i:j] {
				r.stroke(ln.Pts, ln.Width, box.Min)
			}
			r.fill(dst, box, l.Lines[i].Color)
		}
		i = j
	}
	for i := range l.Markers {
		if r.Sprites != nil {
			r.Sprites.BlitMarker(dst, clip, &l.Markers[i])
		} else {
			r.marker(dst, clip, &l.Markers[i])
		}
	}
	for _, t := range l.Texts {
		r.text(dst, clip, &t)
	}
}

// bounds returns the pixels within clip that the points grown by pad (and
// a pixel of antialiasing) can touch.
func bounds(pts []Vec, pad float64, clip image.Rectangle) image.Rectangle {
	if len(pts) == 0 {
		return image.Rectangle{}
	}
	lo, hi := pts[0], pts[0]
	for _, p := range pts[1:] {
		lo.X, lo.Y = math.Min(lo.X, p.X), math.Min(lo.Y, p.Y)
		hi.X, hi.Y = math.Max(hi.X, p.X), math.Max(hi.Y, p.Y)
	}
	pad++
	return image.Rect(int(math.Floor(lo.X-pad)), int(math.Floor(lo.Y-pad)), int(math.Ceil(hi.X+pad)), int(math.Ceil(hi.Y+pad))).Intersect(clip)
}

func (r *ImageRenderer) begin(clip image.Rectangle) {
	r.z.Reset(clip.Dx(), clip.Dy())
	r.z.DrawOp = draw.Over
}

// path adds a closed polygon (in frame pixels) relative to origin o.
func (r *ImageRenderer) path(pts []Vec, o image.Point, closed bool) {
	if len(pts) < 2 {
		return
	}
	ox, oy := float64(o.X), float64(o.Y)
	r.z.MoveTo(float32(pts[0].X-ox), float32(pts[0].Y-oy))
	for _, p := range pts[1:] {
		r.z.LineTo(float32(p.X-ox), float32(p.Y-oy))
	}
	if closed {
		r.z.ClosePath()
	}
}

// stroke adds the outline of a polyline of width w: a quad per segment and
// a disc at each joint, all wound the same way so overlaps unite.
func (r *ImageRenderer) stroke(pts []Vec, w float64, o image.Point) {
	r.poly = StrokePolygons(r.poly[:0], pts, w, func(poly []Vec) { r.path(poly, o, true) })
}

func (r *ImageRenderer) fill(dst *image.RGBA, clip image.Rectangle, c color.RGBA) {
	r.src.C = c
	r.z.Draw(dst, clip, &r.src, image.Point{})
}

// marker draws one marker: its outline grown by a pixel, then its fill.
func (r *ImageRenderer) marker(dst *image.RGBA, clip image.Rectangle, m *Marker) {
	pad := 0.0
	if m.Line.A != 0 {
		pad = 1
	}
	ext := m.Size/2 + pad + 2
	box := image.Rect(int(math.Floor(m.At.X-ext)), int(math.Floor(m.At.Y-ext)), int(math.Ceil(m.At.X+ext)), int(math.Ceil(m.At.Y+ext))).Intersect(clip)
	if box.Empty() {
		return
	}
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	draw1 := func(pad float64, c color.RGBA) {
		r.m.Reset(box.Dx(), box.Dy())
		r.m.DrawOp = draw.Over
		r.poly = MarkerPolygon(r.poly[:0], m, pad)
		r.m.MoveTo(float32(r.poly[0].X)-ox, float32(r.poly[0].Y)-oy)
		for _, p := range r.poly[1:] {
			r.m.LineTo(float32(p.X)-ox, float32(p.Y)-oy)
		}
		r.m.ClosePath()
		r.src.C = c
		r.m.Draw(dst, box, &r.src, image.Point{})
	}
	if pad > 0 {
		draw1(pad, m.Line)
	}
	draw1(0, m.Fill)
}

// text draws a text with its halo.
func (r *ImageRenderer) text(dst *image.RGBA, clip image.Rectangle, t *Text) {
	sub := dst.SubImage(clip).(*image.RGBA)
	d := font.Drawer{Dst: sub, Face: r.Fonts.Face[t.Size]}
	at := func(dx, dy float64) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6(math.Round((t.At.X + dx) * 64)), Y: fixed.Int26_6(math.Round((t.At.Y + dy) * 64))}
	}
	if t.Halo.A != 0 {
		d.Src = image.NewUniform(t.Halo)
		for _, o := range haloOffsets {
			d.Dot = at(o.X, o.Y)
			d.DrawString(t.S)
		}
	}
	d.Src = image.NewUniform(t.Color)
	d.Dot = at(0, 0)
	d.DrawString(t.S)
}

// haloOffsets are where a text's halo is drawn around it.
var haloOffsets = []Vec{{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, 1}, {-1, 1}, {1, -1}}

// StrokePolygons calls emit with the polygons whose union is the stroke of
// the polyline pts of width w: one quad per segment and an octagon at each
// interior joint, all wound the same way. buf is scratch space, returned
// for reuse.
func StrokePolygons(buf []Vec, pts []Vec, w float64, emit func([]Vec)) []Vec {
	hw := w / 2
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		d := b.Sub(a)
		n := d.Len()
		if n == 0 {
			continue
		}
		nx, ny := -d.Y/n*hw, d.X/n*hw
		// n is d turned a quarter, so every quad has the same winding
		// whatever the segment's direction.
		buf = append(buf[:0], Vec{a.X + nx, a.Y + ny}, Vec{b.X + nx, b.Y + ny}, Vec{b.X - nx, b.Y - ny}, Vec{a.X - nx, a.Y - ny})
		emit(buf)
		if i > 0 && w > 2 {
			buf = joint(buf[:0], a, hw)
			emit(buf)
		}
	}
	return buf
}

// joint appends an octagon of radius r about c, wound like the segment
// quads of StrokePolygons.
func joint(buf []Vec, c Vec, r float64) []Vec {
	for i := 7; i >= 0; i-- {
		a := 2 * math.Pi * (float64(i) + 0.5) / 8
		buf = append(buf, Vec{c.X + r*math.Cos(a), c.Y + r*math.Sin(a)})
	}
	return buf
}

// Reproject draws into dst, over the screen rectangle of view to, the
// pixels of src (a raster drawn with view from) moved and scaled to view
// to, nearest pixel; where from showed nothing of what to shows it fills
// bg. It stands in for the base map while the map is zoomed or dragged and
// the exact raster is made (a few milliseconds, against 15–50 to
// rasterise the map again).
func Reproject(dst, src *image.RGBA, from, to View, bg color.RGBA) {
	box := irect(to.Screen, dst.Bounds())
	if box.Empty() {
		return
	}
	have := irect(from.Screen, src.Bounds())
	// Byte offset, within its row of src, of each destination column's
	// source pixel (-1: none), through the world point at the destination
	// pixel's centre. Pixels move as 32-bit words: a 4-byte copy a pixel
	// was most of the zooming frame's cost.
	col := make([]int, box.Dx())
	for i := range col {
		q := from.ToScreen(to.ToWorld(Vec{float64(box.Min.X+i) + 0.5, 0}))
		col[i] = -1
		if sx := inside(q.X, have.Min.X, have.Max.X); sx >= 0 {
			col[i] = 4 * (sx - src.Rect.Min.X)
		}
	}
	bgw := binary.LittleEndian.Uint32([]byte{bg.R, bg.G, bg.B, bg.A})
	for y := box.Min.Y; y < box.Max.Y; y++ {
		q := from.ToScreen(to.ToWorld(Vec{0, float64(y) + 0.5}))
		sy := inside(q.Y, have.Min.Y, have.Max.Y)
		row := dst.Pix[dst.PixOffset(box.Min.X, y):][:4*len(col)]
		if sy < 0 {
			for i := range col {
				binary.LittleEndian.PutUint32(row[4*i:], bgw)
			}
			continue
		}
		srow := src.Pix[src.PixOffset(src.Rect.Min.X, sy):][:4*src.Rect.Dx()]
		for i, o := range col {
			w := bgw
			if o >= 0 {
				w = binary.LittleEndian.Uint32(srow[o:])
			}
			binary.LittleEndian.PutUint32(row[4*i:], w)
		}
	}
}

// CopyOutside copies src to dst (of the same bounds) except within the
// rectangles skip, which the caller is about to overwrite whole.
func CopyOutside(dst, src *image.RGBA, skip []image.Rectangle) {
	b := dst.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		// The rows' spans to skip, at most a few, in order of x.
		x := b.Min.X
		for {
			next, end := b.Max.X, b.Max.X
			for _, r := range skip {
				if y >= r.Min.Y && y < r.Max.Y && r.Max.X > x && r.Min.X < next {
					next, end = max(r.Min.X, x), r.Max.X
				}
			}
			if next > x {
				i, j := dst.PixOffset(x, y), dst.PixOffset(next, y)
				copy(dst.Pix[i:j], src.Pix[i:j])
			}
			if next >= b.Max.X {
				break
			}
			x = end
		}
	}
}

// inside returns the pixel index of coordinate v if it is in [lo, hi),
// else -1.
func inside(v float64, lo, hi int) int {
	f := math.Floor(v)
	if f < float64(lo) || f >= float64(hi) {
		return -1
	}
	return int(f)
}
