package sim_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"

	"channelsim/agents"
	"channelsim/agents/camp"
	"channelsim/engine"
	"channelsim/sim"
)

var heapProfiles = flag.String("heapprofiles", "", "write heap profiles of a ten-year baseline-2015 run to this directory, after 1, 5 and 10 years")

// TestHeapProfiles is a measuring helper, not a check: with -heapprofiles
// DIR it runs baseline-2015 for ten years and writes heap-1y.pprof,
// heap-5y.pprof and heap-10y.pprof, each after a garbage collection, for
// `go tool pprof -top -inuse_space` (docs/performance-model.md).
func TestHeapProfiles(t *testing.T) {
	if *heapProfiles == "" {
		t.Skip("a ten-year run: give -heapprofiles DIR")
	}
	m, err := sim.NewDefault(load(t, "baseline-2015", 3650))
	if err != nil {
		t.Fatal(err)
	}
	for _, years := range []int{1, 5, 10} {
		m.RunUntil(float64(years) * 365 * engine.Day)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t.Logf("%2d years: heap in use %.1f MB, %d objects", years, float64(ms.HeapInuse)/1e6, ms.HeapObjects)
		path := filepath.Join(*heapProfiles, fmt.Sprintf("heap-%dy.pprof", years))
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.WriteHeapProfile(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPeopleSlabBounded is a property test over seeds: stepping a run from
// instant to instant, the camp's slab of people holds a slot for exactly
// the people still in the border system (those not in a terminal state),
// and it never grows past the most of them at once (counting those created
// within an instant); meanwhile the state counts, running totals for the
// terminal states, add up to everyone ever created, and the model's
// invariants hold at the end of every day.
func TestPeopleSlabBounded(t *testing.T) {
	days := 120
	if testing.Short() {
		days = 30
	}
	for _, seed := range []uint64{1, 29} {
		cfg := load(t, "baseline-2015", days)
		cfg.Seed = seed
		m, err := sim.NewDefault(cfg)
		if err != nil {
			t.Fatal(err)
		}
		people := func() (live, created int) {
			for s, n := range m.MigrantCounts() {
				created += n
				if !camp.MigrantState(s).Terminal() {
					live += n
				}
			}
			return live, created
		}
		live, created := people()
		bound := live
		for day := 1; day <= days; day++ {
			for t1, ok := m.K.NextTime(); ok && t1 <= float64(day)*engine.Day; t1, ok = m.K.NextTime() {
				m.K.Step()
				l, c := people()
				// Within the instant at most the people created in it
				// were live beside those live before.
				bound = max(bound, live+c-created)
				live, created = l, c
				slots, free := m.MigrantSlots()
				if slots-free != live {
					t.Fatalf("seed %d, minute %.1f: %d slots taken, %d people live", seed, m.Now(), slots-free, live)
				}
			}
			if err := m.CheckInvariants(); err != nil {
				t.Fatalf("seed %d, day %d: %v", seed, day, err)
			}
		}
		slots, _ := m.MigrantSlots()
		t.Logf("seed %d: %d people created, at most %d live at once, %d slots", seed, created, bound, slots)
		if slots > bound {
			t.Errorf("seed %d: %d slots, but at most %d people live at once", seed, slots, bound)
		}
		if created < slots+slots/4 {
			t.Errorf("seed %d: %d created for %d slots: too few finished to test reuse", seed, created, slots)
		}
		// Whatever slots they hold, people and detainees are drawn in
		// the order of their numbers, each at the rank its number gives.
		var snap sim.Snapshot
		m.Snapshot(&snap)
		last := map[agents.Kind]uint64{}
		seen := map[agents.Kind]int{}
		for _, v := range snap.Agents {
			rank := int(v.ID)
			switch v.Kind {
			case agents.KindMigrant:
				rank--
			case agents.KindDetainee:
			default:
				continue
			}
			if seen[v.Kind] > 0 && v.ID <= last[v.Kind] {
				t.Fatalf("seed %d: %v %d drawn after %d", seed, v.Kind, v.ID, last[v.Kind])
			}
			if v.Rank != rank {
				t.Fatalf("seed %d: %v %d has rank %d, want %d", seed, v.Kind, v.ID, v.Rank, rank)
			}
			last[v.Kind] = v.ID
			seen[v.Kind]++
		}
		if seen[agents.KindMigrant] < 100 || seen[agents.KindDetainee] < 10 {
			t.Errorf("seed %d: %d people and %d detainees drawn; want many of each", seed, seen[agents.KindMigrant], seen[agents.KindDetainee])
		}
	}
}

// TestTenTimesFreightBounded: at ten times 2015's freight the ferries and
// shuttles cannot carry the lorries, and the queues would grow without end
// (and a run's memory with them); the approach roads and Kent hold at most
// their bounds, the other lorries cross by other ports, and every lorry is
// still in exactly one state.
func TestTenTimesFreightBounded(t *testing.T) {
	cfg := load(t, "baseline-2015", 10)
	cfg.Freight.UKBoundPerYear *= 10
	cfg.Freight.FranceBoundPerYear *= 10
	m := run(t, cfg)
	if err := m.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	s := m.Summary()
	bound := 0
	for _, site := range []int{cfg.Port.ApproachCapacity, cfg.Port.KentCapacity, cfg.Tunnel.ApproachCapacity, cfg.Tunnel.KentCapacity,
		cfg.Port.HoldingCapacity, cfg.Tunnel.HoldingCapacity} {
		bound += site
	}
	// Beyond the queues: the lorries on the roads, in the rest areas and
	// on board (a day's worth at most).
	bound += int(2 * cfg.Freight.UKBoundPerYear / 365)
	if n := num(t, s, "lorries_in_system_end"); n > float64(bound) {
		t.Errorf("%v lorries in the system after 10 days at ten times the freight; want at most %d", n, bound)
	}
	if n := num(t, s, "lorries_turned_away"); n == 0 {
		t.Error("no lorry turned away at ten times the freight")
	}
}
