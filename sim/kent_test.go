package sim_test

import (
	"testing"
	"time"

	"channelsim/agents/camp"
	"channelsim/agents/freight"
	"channelsim/engine"
	"channelsim/sim"
)

// at is a French local date-time d days and h hours after 1 July 2015.
func at(d, h int) engine.DateTime {
	return engine.DateTime{Time: time.Date(2015, 7, 1+d, h, 0, 0, 0, time.UTC)}
}

// kentConfig is baseline-2015 without the camp, with a steady fleet and no
// dated disruption: only what a test adds.
func kentConfig(t *testing.T, days int) *sim.Config {
	cfg := load(t, "baseline-2015", days)
	cfg.Migrants.Enabled = false
	cfg.Port.Ships, cfg.Port.Fleet = 8, nil
	cfg.Closures = nil
	cfg.Tunnel.Timetable, cfg.Tunnel.SalesSuspended = nil, nil
	cfg.Freight.WeekendBan.Enabled = false
	return cfg
}

// TestStackCalledOnForecast: told that the port is shut, Kent Police call
// Stack from the forecast before a single lorry stands on the M20; without
// the forecast they wait until the queue overflows. The phases open in
// order as the queue grows, and the A20 (TAP) fills before the M20.
func TestStackCalledOnForecast(t *testing.T) {
	closed := func(review time.Duration) *sim.Model {
		cfg := kentConfig(t, 4)
		cfg.Stack.Review.Duration = review
		cfg.Closures = []freight.Closure{{Site: "port", From: at(1, 6), To: at(2, 18)}}
		m, err := sim.NewDefault(cfg)
		if err != nil {
			t.Fatal(err)
		}
		m.RunUntil(engine.Day + 6*60 + 30) // half an hour into the closure
		return m
	}
	m20 := func(m *sim.Model) float64 {
		var s sim.Snapshot
		m.Snapshot(&s)
		return s.Today["m20_lorries_max"]
	}
	m := closed(15 * time.Minute)
	if ph, _ := m.KentPolice(); ph == 0 || m20(m) != 0 {
		t.Errorf("half an hour into a 36-hour port closure: %d phases of Stack, %v lorries on the M20; want Stack called on the forecast before any", ph, m20(m))
	}
	m = closed(0)
	if ph, _ := m.KentPolice(); ph != 0 {
		t.Errorf("without a forecast Stack is called half an hour into the closure (%d phases), before the queue overflows", ph)
	}
	// The closure run to its end: TAP days and the phases in order.
	cfg := kentConfig(t, 4)
	cfg.Closures = []freight.Closure{{Site: "port", From: at(1, 6), To: at(2, 18)}}
	s := run(t, cfg).Summary()
	if num(t, s, "tap_days") == 0 || num(t, s, "stack_called_on_forecast") != 1 || num(t, s, "stack_episodes") != 1 {
		t.Errorf("one closure: %v TAP days, %v Stack episodes, %v on the forecast; want TAP and one episode, called on the forecast",
			num(t, s, "tap_days"), num(t, s, "stack_episodes"), num(t, s, "stack_called_on_forecast"))
	}
	ph := cfg.Stack.Phases
	if m := num(t, s, "m20_lorries_max"); m <= float64(ph[0].Capacity+ph[1].Capacity) {
		t.Fatalf("at most %v lorries on the M20; want more than phases 1 and 2 hold", m)
	}
	if n := flat(t, s, "stack_days_by_phases.phase-3"); n == 0 {
		t.Errorf("more lorries on the M20 than phases 1 and 2 hold, but phase 3 never opened")
	}
}

