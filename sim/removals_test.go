package sim_test

import (
	"testing"

	"channelsim/sim"
)

// TestRemovalIdentities checks the identities of calibration-targets §B on
// the simulated counts: tickets per removal = tickets per plan / (1 − c),
// and cancelled tickets = c · t · P (for plans with an outcome).
func TestRemovalIdentities(t *testing.T) {
	s := run(t, load(t, "baseline-2015", 120)).Summary()
	plansDone := num(t, s, "removal_plans_cancelled") + num(t, s, "removals_ticketed")
	c := num(t, s, "removal_plans_cancelled") / plansDone
	tickets := num(t, s, "tickets_used") + num(t, s, "tickets_cancelled")
	perPlan := tickets / plansDone
	if got, want := num(t, s, "tickets_per_removal"), perPlan/(1-c); abs(got-want) > 1e-9*want {
		t.Errorf("tickets per removal %.4f, identity t/(1−c) gives %.4f", got, want)
	}
	if r := num(t, s, "removal_cancellation_rate"); abs(r-c) > 1e-12 {
		t.Errorf("cancellation rate %.4f, counts give %.4f", r, c)
	}
	if issued := num(t, s, "tickets_issued"); issued != num(t, s, "tickets_used")+num(t, s, "tickets_cancelled")+num(t, s, "tickets_open") {
		t.Errorf("tickets issued %.0f ≠ used + cancelled + open", issued)
	}
	if share := num(t, s, "ticket_loss_share"); abs(share-num(t, s, "ticket_loss_gbp")/num(t, s, "ticket_spend_gbp")) > 1e-12 {
		t.Errorf("loss share %.5f is not recorded loss over spend", share)
	}
	if num(t, s, "ticket_loss_gbp") > num(t, s, "ticket_loss_true_gbp") {
		t.Error("recorded loss exceeds the true loss")
	}
}

// TestEscortCapacity: under common random numbers, more escorts give
// fewer escort-shortage cancellations, escorts closer to the date asked
// for and fewer tickets per removal; fewer escorts the opposite.
func TestEscortCapacity(t *testing.T) {
	const days, seeds = 150, 3
	// Each scenario over the same seeds: one seed's ratio of tickets to
	// removals moves by more than a quarter fewer escorts does.
	runs := func(name string) []sim.Summary {
		var out []sim.Summary
		for seed := uint64(1); seed <= seeds; seed++ {
			cfg := load(t, name, days)
			cfg.Seed = seed
			out = append(out, run(t, cfg).Summary())
		}
		return out
	}
	base, more, fewer := runs("baseline-2015"), runs("escorts-plus-50"), runs("escorts-minus-25")
	mean := func(ss []sim.Summary, f func(sim.Summary) float64) float64 {
		sum := 0.0
		for _, s := range ss {
			sum += f(s)
		}
		return sum / float64(len(ss))
	}
	short := func(s sim.Summary) float64 {
		v, _ := s.Get("cancellations_by_cause")
		return float64(v.(map[string]int64)["escort_shortage"])
	}
	if m, b, f := mean(more, short), mean(base, short), mean(fewer, short); !(m < b && b < f) {
		t.Errorf("escort-shortage cancellations a run: +50 %% %.1f, base %.1f, −25 %% %.1f; want increasing as escorts fall", m, b, f)
	}
	for _, key := range []string{"tickets_per_removal", "escort_days_late_mean", "escort_late_share"} {
		get := func(s sim.Summary) float64 { return num(t, s, key) }
		m, b, f := mean(more, get), mean(base, get), mean(fewer, get)
		if !(m < b && b < f) {
			t.Errorf("%s over seeds 1–%d: +50 %% %.3f, base %.3f, −25 %% %.3f; want increasing as escorts fall", key, seeds, m, b, f)
		}
	}
	for _, s := range more {
		if l := num(t, s, "escort_days_late_mean"); l != 0 {
			t.Errorf("with half as many escorts again, escorted removals are %.2f days late on average; want none", l)
		}
	}
	removed := func(s sim.Summary) float64 { return num(t, s, "removals_completed") }
	if m, f := mean(more, removed), mean(fewer, removed); !(m > f) {
		t.Errorf("removals: +50 %% %.0f, −25 %% %.0f; want more with more escorts", m, f)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
