package viz

import (
	"math"
	"strings"
	"testing"
	"time"

	"channelsim/agents"
	"channelsim/sim"
	"channelsim/world"
)

// boatsFrame is a frame of a run with the small boats at 05:00 on a night
// of boats: a boat at sea between Wissant and Dover, another with more
// people aboard, a person on the beach at Wissant, a lorry in the Calais
// view and a ferry in the Strait, with the patrols at two launch points.
func boatsFrame(t testing.TB, w *world.World, calm bool) *Frame {
	t.Helper()
	wissant, dover := sitePos(t, w, "launch-wissant-gris-nez"), sitePos(t, w, "dover-western-docks")
	at := func(f float64) world.Point {
		return world.Point{X: wissant.X + f*(dover.X-wissant.X), Y: wissant.Y + f*(dover.Y-wissant.Y)}
	}
	heading := math.Atan2(dover.Y-wissant.Y, dover.X-wissant.X)
	snap := &sim.Snapshot{Time: time.Date(2021, 4, 5, 3, 0, 0, 0, time.UTC), Agents: []agents.View{
		{Kind: agents.KindLorry, ID: 1, State: "held", Pos: sitePos(t, w, "spot-a16")},
		{Kind: agents.KindBoat, ID: 2, State: "at_sea", OnMap: true, Pos: at(0.4), Heading: heading, Rank: 12, SinceMin: 100, Place: "sea"},
		{Kind: agents.KindBoat, ID: 3, State: "at_sea", OnMap: true, Pos: at(0.6), Heading: heading, Rank: 60, SinceMin: 150, Place: "sea"},
		{Kind: agents.KindMigrant, ID: 4, State: "out_tonight", Place: "beach", Pos: wissant},
		{Kind: agents.KindFerry, ID: 5, State: "sailing", OnMap: true, Pos: at(0.5)},
	}, Today: map[string]float64{"small_boat_arrivals": 40, "small_boats_arrived": 2, "small_boat_launches": 5,
		"small_boat_launches_prevented": 1, "small_boat_deaths": 0, "boats_in_stock": 80, "went_to_boats": 100}}
	bt := Boats{On: true, PatrolFactor: 1, Officers: 640, Supply: 1, WaveM: 0.3, MaxWaveM: 0.5, Calm: true,
		Launches: []LaunchPoint{{"launch-wissant-gris-nez", 400}, {"launch-calais-sangatte", 240}}}
	if !calm {
		bt.WaveM, bt.Calm = 1.8, false
	}
	return &Frame{Snap: snap, Boats: bt, Status: Status{Selected: -1, Legend: true}}
}

