//go:build viz

package viz

import (
	"image"
	"image/color"
	"unicode"

	"github.com/gopxl/pixel/v2"
	"github.com/gopxl/pixel/v2/backends/opengl"
	"github.com/gopxl/pixel/v2/ext/text"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// PixelRenderer draws scenes on a Pixel (OpenGL) target, a window or a
// canvas (see Draw). Every call must run inside opengl.Run.
type PixelRenderer struct {
	fonts *Fonts
	img   *ImageRenderer

	baseKey   uint64
	baseW     int
	baseH     int
	baseRGBA  *image.RGBA // the static layers
	baseViews []View      // the views of baseRGBA's map layers
	frameRGBA *image.RGBA // and the bulk layers over them
	frame     []uint8     // frameRGBA with its rows bottom-up, for OpenGL
	base      *opengl.Canvas

	// The static layers of a new key are rasterised on another goroutine
	// (job, with a renderer and a buffer of its own) while frames show
	// the last raster reprojected to the new views.
	job      chan baseRaster
	shownKey uint64 // key of the static layers of the last frame
	jobImg   *ImageRenderer
	jobSpare *image.RGBA
	reproj   []image.Rectangle // the boxes a frame reprojects
	rasters  int               // rasters made on the other goroutine

	tris  []*batch
	atlas [numFonts]*text.Atlas
	txt   [numFonts]*text.Text
	poly  []Vec
}

// batch is one layer's triangles.
type batch struct {
	data pixel.TrianglesData
	gl   pixel.TargetTriangles
	n    int // vertices of gl
}

// textRunes are the characters the text atlases hold: ASCII, Latin-1 and
// the punctuation the HUD uses.
var textRunes = func() []rune {
	rs := append([]rune{}, text.ASCII...)
	for r := rune(0xa0); r <= 0xff; r++ {
		rs = append(rs, r)
	}
	return append(rs, []rune("–—‘’“”•…")...)
}()

// NewPixelRenderer returns a renderer drawing text with fonts (those of
// the Builder that builds the scenes).
func NewPixelRenderer(fonts *Fonts) *PixelRenderer {
	r := &PixelRenderer{fonts: fonts, img: NewImageRenderer(fonts)}
	for i := range r.atlas {
		r.atlas[i] = text.NewAtlas(replacementFace{fonts.Face[i]}, textRunes)
		r.txt[i] = text.New(pixel.ZV, r.atlas[i])
	}
	return r
}

// replacementFace draws U+FFFD, which Liberation Sans lacks, as '?':
// Pixel's atlas (v2.3.0) draws no text at all from a face without it.
type replacementFace struct{ font.Face }

func repl(r rune) rune {
	if r == unicode.ReplacementChar {
		return '?'
	}
	return r
}

func (f replacementFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	return f.Face.Glyph(dot, repl(r))
}

func (f replacementFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	return f.Face.GlyphBounds(repl(r))
}

func (f replacementFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) {
	return f.Face.GlyphAdvance(repl(r))
}

func (f replacementFace) Kern(r0, r1 rune) fixed.Int26_6 { return f.Face.Kern(repl(r0), repl(r1)) }

// Target is what PixelRenderer draws on: *opengl.Window or *opengl.Canvas.
type Target interface {
	pixel.ComposeTarget
	Bounds() pixel.Rect
}

// Draw draws sc on t, whose bounds must be sc.W×sc.H from the origin. The
// static layers cover the whole frame, so t need not be cleared first.
//
// The static and bulk layers (the base map, the agents) are composited on
// the CPU by the image backend, agents as cached sprites, and uploaded as
// one texture; the other layers (labels, HUD) are drawn with OpenGL, one
// triangle batch and one glyph batch per font per layer. Under Mesa's
// llvmpipe, vertices are what a frame costs (a textured quad for each of
// 10,000 agents took 40 ms a frame on 2 vCPUs), and copying sprites is
// cheaper than any of it.
func (r *PixelRenderer) Draw(t Target, sc *Scene) {
	H := float64(sc.H)
	r.composite(t, sc)
	n := 0
	for _, l := range sc.Layers {
		if l.Static || l.Bulk {
			continue
		}
		if n == len(r.tris) {
			r.tris = append(r.tris, &batch{})
		}
		b := r.tris[n]
		n++
		r.fill(b, l, H)
		b.flush(t)
		r.texts(t, l, H)
	}
}

// composite draws the static layers (rasterised again only when their key
// changes) and the bulk layers into a frame and uploads it.
func (r *PixelRenderer) composite(t Target, sc *Scene) {
	if r.base == nil || r.baseW != sc.W || r.baseH != sc.H {
		r.base = opengl.NewCanvas(pixel.R(0, 0, float64(sc.W), float64(sc.H)))
		r.baseRGBA = image.NewRGBA(image.Rect(0, 0, sc.W, sc.H))
		r.frameRGBA = image.NewRGBA(image.Rect(0, 0, sc.W, sc.H))
		r.frame = make([]uint8, 4*sc.W*sc.H)
		r.baseW, r.baseH, r.baseKey = sc.W, sc.H, 0
		r.job, r.jobSpare = nil, nil // a raster in the making is of the old size
	}
	key, static := uint64(0), []*Layer(nil)
	for _, l := range sc.Layers {
		if l.Static {
			key = l.Key
			static = append(static, l)
		}
	}
	r.updateBase(key, static)
	r.shownKey = key
	if key == r.baseKey {
		copy(r.frameRGBA.Pix, r.baseRGBA.Pix)
	} else {
		// The map moved and its raster is being made: show the last one
		// moved and scaled to the new views, over which nothing need be
		// copied.
		r.reproj = r.reproj[:0]
		for _, l := range static {
			if l.View != nil && len(r.reproj) < len(r.baseViews) {
				r.reproj = append(r.reproj, irect(l.View.Screen, r.frameRGBA.Rect))
			}
		}
		CopyOutside(r.frameRGBA, r.baseRGBA, r.reproj)
		i := 0
		for _, l := range static {
			if l.View != nil && i < len(r.baseViews) {
				Reproject(r.frameRGBA, r.baseRGBA, r.baseViews[i], *l.View, ColSea)
				i++
			}
		}
	}
	r.img.RenderLayers(r.frameRGBA, sc, func(l *Layer) bool { return l.Bulk })
	FlipRows(r.frame, r.frameRGBA.Pix, 4*sc.W)
	// Straight into the window's own canvas when it is the frame: a
	// full-window textured quad costs llvmpipe about 14 ms.
	if c := canvasOf(t); c != nil && int(c.Bounds().W()) == sc.W && int(c.Bounds().H()) == sc.H {
		c.SetPixels(r.frame)
		return
	}
	r.base.SetPixels(r.frame)
	r.base.Draw(t, pixel.IM.Moved(pixel.V(float64(sc.W)/2, float64(sc.H)/2)))
}

// Reprojecting reports whether the last frame showed the base map
// reprojected from an earlier view while its exact raster was being made.
func (r *PixelRenderer) Reprojecting() bool { return r.job != nil || r.shownKey != r.baseKey }

// baseRaster is a raster of the static layers of one key.
type baseRaster struct {
	key   uint64
	img   *image.RGBA
	views []View
}

func viewsOf(static []*Layer) []View {
	var vs []View
	for _, l := range static {
		if l.View != nil {
			vs = append(vs, *l.View)
		}
	}
	return vs
}

// updateBase makes baseRGBA the raster of the static layers of key, or
// starts making it. The first raster, or one for static layers with text
// (fonts are not safe for concurrent use), is made at once; later ones
// on another goroutine, one at a time, on a thread of low priority
// (background): a raster finished for a key that has since changed still
// replaces an older one, and the next is started for the latest layers.
func (r *PixelRenderer) updateBase(key uint64, static []*Layer) {
	if r.job != nil {
		select {
		case res := <-r.job:
			r.job = nil
			r.rasters++
			r.jobSpare, r.baseRGBA = r.baseRGBA, res.img
			r.baseKey, r.baseViews = res.key, res.views
		default:
		}
	}
	if key == r.baseKey && key != 0 || r.job != nil {
		return
	}
	render := func(img *image.RGBA, ir *ImageRenderer) {
		clear(img.Pix)
		for _, l := range static {
			ir.layer(img, l)
		}
	}
	async := r.baseKey != 0 && key != 0
	for _, l := range static {
		async = async && len(l.Texts) == 0
	}
	if !async {
		render(r.baseRGBA, r.img)
		r.baseKey, r.baseViews = key, viewsOf(static)
		return
	}
	if r.jobImg == nil {
		r.jobImg = NewImageRenderer(r.fonts)
	}
	if r.jobSpare == nil || r.jobSpare.Rect != r.baseRGBA.Rect {
		r.jobSpare = image.NewRGBA(r.baseRGBA.Rect)
	}
	img, ir, job := r.jobSpare, r.jobImg, make(chan baseRaster, 1)
	r.jobSpare, r.job = nil, job
	go func() {
		background()
		render(img, ir)
		job <- baseRaster{key, img, viewsOf(static)}
	}()
}

// flush sends a batch's triangles to t and draws them.
func (b *batch) flush(t Target) {
	if len(b.data) == 0 {
		return
	}
	if b.gl == nil {
		b.gl = t.MakeTriangles(&b.data)
		b.n = len(b.data)
	} else if b.n != len(b.data) {
		b.gl.SetLen(len(b.data))
		b.n = len(b.data)
	}
	b.gl.Update(&b.data)
	b.gl.Draw()
}

// vertex is one of pixel.TrianglesData's elements.
type vertex = struct {
	Position  pixel.Vec
	Color     pixel.RGBA
	Picture   pixel.Vec
	Intensity float64
	ClipRect  pixel.Rect
	IsClipped bool
}

// canvasOf returns the canvas behind a window or canvas target.
func canvasOf(t Target) *opengl.Canvas {
	switch t := t.(type) {
	case *opengl.Window:
		return t.Canvas()
	case *opengl.Canvas:
		return t
	}
	return nil
}

// FlipRows copies src to dst with its rows of stride bytes in reverse
// order: image rows are top-down, OpenGL's bottom-up.
func FlipRows(dst, src []uint8, stride int) {
	n := len(src) / stride
	for y := 0; y < n; y++ {
		copy(dst[y*stride:(y+1)*stride], src[(n-1-y)*stride:(n-y)*stride])
	}
}

func prgba(c color.RGBA) pixel.RGBA {
	return pixel.RGBA{R: float64(c.R) / 255, G: float64(c.G) / 255, B: float64(c.B) / 255, A: float64(c.A) / 255}
}

// fill builds the triangles of a layer's rectangles, polygons and lines,
// in that order, in Pixel's coordinates (y up), clipped to the layer.
func (r *PixelRenderer) fill(b *batch, l *Layer, H float64) {
	b.data = b.data[:0]
	clip := pixel.R(l.Clip.Min.X, H-l.Clip.Max.Y, l.Clip.Max.X, H-l.Clip.Min.Y)
	fan := func(pts []Vec, c pixel.RGBA) {
		for i := 1; i+1 < len(pts); i++ {
			for _, p := range [3]Vec{pts[0], pts[i], pts[i+1]} {
				b.data = append(b.data, vertex{Position: pixel.V(p.X, H-p.Y), Color: c, ClipRect: clip, IsClipped: true})
			}
		}
	}
	for _, f := range l.Rects {
		rr := f.R.Intersect(l.Clip)
		if rr.Empty() {
			continue
		}
		fan([]Vec{rr.Min, {rr.Max.X, rr.Min.Y}, rr.Max, {rr.Min.X, rr.Max.Y}}, prgba(f.Color))
	}
	for _, p := range l.Polys {
		for _, ring := range p.Rings { // dynamic layers hold only convex polygons
			fan(ring, prgba(p.Color))
		}
	}
	for _, ln := range l.Lines {
		c := prgba(ln.Color)
		r.poly = StrokePolygons(r.poly[:0], ln.Pts, ln.Width, func(q []Vec) { fan(q, c) })
	}
	for i := range l.Markers { // a few (the legend's): bulk layers hold the agents
		m := &l.Markers[i]
		if m.Line.A != 0 {
			r.poly = MarkerPolygon(r.poly[:0], m, 1)
			fan(r.poly, prgba(m.Line))
		}
		r.poly = MarkerPolygon(r.poly[:0], m, 0)
		fan(r.poly, prgba(m.Fill))
	}
}

// texts draws a layer's texts, one batch per font.
func (r *PixelRenderer) texts(t pixel.Target, l *Layer, H float64) {
	if len(l.Texts) == 0 {
		return
	}
	var used [numFonts]bool
	for i := range r.txt {
		r.txt[i].Clear()
	}
	for _, tx := range l.Texts {
		txt := r.txt[tx.Size]
		used[tx.Size] = true
		if tx.Halo.A != 0 {
			txt.Color = tx.Halo
			for _, o := range haloOffsets {
				txt.Dot = pixel.V(tx.At.X+o.X, H-tx.At.Y-o.Y)
				txt.WriteString(tx.S)
			}
		}
		txt.Color = tx.Color
		txt.Dot = pixel.V(tx.At.X, H-tx.At.Y)
		txt.WriteString(tx.S)
	}
	for i, u := range used {
		if u {
			r.txt[i].Draw(t, pixel.IM)
		}
	}
}

// Screenshot returns the pixels of a window or canvas as an image, rows
// top-down (OpenGL gives them bottom-up) and alpha made opaque.
func Screenshot(c *opengl.Canvas) *image.RGBA {
	b := c.Bounds()
	w, h := int(b.W()), int(b.H())
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	FlipRows(img.Pix, c.Pixels(), 4*w)
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
	}
	return img
}
