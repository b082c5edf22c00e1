package removals_test

import (
	"fmt"
	"math"
	"testing"

	"channelsim/agents"
	"channelsim/agents/removals"
	"channelsim/engine"
	"channelsim/scenarios"
)

// baseline returns the removals configuration of baseline-2015.
func baseline(t testing.TB) removals.Config {
	t.Helper()
	sc, err := scenarios.Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	return sc.Config.Removals
}

// run runs the removals submodel alone (no referrals from the border) for
// days with seed; each day it checks the invariants, and at minute at it
// calls lever (if any).
func run(t testing.TB, cfg removals.Config, days int, seed uint64, at float64, lever func(*removals.Model)) *removals.Model {
	t.Helper()
	k := &engine.Kernel{}
	today := 0
	env := agents.NewEnv(k, nil, engine.NewStreams(seed), nil, days, &today)
	m := removals.New(env, &cfg)
	var turn engine.HandlerFunc
	turn = func(int64) {
		if err := m.CheckInvariants(); err != nil {
			t.Fatalf("day %d: %v", today, err)
		}
		today++
		if today < days {
			k.After(engine.Day, agents.PrioDaily, turn, 0)
		}
	}
	k.At(engine.Day, agents.PrioDaily, turn, 0)
	if lever != nil {
		k.At(at, agents.PrioControl, engine.HandlerFunc(func(int64) { lever(m) }), 0)
	}
	k.RunUntil(env.Horizon)
	if err := m.CheckInvariants(); err != nil {
		t.Fatalf("end: %v", err)
	}
	return m
}

func get(t testing.TB, m *removals.Model, key string) float64 {
	t.Helper()
	for _, e := range m.Summary() {
		if e.Key != key {
			continue
		}
		switch v := e.Value.(type) {
		case int64:
			return float64(v)
		case float64:
			return v
		}
	}
	t.Fatalf("summary has no numeric key %q", key)
	return 0
}

// TestLatenessEmergesFromCapacity: with ample escorts every escorted
// removal leaves on the date asked for; as the staff shrink, the
// contractor's first free date moves away and the mean lateness, the
// share late and the deferred requests grow, and fewer people are removed.
func TestLatenessEmergesFromCapacity(t *testing.T) {
	const days, seeds = 240, 3
	staff := []int{600, 170, 120, 80}
	var late, share, deferred, removed []float64
	for _, n := range staff {
		var l, s, d, r float64
		for seed := uint64(1); seed <= seeds; seed++ {
			cfg := baseline(t)
			cfg.Escort.Staff = n
			m := run(t, cfg, days, seed, 0, nil)
			l += get(t, m, "escort_days_late_mean") / seeds
			s += get(t, m, "escort_late_share") / seeds
			d += get(t, m, "escort_requests_deferred") / seeds
			r += get(t, m, "removals_completed") / seeds
		}
		late, share, deferred, removed = append(late, l), append(share, s), append(deferred, d), append(removed, r)
		t.Logf("staff %3d: %.2f days late, %.3f late, %.0f deferred, %.0f removed", n, l, s, d, r)
	}
	if late[0] != 0 || share[0] != 0 || deferred[0] != 0 {
		t.Errorf("ample staff (%d): %.2f days late, share %.3f, %.0f deferred; want none", staff[0], late[0], share[0], deferred[0])
	}
	for k := 1; k < len(staff); k++ {
		if !(late[k] > late[k-1] && share[k] > share[k-1] && deferred[k] > deferred[k-1]) {
			t.Errorf("staff %d → %d: lateness %.2f → %.2f, share late %.3f → %.3f, deferred %.0f → %.0f; want all to grow",
				staff[k-1], staff[k], late[k-1], late[k], share[k-1], share[k], deferred[k-1], deferred[k])
		}
	}
	if !(removed[len(removed)-1] < removed[0]) {
		t.Errorf("removals with %d escorts %.0f, with %d %.0f; want fewer with fewer escorts", staff[len(staff)-1], removed[len(removed)-1], staff[0], removed[0])
	}
}

// TestTicketsPerPlan checks the ticket arithmetic behind calibration-
// targets §B on the counts: a plan books one ticket for the person and,
// when escorted, one for each escort out and (if booked with the plan)
// back, so tickets = plans + k · escorted plans, tickets per plan
// t = 1 + k·e and tickets per removal = t/(1 − c).
func TestTicketsPerPlan(t *testing.T) {
	for _, tc := range []struct {
		escorts int
		returns bool
		staff   int
	}{{2, true, 141}, {2, false, 141}, {3, true, 100}, {1, false, 600}} {
		t.Run(fmt.Sprintf("escorts=%d,returns=%v,staff=%d", tc.escorts, tc.returns, tc.staff), func(t *testing.T) {
			cfg := baseline(t)
			cfg.Escorts, cfg.EscortReturns, cfg.Escort.Staff = tc.escorts, tc.returns, tc.staff
			m := run(t, cfg, 120, 7, 0, nil)
			k := float64(tc.escorts)
			if tc.returns {
				k *= 2
			}
			plans := get(t, m, "removal_plans_cancelled") + get(t, m, "removals_ticketed")
			e := get(t, m, "removal_plans_escorted_share")
			tickets := get(t, m, "tickets_used") + get(t, m, "tickets_cancelled")
			if want := plans + k*e*plans; math.Abs(tickets-want) > 1e-6*want {
				t.Errorf("tickets %.0f, plans + %.0f · escorted plans = %.3f", tickets, k, want)
			}
			c := get(t, m, "removal_cancellation_rate")
			if got, want := get(t, m, "tickets_per_removal"), (1+k*e)/(1-c); math.Abs(got-want) > 1e-9*want {
				t.Errorf("tickets per removal %.4f, (1 + k·e)/(1 − c) = %.4f", got, want)
			}
			if e <= 0 {
				t.Error("no escorted plans")
			}
		})
	}
}