// TestStackStoodDownAfterTheQueue: after the port reopens, Stack stays in
// force until the queues and the forecast have fitted for stand_down; a
// longer stand_down keeps it on longer.
func TestStackStoodDownAfterTheQueue(t *testing.T) {
	lastDay := func(standDown time.Duration) int {
		cfg := kentConfig(t, 6)
		cfg.Stack.StandDown.Duration = standDown
		cfg.Closures = []freight.Closure{{Site: "port", From: at(1, 6), To: at(2, 6)}}
		_, d, err := run(t, cfg).DailySeries()
		if err != nil {
			t.Fatal(err)
		}
		last := -1
		for k, v := range d["operation_stack"] {
			if v > 0 {
				last = k
			}
		}
		return last
	}
	short, long := lastDay(time.Hour), lastDay(48*time.Hour)
	if short < 2 {
		t.Fatalf("Stack last in force on day %d, before the port reopened on day 2", short)
	}
	if long < short+2 {
		t.Errorf("stood down 47 h later, Stack's last day moves from %d to %d; want two days later", short, long)
	}
}

// TestWeekendBanHoldsLorries: France-bound lorries waiting in Kent when
// the ban begins on Saturday at 22:00 stay in Kent unless they are exempt
// or find a place in France; lifting the ban lets them all cross.
func TestWeekendBanHoldsLorries(t *testing.T) {
	held := func(ban freight.WeekendBan) (float64, float64) {
		cfg := kentConfig(t, 6) // Wednesday 1 – Monday 6 July 2015
		cfg.Freight.WeekendBan = ban
		s := run(t, cfg).Summary()
		return num(t, s, "weekend_ban_held"), num(t, s, "france_bound_wait_max_min")
	}
	strict := freight.WeekendBan{Enabled: true}
	n, wait := held(strict)
	if n == 0 || wait < 20*60 {
		t.Errorf("no exemption, no parking: %v lorries held, longest wait %v min; want some held through the Sunday", n, wait)
	}
	if n, _ := held(freight.WeekendBan{Enabled: true, Parking: 100000}); n != 0 {
		t.Errorf("room for every lorry in France: %v held", n)
	}
	if n, _ := held(freight.WeekendBan{Enabled: true, ExemptShare: 1}); n != 0 {
		t.Errorf("every lorry exempt: %v held", n)
	}
	lifted := strict
	lifted.Lifted = []freight.Period{{From: at(2, 0), To: at(5, 0)}}
	if n, _ := held(lifted); n != 0 {
		t.Errorf("ban lifted over the weekend: %v held", n)
	}
	off, _ := held(freight.WeekendBan{})
	if off != 0 {
		t.Errorf("ban off: %v held", off)
	}
}

// TestTunnelTimetableAndSuspensions: a summer timetable with fewer
// freight paths keeps France-bound lorries longer in Kent; before the timetable's date the run is unchanged. Unbooked lorries
// turned away by the tunnel cross by the port.
func TestTunnelTimetableAndSuspensions(t *testing.T) {
	series := func(f func(*sim.Config)) (sim.Summary, map[string][]float64) {
		cfg := kentConfig(t, 4)
		f(cfg)
		m := run(t, cfg)
		_, d, err := m.DailySeries()
		if err != nil {
			t.Fatal(err)
		}
		return m.Summary(), d
	}
	base, bd := series(func(*sim.Config) {})
	three := make([]float64, 24)
	for h := range three {
		three[h] = 3
	}
	_, sd := series(func(c *sim.Config) {
		c.Tunnel.Timetable = []freight.Timetable{{From: at(2, 0), DeparturesPerHour: three}}
	})
	if sd["france_bound_wait_mean_min"][1] != bd["france_bound_wait_mean_min"][1] {
		t.Errorf("day 2, before the timetable: wait %v, baseline %v", sd["france_bound_wait_mean_min"][1], bd["france_bound_wait_mean_min"][1])
	}
	if w0, w1 := bd["france_bound_wait_mean_min"][3], sd["france_bound_wait_mean_min"][3]; w1 <= 1.5*w0 {
		t.Errorf("3 shuttles an hour: France-bound wait %v min on day 4, baseline %v", w1, w0)
	}
	unbooked, ud := series(func(c *sim.Config) {
		c.Tunnel.SalesSuspended = []freight.Suspension{{From: at(1, 0), To: at(2, 0), UnbookedShare: 1}}
	})
	// Lorries already past check-in before the suspension still cross.
	if n := ud["lorries_departed_tunnel"][1]; n > 0.2*bd["lorries_departed_tunnel"][1] {
		t.Errorf("no tickets for anyone on day 2: %v lorries left by the tunnel (baseline %v)", n, bd["lorries_departed_tunnel"][1])
	}
	if a, b := num(t, base, "lorries_departed_port"), num(t, unbooked, "lorries_departed_port"); b <= a {
		t.Errorf("a day without tunnel tickets: %v lorries by the port, baseline %v", b, a)
	}
}

