//go:build viz

package viz_test

import (
	"image"
	"testing"
	"time"

	"github.com/gopxl/pixel/v2"
	"github.com/gopxl/pixel/v2/backends/opengl"

	"channelsim/agents"
	"channelsim/sim"
	"channelsim/viz"
	"channelsim/viz/viztest"
)

func newTestWindow(t testing.TB, w, h int) *opengl.Window {
	t.Helper()
	win, err := opengl.NewWindow(opengl.WindowConfig{Title: "viz test", Bounds: pixel.R(0, 0, float64(w), float64(h)), Invisible: true})
	if err != nil {
		t.Fatalf("cannot open a window (is DISPLAY set? run scripts/test-viz.sh): %v", err)
	}
	return win
}

// windowShot draws frame f of model m twice in a 1280×800 window (the
// first draw rasterises the base map) and returns the builder and the
// window's screenshot.
func windowShot(t *testing.T, m *sim.Model, f *viz.Frame) (*viz.Builder, *image.RGBA) {
	t.Helper()
	win := newTestWindow(t, 1280, 800)
	defer win.Destroy()
	b, err := viz.NewBuilder(m.World, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	r := viz.NewPixelRenderer(b.Fonts)
	for range 2 {
		r.Draw(win, b.Build(f))
		win.Update()
	}
	return b, viz.Screenshot(win.Canvas())
}

// A window: advance the model, draw, take a screenshot and check its
// pixels (sea, land, lorries on the A16), and that it matches the image
// backend's frame.
func TestPixelWindowScreenshot(t *testing.T) {
	m, f := viztest.RunTo(t, "2015-07-15T11:00")
	b, shot := windowShot(t, m, f)
	if shot.Rect.Dx() != 1280 || shot.Rect.Dy() != 800 {
		t.Fatalf("screenshot is %v, want 1280×800", shot.Rect)
	}
	viztest.CheckFramePixels(t, shot, b, m.World, f.Snap)

	// The same scene from the image backend: nearly every pixel agrees
	// (they differ at anti-aliased edges and in glyph placement).
	ref := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	viz.NewImageRenderer(b.Fonts).Render(ref, b.Build(f))
	same := 0
	for i := 0; i < len(ref.Pix); i += 4 {
		d := 0
		for c := range 3 {
			d = max(d, absInt(int(ref.Pix[i+c])-int(shot.Pix[i+c])))
		}
		if d <= 16 {
			same++
		}
	}
	if frac := float64(same) / float64(len(ref.Pix)/4); frac < 0.97 {
		t.Errorf("only %.1f%% of the window's pixels match the image backend's", 100*frac)
	}
	// The rows are top-down: the HUD's panel (dark) is at the right, the
	// Calais view's sea at the top left.
	if c := shot.RGBAAt(5, 5); c != viz.ColSea {
		t.Errorf("top-left pixel %v, want the sea %v (rows flipped?)", c, viz.ColSea)
	}
}

// A run with the small boats in a window: the Strait view, its boats and
// the weather drawn by the window as by the image backend.
func TestPixelWindowStrait(t *testing.T) {
	m, f := viztest.RunScenarioTo(t, "baseline-2018-2024", "2019-04-04T05:00")
	b, shot := windowShot(t, m, f)
	ref := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	viz.NewImageRenderer(b.Fonts).Render(ref, b.Build(f))
	if b.Strait.Screen.Empty() {
		t.Fatal("no Strait view in a run with boats")
	}
	if frac := float64(differ(shot, ref, 16)) / float64(len(ref.Pix)/4); frac > 0.03 {
		t.Errorf("%.1f%% of the window's pixels differ from the image backend's", 100*frac)
	}
	// The Strait view's map, boats and weather are composited with the
	// map: its pixels agree but at the edges of its many labels' glyphs
	// (drawn by OpenGL in the window).
	var in, same int
	for y := int(b.Strait.Screen.Min.Y); y < int(b.Strait.Screen.Max.Y); y++ {
		for x := int(b.Strait.Screen.Min.X); x < int(b.Strait.Screen.Max.X); x++ {
			in++
			a, c := shot.RGBAAt(x, y), ref.RGBAAt(x, y)
			if absInt(int(a.R)-int(c.R)) <= 16 && absInt(int(a.G)-int(c.G)) <= 16 && absInt(int(a.B)-int(c.B)) <= 16 {
				same++
			}
		}
	}
	if float64(same) < 0.95*float64(in) {
		t.Errorf("%d of %d pixels of the Strait view match the image backend's", same, in)
	}
	fill := viz.DefaultStyles().ByKind[agents.KindBoat].BoatVariants[0].Fill
	for _, a := range f.Snap.Agents {
		if q := b.Strait.ToScreen(a.Pos); a.Kind == agents.KindBoat && shot.RGBAAt(int(q.X), int(q.Y)) != ref.RGBAAt(int(q.X), int(q.Y)) {
			t.Errorf("boat %d at %v: the window has %v, the image backend %v (the boats' fill is %v)", a.ID, q, shot.RGBAAt(int(q.X), int(q.Y)), ref.RGBAAt(int(q.X), int(q.Y)), fill)
		}
	}
}

// Zooming: the frames drawn while the new base map is rasterised show the
// old one reprojected (close to the exact frame), and once it is ready the
// window shows exactly what a renderer that never zoomed draws.
func TestPixelWindowZoomCatchesUp(t *testing.T) {
	m, f := viztest.RunTo(t, "2015-07-15T11:00")
	win := newTestWindow(t, 1280, 800)
	defer win.Destroy()
	b, err := viz.NewBuilder(m.World, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	r := viz.NewPixelRenderer(b.Fonts)
	for range 2 {
		r.Draw(win, b.Build(f))
		win.Update()
	}
	b.Zoom(b.Main.Screen.Center(), 1.1)
	b.Pan(b.Main.Screen.Center(), viz.Vec{X: 12, Y: -5})
	r.Draw(win, b.Build(f))
	win.Update()
	if !r.Reprojecting() {
		t.Fatal("the frame after a zoom did not reproject the base map")
	}
	preview := viz.Screenshot(win.Canvas())
	for i := 0; r.Reprojecting(); i++ {
		if i == 1000 {
			t.Fatal("the base map was not rasterised after 1,000 frames")
		}
		time.Sleep(5 * time.Millisecond)
		r.Draw(win, b.Build(f))
		win.Update()
	}
	shot := viz.Screenshot(win.Canvas())
	viz.NewPixelRenderer(b.Fonts).Draw(win, b.Build(f))
	win.Update()
	exact := viz.Screenshot(win.Canvas())
	if n := differ(shot, exact, 0); n != 0 {
		t.Errorf("after the zoom, %d pixels differ from a fresh renderer's frame", n)
	}
	if frac := float64(differ(preview, exact, 16)) / float64(len(exact.Pix)/4); frac > 0.05 {
		t.Errorf("the reprojected frame differs from the exact one in %.1f%% of pixels", 100*frac)
	}
}

// differ counts the pixels whose channels differ by more than tol.
func differ(a, b *image.RGBA, tol int) int {
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		for c := range 3 {
			if absInt(int(a.Pix[i+c])-int(b.Pix[i+c])) > tol {
				n++
				break
			}
		}
	}
	return n
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
