package viz

import (
	"image"
	"image/color"
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
