package viz_test

import (
	"math"
	"testing"

	"channelsim/agents"
	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/viz"
	"channelsim/world"
)

// TestPlacementOperationStack: during the July 2015 port closure the
// France-bound lorries the model puts in Operation Stack are drawn on the
// coastbound M20, and every agent the model names by place gets a position.
func TestPlacementOperationStack(t *testing.T) {
	sc, err := scenarios.Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	sc.Config.Days = 5
	m, err := sim.NewDefault(sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	m.RunUntil(2*24*60 + 12*60) // 3 July, noon: the port has been shut since 06:00 the day before
	var snap sim.Snapshot
	m.Snapshot(&snap)
	named := 0
	for _, a := range snap.Agents {
		if !a.OnMap {
			named++
		}
	}
	n := len(snap.Agents)
	viz.NewPlacement(m).Place(&snap)
	if len(snap.Agents) != n || named == 0 {
		t.Fatalf("placement kept %d of %d agents (%d named by place)", len(snap.Agents), n, named)
	}
	stack, ok := m.World.Road("m20-stack")
	if !ok {
		t.Fatal("the map has no m20-stack road")
	}
	on := 0
	for _, a := range snap.Agents {
		if math.IsNaN(a.Pos.X) || (a.Pos.X == 0 && a.Pos.Y == 0) {
			t.Fatalf("%s %d (%s at %q) has no position", a.Kind, a.ID, a.State, a.Place)
		}
		if a.Kind == agents.KindLorry && a.Flags&agents.FlagStack != 0 {
			if _, off := stack.Locate(a.Pos); off < 1 {
				on++
			}
		}
	}
	if on < 100 {
		t.Errorf("%d France-bound lorries drawn on the M20 during the closure, want a stack of hundreds", on)
	}
}

// TestPlacementParkedAtSites: a lorry the model holds at a place that is a
// site of the map (the Transmarck truck stop, the A26 rest areas) is drawn
// around that site, each at its own point, the same from one frame to the
// next; a lorry at a route's site ("port", "tunnel") is laid out by its
// state as before.
func TestPlacementParkedAtSites(t *testing.T) {
	sc, err := scenarios.Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	sc.Config.Days = 1
	m, err := sim.NewDefault(sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	pos := func(id string) world.Point {
		s, ok := m.World.Site(id)
		if !ok {
			t.Fatalf("no site %s", id)
		}
		return s.Pos
	}
	var in []agents.View
	for i := range 20 {
		in = append(in, agents.View{Kind: agents.KindLorry, ID: uint64(i), State: "parked", Place: "services-a26", Rank: -1, Index: int32(i)})
	}
	for k := range 5 {
		in = append(in, agents.View{Kind: agents.KindLorry, ID: uint64(100 + k), State: "parked", Place: "lorry-park", Rank: k})
	}
	in = append(in, agents.View{Kind: agents.KindLorry, ID: 200, State: "check_in", Place: "port", Rank: -1},
		agents.View{Kind: agents.KindLorry, ID: 201, State: "uk_control", Place: "tunnel", Rank: -1})
	place := func() []agents.View {
		snap := sim.Snapshot{Agents: append([]agents.View(nil), in...)}
		viz.NewPlacement(m).Place(&snap)
		if len(snap.Agents) != len(in) {
			t.Fatalf("placed %d of %d lorries", len(snap.Agents), len(in))
		}
		return snap.Agents
	}
	got := place()
	for i, site := range map[int]string{0: "services-a26", 20: "lorry-park"} {
		n := 20
		if site == "lorry-park" {
			n = 5
		}
		c := pos(site)
		var mean world.Point
		for _, a := range got[i : i+n] {
			if d := world.Dist(a.Pos, c); d > 100 {
				t.Errorf("lorry %d parked at %s drawn %.0f m from it", a.ID, site, d)
			}
			mean.X += a.Pos.X / float64(n)
			mean.Y += a.Pos.Y / float64(n)
			for _, b := range got[i : i+n] {
				if b.ID != a.ID && world.Dist(a.Pos, b.Pos) < 10 {
					t.Errorf("lorries %d and %d parked at %s drawn %.1f m apart", a.ID, b.ID, site, world.Dist(a.Pos, b.Pos))
				}
			}
		}
		// Spread around the site, not to one side of it.
		if d := world.Dist(mean, c); d > 25 {
			t.Errorf("the lorries at %s are centred %.0f m from it", site, d)
		}
	}
	if d := world.Dist(got[25].Pos, pos("calais-port-checkin")); d > 1 {
		t.Errorf("lorry checking in at the port drawn %.0f m from the check-in", d)
	}
	if d := world.Dist(got[26].Pos, pos("coquelles-uk-booths")); d > 1 {
		t.Errorf("lorry at the tunnel's UK control drawn %.0f m from the booths", d)
	}
	again := place()
	for i := range got {
		if got[i].Pos != again[i].Pos {
			t.Errorf("lorry %d drawn at %v, then at %v", got[i].ID, got[i].Pos, again[i].Pos)
		}
	}
}

// TestPlacementBeach: the people the model has on the beach waiting for
// the small boats are drawn around the launch points in use, shared in
// proportion to the smugglers' weights (3 : 2 : 2 in February 2019, when
// Dunkirk, Gravelines and the beaches south of Boulogne were not yet used),
// each at the same point from one frame to the next; before any launch
// point is in use they are not drawn.
func TestPlacementBeach(t *testing.T) {
	sc, err := scenarios.Load("baseline-2018-2024")
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.NewDefault(sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	at, _ := viz.ParseInstant("2019-02-13T01:00")
	tm, err := viz.MinuteOf(m, at)
	if err != nil {
		t.Fatal(err)
	}
	const n = 7000
	snap := func(t float64) *sim.Snapshot {
		s := &sim.Snapshot{T: t}
		for i := range n {
			s.Agents = append(s.Agents, agents.View{Kind: agents.KindMigrant, ID: uint64(i + 1), State: "out_tonight", Place: "beach", Rank: i})
		}
		return s
	}
	p := viz.NewPlacement(m)
	s := snap(tm)
	p.Place(s)
	if len(s.Agents) != n {
		t.Fatalf("%d of %d people on the beach placed", len(s.Agents), n)
	}
	share := map[string]int{}
	for _, a := range s.Agents {
		best, bd := "", math.Inf(1)
		for _, site := range m.World.SitesOfKind("launch") {
			if d := world.Dist(a.Pos, site.Pos); d < bd {
				best, bd = site.ID, d
			}
		}
		if bd > 1500 {
			t.Fatalf("person %d drawn %.0f m from the nearest launch point", a.ID, bd)
		}
		share[best]++
	}
	for id, w := range map[string]float64{"launch-wissant-gris-nez": 3, "launch-calais-sangatte": 2, "launch-wimereux-boulogne": 2} {
		if got := float64(share[id]) / n; math.Abs(got-w/7) > 0.03 {
			t.Errorf("%s has %.2f of the beach, want %.2f", id, got, w/7)
		}
	}
	if len(share) != 3 {
		t.Errorf("people drawn at %v, want the three launch points in use", share)
	}
	again := snap(tm)
	p.Place(again)
	for i := range again.Agents {
		if again.Agents[i].Pos != s.Agents[i].Pos {
			t.Fatalf("person %d moved between frames", i)
		}
	}
	early := snap(0) // 1 January 2018: no launch point in use yet
	p.Place(early)
	if len(early.Agents) != 0 {
		t.Errorf("%d people placed on the beach before any launch point is used", len(early.Agents))
	}
}
