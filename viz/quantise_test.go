package viz

import (
	"bytes"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"math/rand/v2"
	"testing"
)

func stdQuantise(img *image.RGBA, pal color.Palette) *image.Paletted {
	p := image.NewPaletted(img.Bounds(), pal)
	draw.FloydSteinberg.Draw(p, img.Bounds(), img, image.Point{})
	return p
}

// TestQuantiserMatchesImageDraw: the Quantiser gives exactly the pixels of
// image/draw's Floyd–Steinberg for noise, smooth gradients (where the
// dither matters most), flat colours at the palette entries and between
// them, a rendered frame, and palettes other than Plan 9's.
func TestQuantiserMatchesImageDraw(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	noise := image.NewRGBA(image.Rect(0, 0, 97, 61))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(r.IntN(256))
	}
	grad := image.NewRGBA(image.Rect(0, 0, 256, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 256; x++ {
			grad.SetRGBA(x, y, color.RGBA{uint8(x), uint8(255 - x), uint8(4 * y), 255})
		}
	}
	flat := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			c := palette.Plan9[(x*7+y)%256].(color.RGBA)
			if y%2 == 1 {
				c.R, c.G = c.R/2+c.G/2, c.G/2+c.B/2 // between entries
			}
			flat.SetRGBA(x, y, c)
		}
	}
	translucent := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range translucent.Pix {
		translucent.Pix[i] = uint8(r.IntN(256))
		if i%4 == 3 {
			translucent.Pix[i] = 255
			if i%8 == 3 {
				translucent.Pix[i] = uint8(r.IntN(256))
			}
		}
	}
	frame := renderTestFrame(t)
	var web color.Palette
	for _, c := range palette.WebSafe {
		web = append(web, c)
	}
	grey := make(color.Palette, 16)
	for i := range grey {
		grey[i] = color.Gray{uint8(i * 17)}
	}
	pals := map[string]color.Palette{"plan9": palette.Plan9, "websafe": web, "grey16": grey}
	imgs := map[string]*image.RGBA{"noise": noise, "gradient": grad, "flat": flat, "translucent": translucent, "frame": frame}
	for pn, pal := range pals {
		q := NewQuantiser(pal)
		for in, img := range imgs {
			want := stdQuantise(img, pal)
			got := q.Quantise(img)
			if !bytes.Equal(got.Pix, want.Pix) {
				n := 0
				for i := range got.Pix {
					if got.Pix[i] != want.Pix[i] {
						n++
					}
				}
				t.Errorf("%s on %s: %d of %d pixels differ from image/draw", pn, in, n, len(got.Pix))
			}
		}
	}
}

// renderTestFrame draws the benchmarks' crowded scene (2,000 agents) at
// 1280×800.
func renderTestFrame(t testing.TB) *image.RGBA {
	b, _ := newTestBuilder(t)
	f := &Frame{Snap: synthSnapshot(b, 2000), Status: Status{Selected: -1, Legend: true}}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	NewImageRenderer(b.Fonts).Render(img, b.Build(f))
	return img
}

func BenchmarkQuantise(b *testing.B) {
	img := renderTestFrame(b)
	q := NewQuantiser(palette.Plan9)
	b.Run("image-draw", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			stdQuantise(img, palette.Plan9)
		}
	})
	b.Run("quantiser", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			q.Quantise(img)
		}
	})
}
