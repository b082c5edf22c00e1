package viz_test

import (
	"image"
	"testing"

	"channelsim/agents"
	"channelsim/viz"
	"channelsim/viz/viztest"
	"channelsim/world"
)

// TestRenderStrait: a frame of baseline-2018-2024 at 05:00 on 4 April
// 2019, a night of five launches (one stopped) with a calm sea after it, drawn as channelsim render draws it: the Strait
// view has every boat the model has at sea in the boats' colour, where the
// model puts it, on the night's sea.
func TestRenderStrait(t *testing.T) {
	m, f := viztest.RunScenarioTo(t, "baseline-2018-2024", "2019-04-04T05:00")
	if !f.Boats.On || len(f.Boats.Launches) == 0 {
		t.Fatalf("frame of a run with boats: %+v", f.Boats)
	}
	b, err := viz.NewBuilder(m.World, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	viz.NewImageRenderer(b.Fonts).Render(img, b.Build(f))
	fill := viz.DefaultStyles().ByKind[agents.KindBoat].BoatVariants[0].Fill
	boats, drawn := 0, 0
	for _, a := range f.Snap.Agents {
		if a.Kind != agents.KindBoat {
			continue
		}
		boats++
		q := b.Strait.ToScreen(a.Pos)
		if !b.Strait.Screen.Contains(q) {
			t.Errorf("boat %d at %v, outside the Strait view", a.ID, q)
			continue
		}
	near:
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if img.RGBAAt(int(q.X)+dx, int(q.Y)+dy) == fill {
					drawn++
					break near
				}
			}
		}
	}
	t.Logf("%d boats at sea, %d drawn in their colour", boats, drawn)
	if boats < 3 {
		t.Fatalf("%d boats at sea at 05:00 on a night of five launches", boats)
	}
	if drawn < boats-1 { // one may be under another, or a ferry
		t.Errorf("%d of %d boats drawn in the boats' colour", drawn, boats)
	}
	// Mid-Channel off Boulogne: the sea, shaded by the night, not tinted
	// (the sea was calm enough).
	sea := b.Strait.ToScreen(world.Project(world.LatLon{Lat: 50.75, Lon: 1.2}))
	if c := img.RGBAAt(int(sea.X), int(sea.Y)); !(c.B > c.R+30) || !f.Boats.Calm {
		t.Errorf("the Strait's sea drawn %v on a calm night (calm %v), want the night's blue", c, f.Boats.Calm)
	}
}
