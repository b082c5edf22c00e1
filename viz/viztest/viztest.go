// Package viztest holds checks shared by the tests of package viz and of
// the viewer: what a frame of the border system must show, whichever
// backend drew it.
package viztest

import (
	"image"
	"image/color"
	"math"
	"testing"

	"channelsim/agents"
	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/viz"
	"channelsim/world"
)

// CheckFramePixels checks a daytime frame of the default layout drawn by
// any backend: sea and land colours where the Natural Earth map has sea
// and land in both views, and lorry colours on the A16 near Calais.
func CheckFramePixels(t testing.TB, img *image.RGBA, b *viz.Builder, w *world.World, snap *sim.Snapshot) {
	t.Helper()
	sea := world.Project(world.LatLon{Lat: 50.985, Lon: 1.80})  // off Sangatte
	land := world.Project(world.LatLon{Lat: 50.925, Lon: 1.90}) // farmland south of Calais
	if w.OnLand(sea) || !w.OnLand(land) {
		t.Fatalf("test points: sea on land %v, land on land %v", w.OnLand(sea), w.OnLand(land))
	}
	if got := pixelAt(img, b.Main.ToScreen(sea)); got != viz.ColSea {
		t.Errorf("sea point drawn %v, want the sea colour %v", got, viz.ColSea)
	}
	if got := pixelAt(img, b.Main.ToScreen(land)); got != viz.ColLand {
		t.Errorf("land point drawn %v, want the land colour %v", got, viz.ColLand)
	}
	// The UK view too: the Thames estuary and the Weald.
	ukSea := world.Project(world.LatLon{Lat: 51.15, Lon: 1.40})
	ukLand := world.Project(world.LatLon{Lat: 51.20, Lon: 0.40})
	if got := pixelAt(img, b.Inset.ToScreen(ukSea)); got != viz.ColSea {
		t.Errorf("UK view sea point drawn %v, want %v", got, viz.ColSea)
	}
	if got := pixelAt(img, b.Inset.ToScreen(ukLand)); got != viz.ColLand {
		t.Errorf("UK view land point drawn %v, want %v", got, viz.ColLand)
	}

	// Lorries on the A16 in the Calais view: moving or queued.
	a16, _ := w.Road("a16-south")
	lorry := map[color.RGBA]bool{}
	for _, st := range viz.DefaultStyles().ByKind[agents.KindLorry].Variants {
		lorry[st.Fill] = true
	}
	var on, hit int
	for _, a := range snap.Agents {
		if a.Kind != agents.KindLorry || (a.State != "approaching" && a.State != "held") || !b.Main.Visible(a.Pos, -10) {
			continue
		}
		if distToRoad(a.Pos, a16) > 30 {
			continue
		}
		on++
		if lorry[pixelAt(img, b.Main.ToScreen(a.Pos))] {
			hit++
		}
	}
	if on < 5 {
		t.Fatalf("only %d lorries on the A16 in view at 11:00 on a weekday", on)
	}
	// A label or another agent may cover a few of them.
	if hit < on*8/10 {
		t.Errorf("%d of %d lorries on the A16 drawn in a lorry colour", hit, on)
	}
	// And the road itself is there, away from the lorries.
	roads := 0
	for _, p := range a16.Points {
		if b.Main.Visible(p, -10) {
			if c := pixelAt(img, b.Main.ToScreen(p)); c == viz.ColRoad || lorry[c] {
				roads++
			}
		}
	}
	if roads < 3 {
		t.Errorf("only %d A16 vertices drawn in road or lorry colours", roads)
	}
}

func distToRoad(p world.Point, r *world.Road) float64 {
	best := 1e18
	for i := 0; i+1 < len(r.Points); i++ {
		a, b := r.Points[i], r.Points[i+1]
		dx, dy := b.X-a.X, b.Y-a.Y
		u := ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / (dx*dx + dy*dy)
		u = max(0, min(1, u))
		ex, ey := a.X+u*dx-p.X, a.Y+u*dy-p.Y
		best = min(best, ex*ex+ey*ey)
	}
	return math.Sqrt(best)
}

func pixelAt(img *image.RGBA, p viz.Vec) color.RGBA {
	return img.RGBAAt(int(p.X), int(p.Y))
}

// RunTo runs the baseline scenario to a French local instant, such as
// 2015-07-15T11:00, and captures a frame there.
func RunTo(t testing.TB, at string) (*sim.Model, *viz.Frame) {
	t.Helper()
	return RunScenarioTo(t, scenarios.Default, at)
}

// RunScenarioTo runs an embedded scenario (or a scenario file) to a
// French local instant and captures a frame there.
func RunScenarioTo(t testing.TB, scenario, at string) (*sim.Model, *viz.Frame) {
	t.Helper()
	m, tm := ModelAt(t, scenario, at)
	m.RunUntil(tm)
	f := &viz.Frame{Status: viz.Status{Selected: -1}}
	if err := viz.Capture(m, f); err != nil {
		t.Fatal(err)
	}
	return m, f
}

// Model builds an embedded scenario's model (or a scenario file's), not
// yet run.
func Model(t testing.TB, scenario string) *sim.Model {
	t.Helper()
	sc, err := scenarios.Load(scenario)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.NewDefault(sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// ModelAt builds an embedded scenario's model (or a scenario file's) and
// returns it, not yet run, with the simulated minute of a French local
// instant.
func ModelAt(t testing.TB, scenario, at string) (*sim.Model, float64) {
	t.Helper()
	m := Model(t, scenario)
	when, err := viz.ParseInstant(at)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := viz.MinuteOf(m, when)
	if err != nil {
		t.Fatal(err)
	}
	return m, tm
}
