//go:build viz

package viz

import (
	"image"
	"image/color"
	"math"
	"unicode"

	"github.com/gopxl/pixel/v2"
	"github.com/gopxl/pixel/v2/backends/opengl"
	"github.com/gopxl/pixel/v2/ext/text"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// PixelRenderer draws scenes on a Pixel (OpenGL) target, a window or a
// canvas. The static layers are rasterised once by the image backend (so
// the map looks exactly as in PNG frames) and kept in a canvas that is
// drawn as one textured quad; the other layers are drawn as one batch of
// triangles per layer (agents, with their outlines, as convex polygons:
// 2–6 triangles each) and one batch of glyphs per layer and font. Every
// call must run inside opengl.Run.
type PixelRenderer struct {
	fonts *Fonts
	img   *ImageRenderer

	baseKey  uint64
	baseW    int
	baseH    int
	baseRGBA *image.RGBA
	baseUp   []uint8 // baseRGBA with its rows bottom-up, for OpenGL
	base     *opengl.Canvas

	tris    []*batch
	sprites []*sprites
	sprite  *spriteAtlas
	pic     pixel.TargetPicture
	atlas   [numFonts]*text.Atlas
	txt     [numFonts]*text.Text
	poly    []Vec
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
	r.sprite = newSpriteAtlas(r.img)
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
func (r *PixelRenderer) Draw(t Target, sc *Scene) {
	H := float64(sc.H)
	key, static := uint64(0), false
	for _, l := range sc.Layers {
		if l.Static {
			key, static = l.Key, true
			break
		}
	}
	if static {
		if r.base == nil || r.baseKey != key || r.baseW != sc.W || r.baseH != sc.H {
			r.rasteriseBase(sc, key)
		}
		// Under llvmpipe a full-window textured quad costs more than all
		// the agents: when the target is exactly the frame, copy the base
		// map's pixels in instead (a texture upload, no shading).
		if c := canvasOf(t); c != nil && int(c.Bounds().W()) == sc.W && int(c.Bounds().H()) == sc.H {
			c.SetPixels(r.baseUp)
		} else {
			r.base.Draw(t, pixel.IM.Moved(pixel.V(float64(sc.W)/2, H/2)))
		}
	}
	n := 0
	for _, l := range sc.Layers {
		if l.Static {
			continue
		}
		if n == len(r.tris) {
			r.tris = append(r.tris, &batch{})
			r.sprites = append(r.sprites, &sprites{})
		}
		b := r.tris[n]
		n++
		r.fill(b, l, H)
		b.flush(t)
		r.drawSprites(t, r.sprites[n-1], l, H)
		r.texts(t, l, H)
	}
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

// glVertices is the part of *opengl.GLTriangles that canvas triangles
// promote: writing vertices in place saves building a TrianglesData (112
// bytes a vertex) and converting it every frame.
type glVertices interface {
	pixel.TargetTriangles
	SetPosition(i int, p pixel.Vec)
	SetColor(i int, c pixel.RGBA)
	SetPicture(i int, pic pixel.Vec, intensity float64)
	SetClipRect(i int, r pixel.Rect)
	CopyVertices()
}

// sprites is a layer's markers as textured quads from the sprite atlas,
// rotated to their headings, written straight into a GL vertex buffer.
type sprites struct {
	gl glVertices
	n  int // vertices allocated
}

// spriteGrain is the step, in vertices, in which a sprite buffer grows
// and shrinks (resizing costs a round trip to the GL thread); unused
// vertices are degenerate triangles.
const spriteGrain = 6 * 256

func (r *PixelRenderer) drawSprites(t Target, s *sprites, l *Layer, H float64) {
	if len(l.Markers) == 0 {
		return
	}
	need := (6*len(l.Markers) + spriteGrain - 1) / spriteGrain * spriteGrain
	if s.gl == nil {
		td := pixel.MakeTrianglesData(need)
		gl, ok := t.MakeTriangles(td).(glVertices)
		if !ok {
			panic("viz: Pixel's canvas triangles do not expose their vertices (Pixel version changed?)")
		}
		s.gl, s.n = gl, need
	} else if need > s.n || need < s.n/2 {
		s.gl.SetLen(need)
		s.n = need
	}
	gl := s.gl
	clip := pixel.R(l.Clip.Min.X, H-l.Clip.Max.Y, l.Clip.Max.X, H-l.Clip.Min.Y)
	white := pixel.RGBA{R: 1, G: 1, B: 1, A: 1}
	v := 0
	for i := range l.Markers {
		m := &l.Markers[i]
		slot, _, ok := r.sprite.slot(m)
		if !ok {
			continue
		}
		hw, hh := float64(slot.Dx())/2, float64(slot.Dy())/2
		// Texture coordinates are y-up: the atlas image is uploaded flipped.
		tc := pixel.V(float64(slot.Min.X)+hw, atlasSide-float64(slot.Min.Y)-hh)
		c := pixel.V(m.At.X, H-m.At.Y)
		cos, sin := 1.0, 0.0
		if directed(m.Shape) && m.Heading != 0 {
			cos, sin = math.Cos(m.Heading), math.Sin(m.Heading)
		} else {
			// Unrotated: put texel centres on pixel centres, so the
			// sprite is as crisp as in the image backend.
			c = pixel.V(math.Round(c.X), math.Round(c.Y))
		}
		uvs := [4]pixel.Vec{{X: -hw, Y: -hh}, {X: hw, Y: -hh}, {X: hw, Y: hh}, {X: -hw, Y: hh}}
		for _, k := range [6]int{0, 1, 2, 0, 2, 3} {
			uv := uvs[k]
			gl.SetPosition(v, pixel.V(c.X+uv.X*cos-uv.Y*sin, c.Y+uv.X*sin+uv.Y*cos))
			gl.SetColor(v, white)
			gl.SetPicture(v, tc.Add(uv), 1)
			gl.SetClipRect(v, clip)
			v++
		}
	}
	for ; v < s.n; v++ {
		gl.SetPosition(v, pixel.ZV) // degenerate: no fragments
		gl.SetColor(v, pixel.RGBA{})
	}
	gl.CopyVertices()
	r.sprite.upload()
	if r.pic == nil {
		r.pic = t.MakePicture(r.sprite.canvas)
	}
	r.pic.Draw(gl)
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

// rasteriseBase draws the static layers with the image backend and uploads
// them to the base canvas.
func (r *PixelRenderer) rasteriseBase(sc *Scene, key uint64) {
	if r.base == nil || r.baseW != sc.W || r.baseH != sc.H {
		r.base = opengl.NewCanvas(pixel.R(0, 0, float64(sc.W), float64(sc.H)))
		r.baseRGBA = image.NewRGBA(image.Rect(0, 0, sc.W, sc.H))
		r.baseUp = make([]uint8, 4*sc.W*sc.H)
		r.baseW, r.baseH = sc.W, sc.H
	}
	clear(r.baseRGBA.Pix)
	r.img.RenderLayers(r.baseRGBA, sc, func(l *Layer) bool { return l.Static })
	FlipRows(r.baseUp, r.baseRGBA.Pix, 4*sc.W)
	r.base.SetPixels(r.baseUp)
	r.baseKey = key
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