// TestSweepAfterIntrusions: after intruders stop the shuttles, a sweep
// with fewer departures keeps France-bound lorries waiting longer.
func TestSweepAfterIntrusions(t *testing.T) {
	wait := func(sweep time.Duration) float64 {
		cfg := load(t, "baseline-2015", 7)
		cfg.Closures = nil
		cfg.Tunnel.Sweep.Duration, cfg.Tunnel.SweepShare = sweep, 0.2
		cfg.Migrants.Spots[spotIndex(t, cfg, "spot-coquelles")].Stop = 0.05
		return num(t, run(t, cfg).Summary(), "france_bound_wait_mean_min")
	}
	if w0, w1 := wait(0), wait(4*time.Hour); w1 <= w0 {
		t.Errorf("sweeps of 4 h at a fifth of the departures: France-bound wait %v min, without %v", w1, w0)
	}
}

// TestLorryDropsFoundByPlace: people who crossed undetected are found, or
// not, where they leave their lorry; other routes add encounters in
// proportion to those via Calais.
func TestLorryDropsFoundByPlace(t *testing.T) {
	withDrops := func(ratio float64, drops ...camp.DropPlace) sim.Summary {
		cfg := load(t, "baseline-2015", 10)
		cfg.Migrants.Drops = drops
		cfg.Migrants.OtherRoutesRatio = ratio
		return run(t, cfg).Summary()
	}
	s := withDrops(0, camp.DropPlace{Name: "kent", Share: 1, Found: 1}, camp.DropPlace{Name: "depot", Share: 0, Found: 1})
	via := num(t, s, "in_country_encounters_via_calais")
	if via == 0 || flat(t, s, "in_country_encounters_by_place.kent") != via || flat(t, s, "in_country_encounters_by_place.depot") != 0 {
		t.Errorf("all get out in Kent and are found: %v via Calais, by place %v, %v", via,
			flat(t, s, "in_country_encounters_by_place.kent"), flat(t, s, "in_country_encounters_by_place.depot"))
	}
	if n := num(t, s, "in_country_encounters_other_routes"); n != 0 {
		t.Errorf("other_routes_ratio 0: %v encounters by other routes", n)
	}
	if n := num(t, withDrops(0, camp.DropPlace{Name: "depot", Share: 1, Found: 0}), "in_country_encounters"); n != 0 {
		t.Errorf("nobody found anywhere: %v in-country encounters", n)
	}
	s = withDrops(1, camp.DropPlace{Name: "kent", Share: 1, Found: 1})
	via, other := num(t, s, "in_country_encounters_via_calais"), num(t, s, "in_country_encounters_other_routes")
	if other < 0.6*via || other > 1.2*via {
		t.Errorf("other_routes_ratio 1: %v by other routes against %v via Calais", other, via)
	}
}

// flat returns a summary value by its flattened key ("map.sub").
func flat(t *testing.T, s sim.Summary, key string) float64 {
	t.Helper()
	for _, e := range s.Flat() {
		if e.Key == key {
			v, _ := sim.Summary{e}.Float(key)
			return v
		}
	}
	t.Fatalf("summary has no key %q", key)
	return 0
}
