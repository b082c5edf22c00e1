package viz

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"channelsim/agents"
	"channelsim/sim"
	"channelsim/world"
)

// synthSnapshot returns a daytime snapshot of n agents, all in the Calais
// view: 60 % lorries (every state), 35 % migrants, 5 % officers, spread over
// the view with a fixed seed. Benchmarks draw it as the worst case of a
// crowded frame.
func synthSnapshot(b *Builder, n int) *sim.Snapshot {
	r := rand.New(rand.NewPCG(1, 2))
	lo, hi := b.Main.WorldBounds()
	states := []string{"approaching", "held", "check_in", "searching", "kent_queue", "embarking"}
	at, _ := ParseInstant("2015-07-15T11:00")
	s := &sim.Snapshot{Time: at}
	for i := range n {
		a := agents.View{ID: uint64(i), Pos: world.Point{X: lo.X + r.Float64()*(hi.X-lo.X), Y: lo.Y + r.Float64()*(hi.Y-lo.Y)}, Heading: r.Float64() * 2 * math.Pi}
		switch u := r.Float64(); {
		case u < 0.6:
			a.Kind, a.State = agents.KindLorry, states[r.IntN(len(states))]
			if r.IntN(20) == 0 {
				a.Flags |= agents.FlagPeople
			}
		case u < 0.95:
			a.Kind, a.State = agents.KindMigrant, "in_camp"
		default:
			a.Kind, a.State = agents.KindOfficer, "booth"
		}
		s.Agents = append(s.Agents, a)
	}
	return s
}

// reportMax reports the longest frame, in milliseconds.
func reportMax(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	b.ReportMetric(float64(slices.Max(d).Microseconds())/1000, "max-ms")
}

// jiggle moves every agent a little, as between two frames.
func jiggle(s *sim.Snapshot, k int) {
	for i := range s.Agents {
		s.Agents[i].Pos.X += 3 * math.Sin(float64(k+i))
	}
}

// reportPercentiles reports frame-time percentiles in milliseconds and the
// frames per second of the median.
func reportPercentiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	q := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(1000/q(0.50), "fps-p50")
}

// BenchmarkImageFrame10k builds and draws a 1280×800 frame of 10,000
// visible agents with the pure-Go image backend (the static map cached as
// a backend would: copied from a rasterised base, not redrawn).
func BenchmarkImageFrame10k(b *testing.B) {
	bl, _ := newTestBuilder(b)
	snap := synthSnapshot(bl, 10000)
	f := &Frame{Snap: snap, Status: Status{Selected: -1, Legend: true}}
	r := NewImageRenderer(bl.Fonts)
	base := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	r.RenderLayers(base, bl.Build(f), func(l *Layer) bool { return l.Static })
	img := image.NewRGBA(base.Rect)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		jiggle(snap, i)
		sc := bl.Build(f)
		copy(img.Pix, base.Pix)
		r.RenderLayers(img, sc, func(l *Layer) bool { return !l.Static })
		times = append(times, time.Since(t0))
	}
	reportPercentiles(b, times)
}

// BenchmarkImageStaticMap rasterises the static map of both views (what
// a zoom or pan costs the window backend).
func BenchmarkImageStaticMap(b *testing.B) {
	bl, _ := newTestBuilder(b)
	f := &Frame{Snap: &sim.Snapshot{}, Status: Status{Selected: -1}}
	r := NewImageRenderer(bl.Fonts)
	img := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	for b.Loop() {
		bl.key++ // force the static layers to be rebuilt
		r.RenderLayers(img, bl.Build(f), func(l *Layer) bool { return l.Static })
	}
}

// BenchmarkImageFrameStrait builds and draws a night frame of a run with
// the small boats (boatsFrame: the Strait view, its boats, patrols and
// panel, the HUD by route), on a calm sea and on a rough one (the sea's
// tint, a polygon over the Strait view, and its crests), with the image
// backend and the static map cached.
func BenchmarkImageFrameStrait(b *testing.B) {
	for _, calm := range []bool{true, false} {
		name := map[bool]string{true: "calm", false: "rough"}[calm]
		b.Run(name, func(b *testing.B) {
			bl, w := newTestBuilder(b)
			f := boatsFrame(b, w, calm)
			r := NewImageRenderer(bl.Fonts)
			base := image.NewRGBA(image.Rect(0, 0, 1280, 800))
			r.RenderLayers(base, bl.Build(f), func(l *Layer) bool { return l.Static })
			img := image.NewRGBA(base.Rect)
			times := make([]time.Duration, 0, b.N)
			for b.Loop() {
				t0 := time.Now()
				sc := bl.Build(f)
				copy(img.Pix, base.Pix)
				r.RenderLayers(img, sc, func(l *Layer) bool { return !l.Static })
				times = append(times, time.Since(t0))
			}
			reportPercentiles(b, times)
		})
	}
}
