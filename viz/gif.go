package viz

import (
	"image"
	"image/color/palette"
	"runtime"
	"sync"

	"channelsim/internal/worker"
)

// GIFQuantiser converts frames to the Plan 9 palette (256 colours spread
// over the RGB cube) with Floyd–Steinberg dithering, which keeps the pale
// map colours smooth, on other goroutines while the next frames are
// simulated and drawn. At most one frame per CPU waits or is converted at
// a time, each in a buffer of its own.
type GIFQuantiser struct {
	q      *Quantiser
	out    []*image.Paletted
	panics []*worker.Panic
	free   chan *image.RGBA
	wg     sync.WaitGroup
}

func NewGIFQuantiser(frames int, rect image.Rectangle) *GIFQuantiser {
	g := &GIFQuantiser{q: NewQuantiser(palette.Plan9), out: make([]*image.Paletted, frames), panics: make([]*worker.Panic, frames)}
	n := runtime.GOMAXPROCS(0)
	g.free = make(chan *image.RGBA, n)
	for range n {
		g.free <- image.NewRGBA(rect)
	}
	return g
}

// Add converts a copy of frame i; img may be drawn over as soon as add
// returns.
func (g *GIFQuantiser) Add(i int, img *image.RGBA) {
	buf := <-g.free
	copy(buf.Pix, img.Pix)
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer func() { g.free <- buf }()
		defer worker.Recover(&g.panics[i])
		g.out[i] = g.q.Quantise(buf)
	}()
}

// Wait returns the converted frames in order once all are done; a
// conversion's panic is raised again here, to be reported at the top.
func (g *GIFQuantiser) Wait() []*image.Paletted {
	g.wg.Wait()
	for _, p := range g.panics {
		if p != nil {
			panic(p)
		}
	}
	return g.out
}
