package viz_test

import (
	"math"
	"testing"

	"channelsim/agents"
	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/viz"
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
