package viz

import (
	"image"
	"image/color"
	"math"
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

// The image backend draws the map and the agents where they are: sea and
// land colours where the Natural Earth map has sea and land, and lorry
// colours on the A16 near Calais at a busy hour.
func TestImageBackendPixels(t *testing.T) {
	m, f := runTo(t, "2015-07-15T11:00") // daytime: no night shading
	b, err := NewBuilder(m.World, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	NewImageRenderer(b.Fonts).Render(img, b.Build(f))

	sea := world.Project(world.LatLon{Lat: 50.985, Lon: 1.80})  // off Sangatte
	land := world.Project(world.LatLon{Lat: 50.925, Lon: 1.90}) // farmland south of Calais
	if m.World.OnLand(sea) || !m.World.OnLand(land) {
		t.Fatalf("test points: sea on land %v, land on land %v", m.World.OnLand(sea), m.World.OnLand(land))
	}
	if got := pixelAt(img, b.Main.ToScreen(sea)); got != ColSea {
		t.Errorf("sea point drawn %v, want the sea colour %v", got, ColSea)
	}
	if got := pixelAt(img, b.Main.ToScreen(land)); got != ColLand {
		t.Errorf("land point drawn %v, want the land colour %v", got, ColLand)
	}
	// The UK view too: the Thames estuary and the Weald.
	ukSea := world.Project(world.LatLon{Lat: 51.15, Lon: 1.40})
	ukLand := world.Project(world.LatLon{Lat: 51.20, Lon: 0.40})
	if got := pixelAt(img, b.Inset.ToScreen(ukSea)); got != ColSea {
		t.Errorf("UK view sea point drawn %v, want %v", got, ColSea)
	}
	if got := pixelAt(img, b.Inset.ToScreen(ukLand)); got != ColLand {
		t.Errorf("UK view land point drawn %v, want %v", got, ColLand)
	}

	// Lorries on the A16 in the Calais view: moving or queued.
	a16, _ := m.World.Road("a16-south")
	lorry := map[color.RGBA]bool{}
	for _, st := range DefaultStyles().ByKind[sim.KindLorry].Variants {
		lorry[st.Fill] = true
	}
	var on, hit int
	for _, a := range f.Snap.Agents {
		if a.Kind != sim.KindLorry || (a.State != "approaching" && a.State != "held") || !b.Main.Visible(a.Pos, -10) {
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
			if c := pixelAt(img, b.Main.ToScreen(p)); c == ColRoad || lorry[c] {
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
	return sqrt(best)
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

func sqrt(x float64) float64 { return math.Sqrt(x) }
