package viz

import (
	"encoding/json"
	"testing"

	"channelsim/scenarios"
	"channelsim/sim"
)

func newModel(t testing.TB) *sim.Model {
	t.Helper()
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.NewDefault(sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Watching a run in the viewer (irregular advances, a snapshot after each)
// gives the headless run with the same seed.
func TestDriverIsTheHeadlessRun(t *testing.T) {
	const until = 2.5 * 24 * 60
	head := newModel(t)
	head.RunUntil(until)
	want, _ := json.Marshal(head.Summary())

	d := NewDriver(newModel(t))
	defer d.Stop()
	for t0 := 0.0; t0 < until; t0 += 37.3 {
		d.Advance(t0)
		if t0 < 300 {
			d.Sync() // slow at first: a snapshot every step
		}
		if f := d.Acquire(); f == nil || f.Snap == nil {
			t.Fatal("no frame")
		}
	}
	d.Advance(until)
	d.Sync()
	f := d.Acquire()
	if f.Snap.T != until {
		t.Fatalf("driver at minute %g, want %g", f.Snap.T, until)
	}
	got, _ := json.Marshal(f.Snap.Summary)
	if string(got) != string(want) {
		t.Errorf("viewer's run differs from the headless run:\n got %s\nwant %s", got, want)
	}
	if f.History == nil || len(f.History.Dates) != 3 {
		t.Errorf("history has %v days, want 3", f.History)
	}
}

// A live policy change happens at the instant the model has reached and is
// marked for the charts.
func TestDriverPolicyChange(t *testing.T) {
	d := NewDriver(newModel(t))
	defer d.Stop()
	d.Advance(600)
	d.Sync()
	var share float64
	d.Do(func(m *sim.Model) { share = m.SearchShare(); m.SetSearchShare(share / 2) })
	d.Sync()
	f := d.Acquire()
	if len(f.Policy) != 1 || f.Policy[0].Min != 600 || f.Policy[0].What != "search_share" {
		t.Fatalf("policy log %+v, want one search_share change at minute 600", f.Policy)
	}
	if !near(f.Levers.SearchShare, share/2, 1e-12) || share == 0 {
		t.Errorf("levers show %g, want %g", f.Levers.SearchShare, share/2)
	}
}
