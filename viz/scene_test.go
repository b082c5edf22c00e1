package viz

import (
	"image/color"
	"math"
	"slices"
	"testing"
	"time"

	"channelsim/agents"
	"channelsim/sim"
	"channelsim/world"
)

func newTestBuilder(t testing.TB) (*Builder, *world.World) {
	t.Helper()
	w, err := world.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(w, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	return b, w
}

func sitePos(t testing.TB, w *world.World, id string) world.Point {
	t.Helper()
	s, ok := w.Site(id)
	if !ok {
		t.Fatalf("no site %s", id)
	}
	return s.Pos
}

// layer returns the scene's layers of that name.
func layers(sc *Scene, name string) []*Layer {
	var out []*Layer
	for _, l := range sc.Layers {
		if l.Name == name {
			out = append(out, l)
		}
	}
	return out
}

func TestSceneAgentsInTheRightView(t *testing.T) {
	b, w := newTestBuilder(t)
	snap := &sim.Snapshot{Time: time.Date(2015, 7, 15, 10, 0, 0, 0, time.UTC), Agents: []agents.View{
		{Kind: agents.KindLorry, ID: 1, State: "held", Pos: sitePos(t, w, "spot-a16")},
		{Kind: agents.KindLorry, ID: 2, State: "kent_queue", Flags: agents.FlagFranceBound, Pos: sitePos(t, w, "folkestone-terminal")},
		{Kind: agents.KindMigrant, ID: 3, State: "in_camp", Pos: sitePos(t, w, "camp")},
		{Kind: agents.Kind(200), ID: 4, State: "new", Pos: sitePos(t, w, "calais-port-checkin")},
	}}
	sc := b.Build(&Frame{Snap: snap, Status: Status{Selected: -1}})
	ag := layers(sc, "agents")
	if len(ag) != 3 {
		t.Fatalf("%d agent layers, want 3 (Calais, UK, coast)", len(ag))
	}
	calais, uk, coast := ag[0], ag[1], ag[2]
	if calais.Clip != b.Main.Screen || uk.Clip != b.Inset.Screen || coast.Clip != b.Coast.Screen {
		t.Errorf("agent layers clip to %v, %v and %v, want the three views", calais.Clip, uk.Clip, coast.Clip)
	}
	// The coast inset draws only what the Calais view does not.
	if len(calais.Markers) != 3 || len(uk.Markers) != 1 || len(coast.Markers) != 0 {
		t.Fatalf("%d markers in the Calais view, %d in the UK view and %d in the coast view, want 3, 1 and 0", len(calais.Markers), len(uk.Markers), len(coast.Markers))
	}
	st := DefaultStyles()
	for i, c := range []struct {
		m    Marker
		at   world.Point
		v    View
		fill color.RGBA
	}{
		{calais.Markers[0], snap.Agents[0].Pos, b.Main, st.ByKind[agents.KindLorry].Variants[lorryQueued].Fill},
		{calais.Markers[1], snap.Agents[2].Pos, b.Main, st.ByKind[agents.KindMigrant].Variants[0].Fill},
		{calais.Markers[2], snap.Agents[3].Pos, b.Main, st.Unknown.Fill},
		{uk.Markers[0], snap.Agents[1].Pos, b.Inset, st.ByKind[agents.KindLorry].Variants[lorryFranceBound].Fill},
	} {
		if want := c.v.ToScreen(c.at); c.m.At != want {
			t.Errorf("%d: marker at %v, want %v", i, c.m.At, want)
		}
		if !c.v.Screen.Contains(c.m.At) {
			t.Errorf("%d: marker at %v outside its view %v", i, c.m.At, c.v.Screen)
		}
		if c.m.Fill != c.fill {
			t.Errorf("%d: fill %v, want %v", i, c.m.Fill, c.fill)
		}
	}
	// The A16 boarding spot is in the left half of the Calais view (west
	// of the port), the camp in its upper half (by the coast).
	if m := calais.Markers[0].At; m.X > b.Main.Screen.Center().X {
		t.Errorf("A16 lorry at %v, want the west half of the Calais view", m)
	}
	if m := calais.Markers[1].At; m.Y > b.Main.Screen.Center().Y {
		t.Errorf("camp at %v, want the north half of the Calais view", m)
	}
	// Clicking the lorry picks it.
	if got := b.Pick(calais.Markers[0].At.Add(Vec{2, 1})); got != 0 {
		t.Errorf("Pick near the lorry = %d, want 0", got)
	}
	if got := b.Pick(Vec{5, 5}); got != -1 {
		t.Errorf("Pick on empty map = %d, want −1", got)
	}
}

func TestSceneNightShading(t *testing.T) {
	b, _ := newTestBuilder(t)
	for _, c := range []struct {
		at    string
		night bool
	}{{"2015-07-02T23:00", true}, {"2015-07-02T12:00", false}} {
		at, _ := ParseInstant(c.at)
		sc := b.Build(&Frame{Snap: &sim.Snapshot{Time: at}, Status: Status{Selected: -1}})
		for i, l := range layers(sc, "agents") {
			// The shade covers the view but for the coast inset over
			// the Calais view's corner, which shades itself: once.
			area := l.Clip.W() * l.Clip.H()
			if i == int(viewCalais) {
				area -= b.Coast.Screen.W() * b.Coast.Screen.H()
			}
			shaded := 0.0
			for _, r := range l.Rects {
				shaded += r.R.W() * r.R.H()
				if i == int(viewCalais) && !r.R.Intersect(b.Coast.Screen).Empty() {
					t.Errorf("%s: the Calais view shades %v, over the coast inset", c.at, r.R)
				}
			}
			if got := len(l.Rects) > 0 && math.Abs(shaded-area) < 1; got != c.night {
				t.Errorf("%s: view %d: night shade %v (%.0f of %.0f px²), want %v", c.at, i, got, shaded, area, c.night)
			}
		}
	}
}

func TestSceneStaticLayersAreCached(t *testing.T) {
	b, _ := newTestBuilder(t)
	f := &Frame{Snap: &sim.Snapshot{}, Status: Status{Selected: -1}}
	k0 := b.StaticKey()
	s1 := layers(b.Build(f), "map")
	s2 := layers(b.Build(f), "map")
	if len(s1) != 3 || s1[0] != s2[0] || !s1[0].Static {
		t.Fatalf("static map layers rebuilt between frames with the same views")
	}
	b.Zoom(b.Main.Screen.Center(), 2)
	if b.StaticKey() == k0 {
		t.Errorf("zoom did not change the static key")
	}
	s3 := layers(b.Build(f), "map")
	if s3[0] == s1[0] || s3[0].Key != b.StaticKey() {
		t.Errorf("static layers not rebuilt after a zoom")
	}
	// Zooming over the side panel changes nothing.
	k := b.StaticKey()
	b.Zoom(b.Layout.Charts.Center(), 2)
	if b.StaticKey() != k {
		t.Errorf("zoom over the charts changed a view")
	}
}

func TestSceneLabels(t *testing.T) {
	b, _ := newTestBuilder(t)
	sc := b.Build(&Frame{Snap: &sim.Snapshot{}, Status: Status{Selected: -1}})
	lab := layers(sc, "labels")
	has := func(l *Layer, s string) bool {
		for _, t := range l.Texts {
			if t.S == s {
				return true
			}
		}
		return false
	}
	for _, s := range []string{"The Jungle (camp)", "Eurotunnel check-in", "A16"} {
		if !has(lab[0], s) {
			t.Errorf("Calais view has no label %q", s)
		}
	}
	for _, s := range []string{"Heathrow", "Gatwick", "London"} {
		if !has(lab[1], s) {
			t.Errorf("UK view has no label %q", s)
		}
	}
	// The coast inset names the crossings' sites and the towns; the rest
	// area's label is its count, written every frame.
	for _, s := range []string{"Port", "Eurotunnel", "Dunkerque"} {
		if !has(lab[viewCoast], s) {
			t.Errorf("coast view has no label %q", s)
		}
	}
	if has(lab[viewCalais], "A26 services") || has(lab[viewCoast], "A26 services") || len(b.counts) != 2 {
		t.Errorf("the A26 services have a static label, or %d places for a count (want 2, one a rest area)", len(b.counts))
	}
	// Placed labels do not overlap.
	for _, l := range lab {
		var boxes []Rect
		for _, tx := range l.Texts {
			w, h := b.Fonts.Width(tx.Size, tx.S), b.Fonts.Ascent(tx.Size)
			r := R(tx.At.X, tx.At.Y-h, tx.At.X+w, tx.At.Y)
			for _, o := range boxes {
				if !o.Intersect(r).Empty() {
					t.Errorf("label %q overlaps another", tx.S)
				}
			}
			boxes = append(boxes, r)
		}
	}
}

func TestHistoryRecent(t *testing.T) {
	h := &History{Cols: map[string][]float64{"detections": {1, 2, 3, 4, 5}}}
	vals, first := h.Recent("detections", 4, 3, map[string]float64{"detections": 9})
	if first != 2 || len(vals) != 3 || vals[0] != 3 || vals[1] != 4 || vals[2] != 9 {
		t.Errorf("Recent = %v from day %d, want [3 4 9] from day 2", vals, first)
	}
	vals, first = (*History)(nil).Recent("x", 1, 5, nil)
	if first != 0 || len(vals) != 2 {
		t.Errorf("nil history: %v from %d", vals, first)
	}
}

// TestParkedLorryStyle: a lorry parked for a break or the night is drawn
// unlike one waiting in a queue, unless it carries people or is going
// back to France, which matter more.
func TestParkedLorryStyle(t *testing.T) {
	st := DefaultStyles()
	lorry := st.ByKind[agents.KindLorry]
	for _, c := range []struct {
		a    agents.View
		want int
	}{
		{agents.View{Kind: agents.KindLorry, State: "parked", Place: "services-a26"}, lorryParked},
		{agents.View{Kind: agents.KindLorry, State: "held", Place: "port"}, lorryQueued},
		{agents.View{Kind: agents.KindLorry, State: "parked", Place: "lorry-park", Flags: agents.FlagPeople}, lorryPeople},
	} {
		got, _ := st.Of(&c.a)
		if got != lorry.Variants[c.want] {
			t.Errorf("%s lorry at %s (flags %b) drawn as %q, want %q", c.a.State, c.a.Place, c.a.Flags, got.Label, lorry.Variants[c.want].Label)
		}
	}
	if lorry.Variants[lorryParked].Fill == lorry.Variants[lorryQueued].Fill {
		t.Error("parked and queued lorries have the same colour")
	}
}

// TestSceneCoastInset: lorries parked at the A26 rest areas, outside the
// Calais view, are drawn in the coast inset with their number; lorries at
// the Transmarck truck stop are drawn in the Calais view, whose agents and
// labels keep off the inset over its corner.
func TestSceneCoastInset(t *testing.T) {
	b, w := newTestBuilder(t)
	var as []agents.View
	for k := range 7 {
		as = append(as, agents.View{Kind: agents.KindLorry, ID: uint64(k), State: "parked", Place: "services-a26", Pos: sunflower(sitePos(t, w, "services-a26"), k)})
	}
	for k := range 3 {
		as = append(as, agents.View{Kind: agents.KindLorry, ID: uint64(10 + k), State: "parked", Place: "lorry-park", Pos: sunflower(sitePos(t, w, "lorry-park"), k)})
	}
	// A lorry in the Calais box under the inset: drawn by the inset.
	under := b.Main.ToWorld(b.Coast.Screen.Center())
	as = append(as, agents.View{Kind: agents.KindLorry, ID: 20, State: "onward", Pos: under})
	sc := b.Build(&Frame{Snap: &sim.Snapshot{Agents: as}, Status: Status{Selected: -1}})
	ag := layers(sc, "agents")
	calais, coast := ag[viewCalais], ag[viewCoast]
	parked := DefaultStyles().ByKind[agents.KindLorry].Variants[lorryParked].Fill
	count := func(l *Layer, fill color.RGBA) int {
		n := 0
		for _, m := range l.Markers {
			if m.Fill == fill {
				n++
			}
		}
		return n
	}
	if n := count(coast, parked); n != 7 {
		t.Errorf("%d parked lorries in the coast inset, want the 7 at the A26 services", n)
	}
	if n := count(calais, parked); n != 3 {
		t.Errorf("%d parked lorries in the Calais view, want the 3 at Transmarck", n)
	}
	if len(coast.Markers) != 8 {
		t.Errorf("%d markers in the coast inset, want 8 (7 parked, 1 under the inset)", len(coast.Markers))
	}
	for _, m := range calais.Markers {
		if b.Coast.Screen.Inset(-m.Size / 2).Contains(m.At) {
			t.Errorf("Calais view marker at %v over the coast inset %v", m.At, b.Coast.Screen)
		}
	}
	var texts []string
	for _, l := range layers(sc, "counts") {
		for _, tx := range l.Texts {
			texts = append(texts, tx.S)
			if !b.Coast.Screen.Contains(tx.At) {
				t.Errorf("count %q at %v, outside the coast inset", tx.S, tx.At)
			}
		}
	}
	// One count per rest area of the map, the empty ones too.
	if want := []string{"A26 services: 7/20 lorries", "Grande-Synthe: 0/11 lorries"}; !slices.Equal(texts, want) {
		t.Errorf("coast inset counts %q, want %q", texts, want)
	}
	for _, tx := range layers(sc, "labels")[viewCalais].Texts {
		if !R(tx.At.X, tx.At.Y-1, tx.At.X+1, tx.At.Y).Intersect(b.Coast.Screen).Empty() {
			t.Errorf("Calais label %q at %v, over the coast inset", tx.S, tx.At)
		}
	}
	// The mouse over the inset zooms the inset, not the Calais view.
	main := b.Main
	if b.ViewAt(b.Coast.Screen.Center()) != &b.Coast {
		t.Error("ViewAt over the coast inset is not the coast view")
	}
	b.Zoom(b.Coast.Screen.Center(), 2)
	if b.Main != main || b.Coast.MPerPx >= b.fit[viewCoast] {
		t.Error("zooming over the coast inset did not zoom the inset alone")
	}
}
