package sim_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"slices"
	"testing"

	"channelsim/engine"
	"channelsim/scenarios"
	"channelsim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// load returns an embedded scenario's config with the horizon set.
func load(t testing.TB, name string, days int) *sim.Config {
	t.Helper()
	sc, err := scenarios.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	sc.Config.Days = days
	return sc.Config
}

func run(t testing.TB, cfg *sim.Config) *sim.Model {
	t.Helper()
	m, err := sim.NewDefault(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	return m
}

func outputs(t testing.TB, m *sim.Model) (summary, daily []byte) {
	t.Helper()
	s, err := json.Marshal(m.Summary())
	if err != nil {
		t.Fatal(err)
	}
	var d bytes.Buffer
	if err := m.WriteDailyCSV(&d); err != nil {
		t.Fatal(err)
	}
	return s, d.Bytes()
}

func num(t testing.TB, s sim.Summary, key string) float64 {
	t.Helper()
	v, ok := s.Float(key)
	if !ok {
		t.Fatalf("summary has no numeric key %q", key)
	}
	return v
}

// TestDeterminism: the same scenario and seed give byte-identical outputs;
// another seed gives different ones.
func TestDeterminism(t *testing.T) {
	a1, d1 := outputs(t, run(t, load(t, "baseline-2015", 7)))
	a2, d2 := outputs(t, run(t, load(t, "baseline-2015", 7)))
	if !bytes.Equal(a1, a2) || !bytes.Equal(d1, d2) {
		t.Fatal("two runs with the same seed differ")
	}
	cfg := load(t, "baseline-2015", 7)
	cfg.Seed = 2
	b1, e1 := outputs(t, run(t, cfg))
	if bytes.Equal(a1, b1) || bytes.Equal(d1, e1) {
		t.Fatal("seeds 1 and 2 gave identical outputs")
	}
}

// TestGoldenSummary pins the summary of a seeded fortnight. If a change
// moves it, the change must say why; regenerate with -update.
func TestGoldenSummary(t *testing.T) {
	m := run(t, load(t, "baseline-2015", 14))
	got, err := json.MarshalIndent(m.Summary(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/baseline-14d-seed1.json"
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./sim -run Golden -update)", err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("summary of baseline-2015, 14 days, seed 1 changed; if intended, regenerate %s with -update and say why in the commit\ngot:\n%s", golden, got)
	}
}

// TestConservation is a property test over seeds: at the end of every day
// every lorry and every migrant is in exactly one state and nothing was
// created or lost.
func TestConservation(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		cfg := load(t, "baseline-2015", 6)
		cfg.Seed = seed * 7919
		m, err := sim.NewDefault(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for h := 1; h <= 6*24; h += 5 { // every five hours, at odd instants
			m.RunUntil(float64(h)*60 + 17)
			if err := m.CheckInvariants(); err != nil {
				t.Fatalf("seed %d, hour %d: %v", cfg.Seed, h, err)
			}
		}
	}
}

// TestFreightVolumes checks calibration targets C1–C5 over a year: 1.66 m
// UK-bound lorries ± 5 %, split port:tunnel as C1:C2, all carried.
func TestFreightVolumes(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated year")
	}
	cfg := load(t, "baseline-2015", 365)
	cfg.Start = engine.Date{Year: 2015, Month: 1, Day: 1}
	cfg.Closures = nil
	cfg.Migrants.Enabled = false
	s := run(t, cfg).Summary()
	arrived := num(t, s, "lorries_arrived")
	if math.Abs(arrived-1_663_256)/1_663_256 > 0.05 {
		t.Errorf("UK-bound lorries in 2015: %.0f, want 1.66 m ± 5 %% (C3)", arrived)
	}
	port, tunnel := num(t, s, "lorries_departed_port"), num(t, s, "lorries_departed_tunnel")
	if share := port / (port + tunnel); math.Abs(share-0.555) > 0.01 {
		t.Errorf("port share %.3f, want 0.555 ± 0.01 (C1:C2)", share)
	}
	if d := num(t, s, "lorries_departed"); d < 0.995*arrived {
		t.Errorf("only %.0f of %.0f lorries crossed: capacity falls short of C4–C5", d, arrived)
	}
	if f := num(t, s, "france_bound_departed"); f < 0.995*num(t, s, "france_bound_arrived") {
		t.Errorf("France-bound flow not carried: %.0f of %.0f", f, num(t, s, "france_bound_arrived"))
	}
}

// TestDailyColumnsDistinct: daily.csv has each series once: unique names,
// and no two columns that vary equal on every day (the same people counted
// twice under two names, as detections once were).
func TestDailyColumnsDistinct(t *testing.T) {
	// 30 days: until the Stack of late July, Stack and TAP days coincide.
	m := run(t, load(t, "baseline-2015", 30))
	dates, cols, err := m.DailySeries()
	if err != nil || len(dates) != 30 {
		t.Fatalf("%d days, %v", len(dates), err)
	}
	h := m.DailyHeader()
	seen := map[string]bool{}
	for _, c := range h {
		if seen[c] {
			t.Errorf("column %s twice", c)
		}
		seen[c] = true
	}
	varies := func(x []float64) bool {
		for _, v := range x {
			if v != x[0] {
				return true
			}
		}
		return false
	}
	for i, a := range h[1:] {
		for _, b := range h[i+2:] {
			if varies(cols[a]) && slices.Equal(cols[a], cols[b]) {
				t.Errorf("columns %s and %s are equal on every day", a, b)
			}
		}
	}
}
