package viz

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/world"
)

// runTo runs the baseline scenario to a French local instant and captures
// a frame.
func runTo(t testing.TB, at string) (*sim.Model, *Frame) {
	t.Helper()
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.NewDefault(sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	when, err := ParseInstant(at)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := MinuteOf(m, when)
	if err != nil {
		t.Fatal(err)
	}
	m.RunUntil(tm)
	f := &Frame{Status: Status{Selected: -1}}
	if err := Capture(m, f); err != nil {
		t.Fatal(err)
	}
	return m, f
}

func pixelAt(img *image.RGBA, p Vec) color.RGBA {
	return img.RGBAAt(int(p.X), int(p.Y))
}

// At night the map is shaded but the agents keep their colours.
func TestImageBackendNight(t *testing.T) {
	m, f := runTo(t, "2015-07-02T23:00")
	b, err := NewBuilder(m.World, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	NewImageRenderer(b.Fonts).Render(img, b.Build(f))
	land := world.Project(world.LatLon{Lat: 50.925, Lon: 1.90})
	got := pixelAt(img, b.Main.ToScreen(land))
	if got == ColLand || int(got.R)+int(got.G)+int(got.B) >= int(ColLand.R)+int(ColLand.G)+int(ColLand.B) {
		t.Errorf("land at night drawn %v, want darker than the day's %v", got, ColLand)
	}
	if got.B <= got.R {
		t.Errorf("night shade %v is not bluish", got)
	}
}

// TestReproject: the same view copies the raster; a zoom about the centre
// or a drag moves each pixel where the view's transform says; what the old
// view did not show is filled.
func TestReproject(t *testing.T) {
	from := View{Screen: R(10, 20, 110, 100), Center: world.Point{X: 5000, Y: 7000}, MPerPx: 10}
	src := image.NewRGBA(image.Rect(0, 0, 120, 110))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 7 / 3)
	}
	bg := color.RGBA{1, 2, 3, 255}
	at := func(img *image.RGBA, x, y int) color.RGBA { return img.RGBAAt(x, y) }
	// The pixel whose centre shows world point p.
	pix := func(v View, p world.Point) (int, int) {
		q := v.ToScreen(p)
		return int(math.Floor(q.X)), int(math.Floor(q.Y))
	}

	dst := image.NewRGBA(src.Rect)
	Reproject(dst, src, from, from, bg)
	for y := 20; y < 100; y++ {
		for x := 10; x < 110; x++ {
			if at(dst, x, y) != at(src, x, y) {
				t.Fatalf("same view: pixel (%d,%d) is %v, want %v", x, y, at(dst, x, y), at(src, x, y))
			}
		}
	}
	if at(dst, 5, 5) != (color.RGBA{}) {
		t.Error("Reproject drew outside the view's screen")
	}

	for _, to := range []View{from.Zoom(from.Screen.Center(), 2), from.Zoom(Vec{30, 40}, 0.7), from.Pan(Vec{13, -7})} {
		dst := image.NewRGBA(src.Rect)
		Reproject(dst, src, from, to, bg)
		for y := 20; y < 100; y++ {
			for x := 10; x < 110; x++ {
				w := to.ToWorld(Vec{float64(x) + 0.5, float64(y) + 0.5})
				sx, sy := pix(from, w)
				want := bg
				if sx >= 10 && sx < 110 && sy >= 20 && sy < 100 {
					want = at(src, sx, sy)
				}
				if got := at(dst, x, y); got != want {
					t.Fatalf("view %+v: pixel (%d,%d) is %v, want %v (source pixel %d,%d)", to, x, y, got, want, sx, sy)
				}
			}
		}
	}
}

// TestCopyOutside is a property test: every pixel outside the rectangles
// is copied, every pixel inside one (overlapping, or reaching past the
// image) is left as it was.
func TestCopyOutside(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	b := image.Rect(0, 0, 90, 60)
	src := image.NewRGBA(b)
	for i := range src.Pix {
		src.Pix[i] = uint8(1 + i%251)
	}
	for trial := 0; trial < 300; trial++ {
		var skip []image.Rectangle
		for range r.IntN(4) {
			x, y := r.IntN(110)-10, r.IntN(80)-10
			skip = append(skip, image.Rect(x, y, x+r.IntN(60), y+r.IntN(40)))
		}
		dst := image.NewRGBA(b)
		CopyOutside(dst, src, skip)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				want := src.RGBAAt(x, y)
				for _, s := range skip {
					if image.Pt(x, y).In(s) {
						want = color.RGBA{}
					}
				}
				if got := dst.RGBAAt(x, y); got != want {
					t.Fatalf("rectangles %v: pixel (%d,%d) is %v, want %v", skip, x, y, got, want)
				}
			}
		}
	}
}
