//go:build viz

package viz

import (
	"os"
	"testing"
	"time"

	"github.com/gopxl/pixel/v2"
	"github.com/gopxl/pixel/v2/backends/opengl"
)

// The window tests need a display (run them under xvfb-run: see
// scripts/test-viz.sh). OpenGL calls must come from the main thread, so
// every test of the package runs inside opengl.Run.
func TestMain(m *testing.M) {
	code := 1
	opengl.Run(func() { code = m.Run() })
	os.Exit(code)
}

func newWindow(t testing.TB, w, h int) *opengl.Window {
	t.Helper()
	win, err := opengl.NewWindow(opengl.WindowConfig{Title: "viz test", Bounds: pixel.R(0, 0, float64(w), float64(h)), Invisible: true})
	if err != nil {
		t.Fatalf("cannot open a window (is DISPLAY set? run scripts/test-viz.sh): %v", err)
	}
	return win
}

// BenchmarkPixelFrame10k draws 10,000 visible agents at 1280×800 in a
// window (VSync off), moving a little every frame: build the scene, fill
// and upload the triangle batches, draw the cached base map, swap.
func BenchmarkPixelFrame10k(b *testing.B) { benchPixelFrame(b, 10000) }

// BenchmarkPixelFrameEmpty is the fixed cost of a frame: the base map,
// the HUD and the swap, without agents.
func BenchmarkPixelFrameEmpty(b *testing.B) { benchPixelFrame(b, 0) }

// BenchmarkPixelFrame50k is the same with 50,000 agents.
func BenchmarkPixelFrame50k(b *testing.B) { benchPixelFrame(b, 50000) }

// BenchmarkPixelZoom10k is a frame of 10,000 agents while the map is
// zoomed (a wheel step of 2 %, in then out, about the cursor) or dragged
// (3 pixels) every frame: the base map must follow each frame.
func BenchmarkPixelZoom10k(b *testing.B) {
	win := newWindow(b, 1280, 800)
	defer win.Destroy()
	win.SetVSync(false)
	bl, _ := newTestBuilder(b)
	snap := synthSnapshot(bl, 10000)
	f := &Frame{Snap: snap, Status: Status{Selected: -1, Legend: true}}
	r := NewPixelRenderer(bl.Fonts)
	for range 3 {
		r.Draw(win, bl.Build(f))
		win.Update()
	}
	q := bl.Main.Screen.Center()
	times := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		switch i % 4 {
		case 0:
			bl.Zoom(q, 1.02)
		case 1:
			bl.Pan(q, Vec{3, 2})
		case 2:
			bl.Zoom(q, 1/1.02)
		case 3:
			bl.Pan(q, Vec{-3, -2})
		}
		jiggle(snap, i)
		r.Draw(win, bl.Build(f))
		win.Update()
		times = append(times, time.Since(t0))
	}
	reportPercentiles(b, times)
	reportMax(b, times)
	// How often the exact base map caught up with the moving views.
	b.ReportMetric(100*float64(r.rasters)/float64(len(times)), "rasters/100frames")
}

func benchPixelFrame(b *testing.B, n int) {
	win := newWindow(b, 1280, 800)
	defer win.Destroy()
	win.SetVSync(false)
	bl, _ := newTestBuilder(b)
	snap := synthSnapshot(bl, n)
	f := &Frame{Snap: snap, Status: Status{Selected: -1, Legend: true}}
	r := NewPixelRenderer(bl.Fonts)
	for range 3 { // warm up: base map, atlases, buffers
		r.Draw(win, bl.Build(f))
		win.Update()
	}
	times := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		jiggle(snap, i)
		r.Draw(win, bl.Build(f))
		win.Update()
		times = append(times, time.Since(t0))
	}
	reportPercentiles(b, times)
}
