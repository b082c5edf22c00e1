package viz

import (
	"image"
	"math"
	"testing"
)

func TestSpriteBlit(t *testing.T) {
	c := NewSpriteCache()
	fill, line := rgb(0xf2, 0x8e, 0x1c), rgb(0x10, 0x10, 0x10)
	m := Marker{At: Vec{20.3, 30.6}, Shape: ShapeLorry, Size: 9, Heading: math.Pi / 2, Fill: fill, Line: line}
	dst := image.NewRGBA(image.Rect(0, 0, 64, 64))
	c.BlitMarker(dst, dst.Rect, &m)
	// The centre is drawn in the fill colour, on the nearest pixel corner
	// (20, 31): pixels (19, 30) and (20, 31) are inside.
	for _, p := range []image.Point{{19, 30}, {20, 31}, {19, 33}} {
		if got := dst.RGBAAt(p.X, p.Y); got != fill {
			t.Errorf("pixel %v = %v, want the fill %v", p, got, fill)
		}
	}
	// Heading north: 9 pixels tall, about 4 wide with the outline; nothing
	// 3 pixels to the side.
	if got := dst.RGBAAt(24, 31); got.A != 0 {
		t.Errorf("pixel beside a northbound lorry is %v, want empty", got)
	}
	if got := dst.RGBAAt(20, 35); got.A == 0 {
		t.Errorf("pixel 4 below the centre of a 9-pixel northbound lorry is empty")
	}
	// Clipped: nothing outside the clip rectangle.
	dst2 := image.NewRGBA(image.Rect(0, 0, 64, 64))
	c.BlitMarker(dst2, image.Rect(0, 0, 20, 64), &m)
	for y := 0; y < 64; y++ {
		for x := 20; x < 64; x++ {
			if dst2.RGBAAt(x, y).A != 0 {
				t.Fatalf("pixel (%d, %d) drawn outside the clip", x, y)
			}
		}
	}
	// Looks are cached by size to a quarter pixel and heading to 1/32 turn.
	m2 := m
	m2.Size, m2.Heading = 9.1, math.Pi/2+0.05
	if c.Sprite(&m) != c.Sprite(&m2) {
		t.Errorf("near-identical markers got different sprites")
	}
	m2.Heading = 0
	if c.Sprite(&m) == c.Sprite(&m2) {
		t.Errorf("northbound and eastbound lorries share a sprite")
	}
}
