package sim_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"channelsim/agents"
	"channelsim/sim"
)

// TestChunkedRunIsTheSameRun: advancing the model in small steps and
// taking snapshots (as the viewer does) gives the same outputs as one
// headless run with the same seed.
func TestChunkedRunIsTheSameRun(t *testing.T) {
	a := run(t, load(t, "baseline-2015", 5))
	m, err := sim.NewDefault(load(t, "baseline-2015", 5))
	if err != nil {
		t.Fatal(err)
	}
	var snap sim.Snapshot
	for tm := 0.0; !m.Done(); tm += 37 {
		m.RunUntil(tm)
		m.Snapshot(&snap)
	}
	sa, _ := json.Marshal(a.Summary())
	sb, _ := json.Marshal(m.Summary())
	if !bytes.Equal(sa, sb) {
		t.Errorf("stepped run differs from the headless run:\n%s\n%s", sa, sb)
	}
}

// TestLivePolicyChanges: changes apply from the instant they are made and
// are logged.
func TestLivePolicyChanges(t *testing.T) {
	m, err := sim.NewDefault(load(t, "baseline-2015", 20))
	if err != nil {
		t.Fatal(err)
	}
	m.RunUntil(3 * 24 * 60)
	if m.XrayForPeople() {
		t.Fatal("X-ray for people is on in the 2015 baseline")
	}
	m.SetXrayForPeople(true)
	m.SetSearchShare(1)
	m.SetEscortStaff(m.EscortStaff() + 50)
	if !m.XrayForPeople() || m.SearchShare() != 1 {
		t.Fatal("changes did not take")
	}
	m.Run()
	log := m.PolicyLog()
	if len(log) != 3 || log[0].Min != 3*24*60 || log[0].What != "xray_for_people" {
		t.Errorf("policy log %+v", log)
	}
	v, _ := m.Summary().Get("searches_by_method")
	if v.(map[string]int64)["gamma"] == 0 {
		t.Error("after lifting the ban no gamma scan looked for people")
	}
}

// TestOperationStackOnTheM20: during the July 2015 port closure France-bound
// lorries back up beyond the UK terminal's holding capacity and stand on the
// M20 (Operation Stack), each ranked in the stack.
func TestOperationStackOnTheM20(t *testing.T) {
	m, err := sim.NewDefault(load(t, "baseline-2015", 5))
	if err != nil {
		t.Fatal(err)
	}
	m.RunUntil(2*24*60 + 12*60) // 3 July, noon: the port has been shut since 06:00 the day before
	var snap sim.Snapshot
	m.Snapshot(&snap)
	on := 0
	for _, a := range snap.Agents {
		if a.Kind == agents.KindLorry && a.Flags&agents.FlagStack != 0 {
			if a.Flags&agents.FlagFranceBound == 0 || a.State != "kent_queue" {
				t.Fatalf("lorry %d in the stack is %s, flags %b", a.ID, a.State, a.Flags)
			}
			on++
		}
	}
	if on < 100 {
		t.Errorf("%d France-bound lorries on the M20 during the closure, want a stack of hundreds", on)
	}
}