// TestSceneStraitView: a frame of a run with the small boats has the
// Strait view over the Calais view's top-left corner, which draws the
// boats at sea (larger for more people aboard), the people on the beach
// and the ferries, the launch points' patrols, and the panel of the sea,
// the patrols and the counts; the Calais view's agents stay in it.
func TestSceneStraitView(t *testing.T) {
	b, w := newTestBuilder(t)
	f := boatsFrame(t, w, true)
	sc := b.Build(f)
	ag := layers(sc, "agents")
	if len(ag) != 4 {
		t.Fatalf("%d agent layers, want 4 (Calais, UK, coast, Strait)", len(ag))
	}
	strait := ag[3]
	if strait.Clip != b.Strait.Screen || b.Strait.Screen != b.Layout.Strait || b.Strait.Screen.Min != b.Main.Screen.Min {
		t.Fatalf("Strait layer clips to %v, the view is %v; want the layout's %v at the Calais view's top left", strait.Clip, b.Strait.Screen, b.Layout.Strait)
	}
	if !b.Strait.Screen.Intersect(b.Coast.Screen).Empty() {
		t.Errorf("the Strait inset %v overlaps the coast inset %v", b.Strait.Screen, b.Coast.Screen)
	}
	st := DefaultStyles()
	boat := st.ByKind[agents.KindBoat].BoatVariants[0]
	markers := map[color4]Marker{}
	var boats []Marker
	for _, m := range strait.Markers {
		if m.Fill == boat.Fill {
			boats = append(boats, m)
		}
		markers[color4(m.Fill)] = m
	}
	if len(boats) != 2 {
		t.Fatalf("%d boats drawn in the Strait view, want 2", len(boats))
	}
	for i, m := range boats {
		if want := b.Strait.ToScreen(f.Snap.Agents[1+i].Pos); m.At != want || m.Shape != ShapeShip {
			t.Errorf("boat %d drawn at %v as shape %d, want %v as a ship", i, m.At, m.Shape, want)
		}
	}
	if !(boats[1].Size > boats[0].Size*1.3) {
		t.Errorf("the boat of 60 is drawn %.1f px long, the boat of 12 %.1f: want it clearly larger", boats[1].Size, boats[0].Size)
	}
	if _, ok := markers[color4(st.ByKind[agents.KindMigrant].BoatVariants[migrantBeach].Fill)]; !ok {
		t.Error("the person on the beach is not drawn in the Strait view")
	}
	if _, ok := markers[color4(st.ByKind[agents.KindFerry].Variants[0].Fill)]; !ok {
		t.Error("the ferry is not drawn in the Strait view")
	}
	var patrols []Marker
	for _, m := range strait.Markers {
		if m.Fill == PatrolStyle.Fill {
			patrols = append(patrols, m)
		}
	}
	if len(patrols) != 2 || !(patrols[0].Size > patrols[1].Size) {
		t.Errorf("patrols %+v, want two, the larger at Wissant (400 officers) than at Sangatte (240)", patrols)
	}
	// The lorry is the Calais view's, not the Strait's; a calm sea is
	// neither tinted nor crested.
	if n := len(ag[0].Markers); n != 1 {
		t.Errorf("%d markers in the Calais view, want the lorry", n)
	}
	if len(strait.Polys) != 0 || len(strait.Lines) != 0 {
		t.Errorf("a calm sea drawn with %d polygons and %d lines, want none", len(strait.Polys), len(strait.Lines))
	}
	panel := texts(layers(sc, "strait"))
	for _, want := range []string{"Sea 0.30 m: calm", "Beach patrols 640 officers", "On the beach 1 · at sea 2 boats, 72 aboard"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the Strait panel lacks %q:\n%s", want, panel)
		}
	}
	for _, want := range []string{"Strait: small boats", "small boat (size: people)", "beach patrol (size: officers)", "migrant waiting on the beach"} {
		if !strings.Contains(texts(layers(sc, "hud")), want) {
			t.Errorf("the overlays lack %q (view title and legend)", want)
		}
	}
	// Clicking the larger boat picks it; the Strait view zooms and pans
	// under the mouse.
	if got := b.Pick(boats[1].At); got != 2 {
		t.Errorf("Pick on the boat of 60 = %d, want 2", got)
	}
	before, main := b.Strait, b.Main
	b.Zoom(b.Strait.Screen.Center(), 2)
	if b.Strait.MPerPx >= before.MPerPx || b.Main != main {
		t.Errorf("zooming over the Strait inset: %g → %g m/px, the Calais view %v → %v", before.MPerPx, b.Strait.MPerPx, main, b.Main)
	}
}

// color4 keys markers by their fill.
type color4 struct{ R, G, B, A uint8 }

// texts returns the text of layers, a line each.
func texts(ls []*Layer) string {
	var s strings.Builder
	for _, l := range ls {
		for _, t := range l.Texts {
			s.WriteString(t.S + "\n")
		}
	}
	return s.String()
}

