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

// TestLiveLeverDuringSurge: a user who lowers the control intensity during
// the post-Paris surge keeps the lower base level; the surge stays an
// offset on top of it that decays, and is reported apart.
func TestLiveLeverDuringSurge(t *testing.T) {
	cfg := load(t, "surge-after-paris", 240)
	m, err := sim.NewDefault(cfg)
	if err != nil {
		t.Fatal(err)
	}
	shock := m.Cal.Local(cfg.Controls.Surges[0].From, 0)
	m.RunUntil(shock + 2*24*60) // two days into the surge
	if base, surge := m.SearchShareBase(), m.SurgeOffset(); base != cfg.Controls.SearchShare || surge <= 0.2 {
		t.Fatalf("two days into the surge: base %v, surge %v; want %v and a surge above 0.2", base, surge, cfg.Controls.SearchShare)
	}
	m.SetSearchShare(0.05)
	if got := m.SearchShareBase(); got != 0.05 {
		t.Fatalf("base after the lever: %v, want 0.05", got)
	}
	m.RunUntil(shock + 3*24*60) // a day later: the next surge step has run
	if got := m.SearchShareBase(); got != 0.05 {
		t.Errorf("a day after the lever the base is %v: the surge step undid the user's 0.05", got)
	}
	if got := m.SearchShare(); got > 0.05+m.SurgeOffset()+1e-12 || m.SurgeOffset() <= 0 {
		t.Errorf("in force %v, want base 0.05 + surge %v", got, m.SurgeOffset())
	}
	m.RunUntil(shock + 80*24*60) // the surge has decayed to nothing
	if got := m.SearchShare(); got != 0.05 || m.SurgeOffset() != 0 {
		t.Errorf("after the surge: in force %v (surge %v), want the user's 0.05", got, m.SurgeOffset())
	}
	if log := m.PolicyLog(); len(log) != 1 || log[0].To != 0.05 {
		t.Errorf("policy log %+v", log)
	}
}
