package sim_test

import (
	"testing"
	"time"

	"channelsim/agents/freight"
	"channelsim/engine"
	"channelsim/sim"
)

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
		cfg.Migrants.Spots[spotIndex(t, cfg, "spot-coquelles")].Stop = chance
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
// a day longer, it covers exactly one more calendar day; without a closure,
// and with a steady fleet, the terminals hold their queues and Stack is
// never called.
func TestStackStandDown(t *testing.T) {
	stackDays := func(standDown time.Duration, closures bool) float64 {
		cfg := load(t, "baseline-2015", 20)
		cfg.Migrants.Enabled = false
		cfg.Stack.StandDown.Duration = standDown
		cfg.Port.Ships, cfg.Port.Fleet = 8, nil // a steady fleet: the closure alone
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

// TestFleetChanges: ferries taken off the route stop sailing (none at all
// while the fleet is 0) and come back when put back; a smaller fleet keeps
// France-bound lorries waiting longer. Without changes the run is the
// baseline's.
func TestFleetChanges(t *testing.T) {
	const days = 6
	withFleet := func(fleet ...freight.FleetChange) *sim.Model {
		cfg := load(t, "baseline-2015", days)
		cfg.Closures = nil
		cfg.Migrants.Enabled = false
		cfg.Port.Fleet = fleet
		return run(t, cfg)
	}
	at := func(day, hour int) engine.DateTime {
		return engine.DateTime{Time: time.Date(2015, 7, 1+day, hour, 0, 0, 0, time.UTC)}
	}
	base := withFleet()
	laidUp := withFleet(freight.FleetChange{From: at(2, 0), Ships: 0}, freight.FleetChange{From: at(3, 0), Ships: 9})
	_, b, err := base.DailySeries()
	if err != nil {
		t.Fatal(err)
	}
	_, l, err := laidUp.DailySeries()
	if err != nil {
		t.Fatal(err)
	}
	dep := "lorries_departed_port"
	if l[dep][1] != b[dep][1] {
		t.Errorf("day 2, before the change: %v departures, baseline %v", l[dep][1], b[dep][1])
	}
	// Ships at sea at midnight finish their crossing and unload: a few
	// lorries still arrive in Dover in the first 90 minutes.
	if l[dep][2] > 0.1*b[dep][2] {
		t.Errorf("day 3, no ship in service: %v lorries left by ferry (baseline %v)", l[dep][2], b[dep][2])
	}
	if l[dep][3] < 0.9*b[dep][3] {
		t.Errorf("day 4, the fleet back: %v lorries left by ferry (baseline %v)", l[dep][3], b[dep][3])
	}
	small := withFleet(freight.FleetChange{From: at(0, 0), Ships: 5})
	if w0, w1 := num(t, base.Summary(), "france_bound_wait_mean_min"), num(t, small.Summary(), "france_bound_wait_mean_min"); w1 <= w0 {
		t.Errorf("5 ships: France-bound wait %v min, 9 ships %v: a smaller fleet should keep lorries longer", w1, w0)
	}
	if n := num(t, base.Summary(), "lorries_diverted"); n != 0 {
		t.Errorf("no diversion asked for, %v lorries diverted", n)
	}
	// Half the port's customers crossing elsewhere: about half of the
	// port's lorries, both ways, never reach the model's sites; the
	// tunnel's are untouched.
	half := withFleet(freight.FleetChange{From: at(0, 0), Ships: 9, Diverted: 0.5}).Summary()
	bs := base.Summary()
	portBase := num(t, bs, "lorries_departed_port") + num(t, bs, "france_bound_departed")*0.55
	div := num(t, half, "lorries_diverted")
	if div < 0.3*portBase || div > 0.7*portBase {
		t.Errorf("diverted %v lorries; the port's share of the traffic is about %v, half of it expected", div, portBase)
	}
	if a, b := num(t, half, "lorries_departed_tunnel"), num(t, bs, "lorries_departed_tunnel"); a < 0.9*b || a > 1.1*b {
		t.Errorf("tunnel departures %v with diversion at the port, %v without", a, b)
	}
	if a, b := num(t, half, "lorries_arrived")+num(t, half, "france_bound_arrived")+div,
		num(t, bs, "lorries_arrived")+num(t, bs, "france_bound_arrived"); a < 0.95*b || a > 1.05*b {
		t.Errorf("arrived plus diverted %v, arrived without diversion %v: the diverted lorries are the port's, not new ones", a, b)
	}
}