// TestStraitRoughSea: on a rough sea the Strait view tints the sea (a
// polygon with the land as holes) and draws wave crests, at sea only; the
// panel says that the boats do not go.
func TestStraitRoughSea(t *testing.T) {
	b, w := newTestBuilder(t)
	sc := b.Build(boatsFrame(t, w, false))
	strait := layers(sc, "agents")[3]
	if len(strait.Polys) != 1 || len(strait.Polys[0].Rings) < 2 {
		t.Fatalf("rough sea: %d polygons, want one, the sea with the land as holes", len(strait.Polys))
	}
	if len(strait.Lines) < 20 {
		t.Errorf("rough sea: %d wave crests, want many", len(strait.Lines))
	}
	for _, l := range strait.Lines {
		c := l.Pts[2] // the crest's middle
		if p := b.Strait.ToWorld(c); w.OnLand(p) {
			t.Errorf("a wave crest on land at %v", c)
		}
	}
	if panel := texts(layers(sc, "strait")); !strings.Contains(panel, "Sea 1.80 m: rough, no boats") {
		t.Errorf("rough sea's panel:\n%s", panel)
	}
}

// TestStraitOnlyWithBoats: a frame without the small boats has the
// layout, layers and legend of before (the golden frames check their
// pixels); a builder that drew a run with the boats goes back to them.
func TestStraitOnlyWithBoats(t *testing.T) {
	b, w := newTestBuilder(t)
	if l := NewLayout(1280, 800); l != NewLayoutFor(1280, 800, false) || !l.Strait.Empty() || l.HUD.H() != hudH {
		t.Errorf("layout without boats %+v", l)
	}
	with := NewLayoutFor(1280, 800, true)
	if with.Strait.Empty() || with.HUD.H() <= hudH || with.Charts.Max.Y != 800 || with.Main != NewLayout(1280, 800).Main {
		t.Errorf("layout with boats %+v", with)
	}
	legend := len(b.legendStyles())
	b.Build(boatsFrame(t, w, true))
	if got := len(b.legendStyles()); got != legend+3 {
		t.Errorf("legend of a run with boats has %d rows, want %d + 3", got, legend)
	}
	f := boatsFrame(t, w, true)
	f.Boats = Boats{}
	sc := b.Build(f)
	if n := len(layers(sc, "agents")); n != 3 || len(layers(sc, "strait")) != 0 || !b.Strait.Screen.Empty() || len(b.legendStyles()) != legend {
		t.Errorf("after a run with boats, a run without: %d agent layers, Strait view %v, %d legend rows", n, b.Strait.Screen, len(b.legendStyles()))
	}
	if b.Layout != NewLayout(1280, 800) {
		t.Errorf("layout %+v, want NewLayout's", b.Layout)
	}
}

// TestUncoveredSubtractsBothInsets: the Calais view's night shade covers
// all of it but the two insets, once.
func TestUncoveredSubtractsBothInsets(t *testing.T) {
	b, w := newTestBuilder(t)
	b.Build(boatsFrame(t, w, true))
	var area float64
	for _, r := range b.uncovered(viewCalais) {
		area += r.W() * r.H()
		if !r.Intersect(b.Strait.Screen).Empty() || !r.Intersect(b.Coast.Screen).Empty() {
			t.Errorf("shade %v over an inset", r)
		}
	}
	m, s, c := b.Main.Screen, b.Strait.Screen, b.Coast.Screen
	if want := m.W()*m.H() - s.W()*s.H() - c.W()*c.H(); math.Abs(area-want) > 0.5 {
		t.Errorf("shade covers %.0f px², want %.0f", area, want)
	}
}

// TestStraitPanelSmallFrame: in a small frame the Strait view's panel
// keeps the sea alone, in short, clear of the scale bar.
func TestStraitPanelSmallFrame(t *testing.T) {
	w, err := world.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(w, 640, 400)
	if err != nil {
		t.Fatal(err)
	}
	panel := texts(layers(b.Build(boatsFrame(t, w, true)), "strait"))
	if panel != "Sea 0.30 m: calm\n" {
		t.Errorf("the panel of a 640×400 frame:\n%s", panel)
	}
}
