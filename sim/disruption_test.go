package sim_test

import (
	"testing"
	"time"

	"channelsim/sim"
)

// spot returns the index of the named spot of cfg's camp.
func spot(t *testing.T, cfg *sim.Config, name string) int {
	t.Helper()
	for i, sp := range cfg.Migrants.Spots {
		if sp.Name == name {
			return i
		}
	}
	t.Fatalf("no spot %q", name)
	return -1
}

// TestIntrusionsStopShuttles: people who reach the tunnel's tracks stop its
// shuttles both ways; fewer lorries cross by the tunnel and France-bound
// lorries wait longer in Kent. Overlapping stops extend one another, so the
// hours stopped never exceed the hours simulated.
func TestIntrusionsStopShuttles(t *testing.T) {
	const days = 14
	const stop = 45 * time.Minute
	runWith := func(chance float64) sim.Summary {
		cfg := load(t, "baseline-2015", days)
		cfg.Closures = nil
		cfg.Tunnel.IntrusionStop.Duration = stop
		cfg.Migrants.Spots[spot(t, cfg, "spot-coquelles")].Stop = chance
		return run(t, cfg).Summary()
	}
	off, on := runWith(0), runWith(1)
	if n, h := num(t, off, "departure_stops"), num(t, off, "departures_stopped_hours"); n != 0 || h != 0 {
		t.Errorf("stop_chance 0: %v stops, %v hours stopped; want none", n, h)
	}
	stops, hours := num(t, on, "departure_stops"), num(t, on, "departures_stopped_hours")
	if stops == 0 || hours <= 0 || hours > days*24 {
		t.Fatalf("stop_chance 1: %v stops, %v hours stopped; want some, within the %d hours simulated", stops, hours, days*24)
	}
	// Each stop lasts at least intrusion_stop; overlapping ones count once.
	if hours < stops*stop.Hours()-1e-9 {
		t.Errorf("%v stops of at least %v last only %v hours", stops, stop, hours)
	}
	if a, b := num(t, off, "france_bound_wait_mean_min"), num(t, on, "france_bound_wait_mean_min"); b <= a {
		t.Errorf("France-bound wait %v min with stops, %v without: stopped shuttles should keep lorries waiting", b, a)
	}
	if a, b := num(t, off, "lorries_departed_tunnel"), num(t, on, "lorries_departed_tunnel"); b >= a {
		t.Errorf("%v lorries left by the tunnel with stops, %v without", b, a)
	}
}

// TestStackStandDown: Operation Stack is called when France-bound lorries
// no longer fit at a UK terminal and stood down only once the queues have
// fitted for stand_down. The July 2015 port closure makes one episode: held
// a day longer, it covers exactly one more calendar day; without a closure
// the terminals hold their queues and Stack is never called.
func TestStackStandDown(t *testing.T) {
	stackDays := func(standDown time.Duration, closures bool) float64 {
		cfg := load(t, "baseline-2015", 20)
		cfg.Migrants.Enabled = false
		cfg.Stack.StandDown.Duration = standDown
		if !closures {
			cfg.Closures = nil
		}
		return num(t, run(t, cfg).Summary(), "operation_stack_days")
	}
	if d := stackDays(24*time.Hour, false); d != 0 {
		t.Errorf("no closure: %v Stack days, want 0", d)
	}
	d0, d24 := stackDays(0, true), stackDays(24*time.Hour, true)
	if d0 < 2 {
		t.Fatalf("a 36-hour port closure gave %v Stack days, want at least 2", d0)
	}
	if d24 != d0+1 {
		t.Errorf("stood down a day later: %v Stack days, want %v + 1", d24, d0)
	}
}
