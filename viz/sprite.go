package viz

import (
	"image"
	"image/color"
	"math"
)

// SpriteCache holds every marker look the scene has drawn as a small
// premultiplied image, rasterised once (anti-aliased, outline included) by
// the image backend, so that a frame's thousands of agents are copied, not
// rasterised: BlitMarker costs a few hundred nanoseconds per agent.
// Directed shapes are kept in headingSteps rotations. It is not safe for
// concurrent use.
type SpriteCache struct {
	ir      *ImageRenderer
	sprites map[spriteKey]*image.RGBA
}

// spriteKey is a marker's look: sizes to quarter pixels, headings to
// 1/headingSteps of a turn.
type spriteKey struct {
	shape     Shape
	quarterPx uint16
	heading   uint8
	fill      color.RGBA
	line      color.RGBA
}

// headingSteps is how many rotations of a directed shape are kept: 11.25°
// apart, less than a pixel at the end of the largest (16-pixel) marker.
const headingSteps = 32

// maxSprites bounds the cache; it is emptied when full (zooming makes new
// sizes).
const maxSprites = 4096

// NewSpriteCache returns an empty cache.
func NewSpriteCache() *SpriteCache {
	return &SpriteCache{ir: &ImageRenderer{}, sprites: map[spriteKey]*image.RGBA{}}
}

func (c *SpriteCache) key(m *Marker) spriteKey {
	k := spriteKey{shape: m.Shape, quarterPx: uint16(min(math.Round(m.Size*4), 65535)), fill: m.Fill, line: m.Line}
	if directed(m.Shape) {
		h := math.Mod(m.Heading/(2*math.Pi), 1)
		if h < 0 {
			h++
		}
		k.heading = uint8(int(math.Round(h*headingSteps)) % headingSteps)
	}
	return k
}

// Sprite returns the image of marker m, centred: the marker's centre is at
// the image's centre, a pixel corner (its sides are even).
func (c *SpriteCache) Sprite(m *Marker) *image.RGBA {
	k := c.key(m)
	if s, ok := c.sprites[k]; ok {
		return s
	}
	if len(c.sprites) >= maxSprites {
		clear(c.sprites)
	}
	mk := *m
	mk.Size = float64(k.quarterPx) / 4
	mk.Heading = float64(k.heading) / headingSteps * 2 * math.Pi
	mk.At = Vec{}
	pad := 0.0
	if m.Line.A != 0 {
		pad = 1
	}
	ext := 0.0
	for _, p := range MarkerPolygon(nil, &mk, pad) {
		ext = math.Max(ext, math.Max(math.Abs(p.X), math.Abs(p.Y)))
	}
	side := 2 * int(math.Ceil(ext+1)) // and a pixel of anti-aliasing
	s := image.NewRGBA(image.Rect(0, 0, side, side))
	mk.At = Vec{float64(side) / 2, float64(side) / 2}
	c.ir.marker(s, s.Rect, &mk)
	c.sprites[k] = s
	return s
}

// BlitMarker draws marker m into dst within clip: its sprite, composited
// over (premultiplied alpha) with its centre on the nearest pixel corner.
func (c *SpriteCache) BlitMarker(dst *image.RGBA, clip image.Rectangle, m *Marker) {
	s := c.Sprite(m)
	side := s.Rect.Dx()
	x0 := int(math.Round(m.At.X)) - side/2
	y0 := int(math.Round(m.At.Y)) - side/2
	r := image.Rect(x0, y0, x0+side, y0+side).Intersect(clip).Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	n := 4 * r.Dx() // bytes a row, hoisted: the loop is the frame's hottest
	for y := r.Min.Y; y < r.Max.Y; y++ {
		so := (y-y0)*s.Stride + (r.Min.X-x0)*4
		do := (y-dst.Rect.Min.Y)*dst.Stride + (r.Min.X-dst.Rect.Min.X)*4
		sp := s.Pix[so : so+n : so+n]
		dp := dst.Pix[do : do+n : do+n]
		for i := 0; i+3 < len(sp) && i+3 < len(dp); i += 4 {
			a := uint32(sp[i+3])
			switch a {
			case 0:
			case 0xff:
				dp[i+0], dp[i+1], dp[i+2], dp[i+3] = sp[i+0], sp[i+1], sp[i+2], sp[i+3]
			default:
				na := 0xff - a
				dp[i+0] = uint8(uint32(sp[i+0]) + (uint32(dp[i+0])*na+127)/0xff)
				dp[i+1] = uint8(uint32(sp[i+1]) + (uint32(dp[i+1])*na+127)/0xff)
				dp[i+2] = uint8(uint32(sp[i+2]) + (uint32(dp[i+2])*na+127)/0xff)
				dp[i+3] = uint8(a + (uint32(dp[i+3])*na+127)/0xff)
			}
		}
	}
}
