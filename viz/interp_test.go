package viz

import (
	"testing"
	"time"

	"channelsim/sim"
	"channelsim/world"
)

func TestLerp(t *testing.T) {
	t0 := time.Date(2015, 7, 2, 21, 0, 0, 0, time.UTC)
	a := &sim.Snapshot{T: 100, Time: t0, Agents: []sim.AgentView{
		{Kind: sim.KindLorry, ID: 1, Pos: world.Point{X: 0, Y: 0}},
		{Kind: sim.KindLorry, ID: 2, Pos: world.Point{X: 0, Y: 0}},
		{Kind: sim.KindMigrant, ID: 1, Pos: world.Point{X: 100, Y: 100}},
	}}
	b := &sim.Snapshot{T: 110, Time: t0.Add(10 * time.Minute), Agents: []sim.AgentView{
		{Kind: sim.KindMigrant, ID: 1, Pos: world.Point{X: 300, Y: 100}},
		{Kind: sim.KindLorry, ID: 1, Pos: world.Point{X: 1000, Y: -500}},
		{Kind: sim.KindLorry, ID: 2, Pos: world.Point{X: 9000, Y: 0}}, // loaded on a vessel: a jump
		{Kind: sim.KindLorry, ID: 3, Pos: world.Point{X: 50, Y: 50}},  // new
	}}
	var ip Interpolator
	var dst sim.Snapshot
	ip.Lerp(&dst, a, b, 0.25)
	if dst.T != 102.5 || !dst.Time.Equal(t0.Add(150*time.Second)) {
		t.Errorf("clock %g %v, want 102.5 and 21:02:30", dst.T, dst.Time)
	}
	want := map[[2]uint64]world.Point{
		{uint64(sim.KindMigrant), 1}: {X: 150, Y: 100},
		{uint64(sim.KindLorry), 1}:   {X: 250, Y: -125},
		{uint64(sim.KindLorry), 2}:   {X: 9000, Y: 0},
		{uint64(sim.KindLorry), 3}:   {X: 50, Y: 50},
	}
	if len(dst.Agents) != len(want) {
		t.Fatalf("%d agents, want %d", len(dst.Agents), len(want))
	}
	for _, ag := range dst.Agents {
		if w := want[[2]uint64{uint64(ag.Kind), ag.ID}]; ag.Pos != w {
			t.Errorf("%s %d at %v, want %v", ag.Kind, ag.ID, ag.Pos, w)
		}
	}
	// b is unchanged, and f = 1 is b.
	if b.Agents[1].Pos != (world.Point{X: 1000, Y: -500}) {
		t.Errorf("Lerp changed its input")
	}
	ip.Lerp(&dst, a, b, 1)
	for i := range dst.Agents {
		if dst.Agents[i].Pos != b.Agents[i].Pos {
			t.Errorf("f = 1: agent %d at %v, want b's %v", i, dst.Agents[i].Pos, b.Agents[i].Pos)
		}
	}
}

func TestDarkness(t *testing.T) {
	for _, c := range []struct {
		hhmm string
		want float64
	}{{"12:00", 0}, {"20:59", 0}, {"21:30", 0.5}, {"22:00", 1}, {"03:00", 1}, {"06:30", 0.5}, {"07:00", 0}} {
		at, err := ParseInstant("2015-07-02T" + c.hhmm)
		if err != nil {
			t.Fatal(err)
		}
		if got := Darkness(at); !near(got, c.want, 1e-9) {
			t.Errorf("%s: darkness %g, want %g", c.hhmm, got, c.want)
		}
	}
}

func TestParseInstant(t *testing.T) {
	at, err := ParseInstant("2015-07-15T22:00")
	if err != nil {
		t.Fatal(err)
	}
	// French summer time is UTC+2.
	if want := time.Date(2015, 7, 15, 20, 0, 0, 0, time.UTC); !at.Equal(want) {
		t.Errorf("got %v, want %v", at.UTC(), want)
	}
	for _, bad := range []string{"", "15/07/2015", "2015-07-15T25:00", "2015-7-15"} {
		if _, err := ParseInstant(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