// TestEscortStaffCut: cutting the staff mid-run takes escorts booked for
// removals; those removals find a replacement the day before or are
// cancelled for escort shortage and set again, and the roster stays
// consistent (checked every day by run).
func TestEscortStaffCut(t *testing.T) {
	cfg := baseline(t)
	cfg.Escort.Staff = 300
	const days = 120
	ref := run(t, cfg, days, 3, 0, nil)
	cut := run(t, cfg, days, 3, 60*engine.Day, func(m *removals.Model) { m.SetEscortStaff(60) })
	if got := cut.EscortStaff(); got != 60 {
		t.Fatalf("escort staff after the cut %d, want 60", got)
	}
	if !(get(t, cut, "escort_requests_deferred") > get(t, ref, "escort_requests_deferred")) {
		t.Errorf("deferred requests %v with the cut, %v without; want more", get(t, cut, "escort_requests_deferred"), get(t, ref, "escort_requests_deferred"))
	}
	if !(get(t, cut, "escort_days_late_mean") > get(t, ref, "escort_days_late_mean")) {
		t.Errorf("lateness %.2f with the cut, %.2f without; want more", get(t, cut, "escort_days_late_mean"), get(t, ref, "escort_days_late_mean"))
	}
	grow := run(t, cfg, days, 3, 60*engine.Day, func(m *removals.Model) { m.SetEscortStaff(60); m.SetEscortStaff(90) })
	if got := grow.EscortStaff(); got != 90 {
		t.Errorf("escort staff after the cut and recruitment %d, want 90", got)
	}
}

// TestSlabsBounded is a property test over ten years and escort staffs
// (ample, short, and cut mid-run, so that requests are deferred and plans
// cancelled and set again): stepping from instant to instant, the slab of
// cases holds a slot for exactly the open cases, and neither slab grows
// past the most records live at once (counting those made within an
// instant), though many times more cases and plans are made; the
// invariants, slots freed exactly when nothing names them, hold every day.
func TestSlabsBounded(t *testing.T) {
	years := 10
	if testing.Short() {
		years = 2
	}
	days := years * 365
	for _, tc := range []struct {
		staff, cutTo int
		seed         uint64
	}{{600, 0, 1}, {141, 0, 2}, {141, 60, 3}} {
		cfg := baseline(t)
		cfg.Escort.Staff = tc.staff
		k := &engine.Kernel{}
		today := 0
		env := agents.NewEnv(k, nil, engine.NewStreams(tc.seed), nil, days, &today)
		m := removals.New(env, &cfg)
		if tc.cutTo > 0 {
			k.At(float64(days/2)*engine.Day, agents.PrioControl, engine.HandlerFunc(func(int64) { m.SetEscortStaff(tc.cutTo) }), 0)
		}
		cases := func() (open, opened int) {
			for s, n := range m.Counts() {
				opened += n
				if !removals.CaseState(s).Terminal() {
					open += n
				}
			}
			return open, opened
		}
		open, opened := cases()
		sl := m.Slabs()
		caseBound, planBound := open, sl.Plans-sl.FreePlans
		for day := 1; day <= days; day++ {
			for t1, ok := k.NextTime(); ok && t1 < float64(day)*engine.Day; t1, ok = k.NextTime() {
				before := m.Slabs()
				k.Step()
				o, n := cases()
				sl = m.Slabs()
				// Within the instant at most the records made in it were
				// live beside those live before.
				caseBound = max(caseBound, open+n-opened)
				planBound = max(planBound, before.Plans-before.FreePlans+int(sl.PlansMade-before.PlansMade))
				open, opened = o, n
				if sl.Cases-sl.FreeCases != open {
					t.Fatalf("staff %d, minute %.1f: %d case slots taken, %d cases open", tc.staff, k.Now(), sl.Cases-sl.FreeCases, open)
				}
			}
			if err := m.CheckInvariants(); err != nil {
				t.Fatalf("staff %d, day %d: %v", tc.staff, day, err)
			}
			today = min(day, days-1)
		}
		t.Logf("staff %d→%d: %d cases opened, at most %d open at once, %d slots; %d plans made, at most %d live or pending at once, %d slots",
			tc.staff, tc.cutTo, opened, caseBound, sl.Cases, sl.PlansMade, planBound, sl.Plans)
		if sl.Cases > caseBound || sl.Plans > planBound {
			t.Errorf("staff %d: %d case slots for at most %d open at once, %d plan slots for at most %d at once", tc.staff, sl.Cases, caseBound, sl.Plans, planBound)
		}
		if opened < 3*sl.Cases || sl.PlansMade < 10*int64(sl.Plans) {
			t.Errorf("staff %d: %d cases opened for %d slots, %d plans for %d: too few finished to test reuse", tc.staff, opened, sl.Cases, sl.PlansMade, sl.Plans)
		}
	}
}
