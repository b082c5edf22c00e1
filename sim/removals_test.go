package sim_test

import (
	"testing"
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

// TestEscortCapacity: under common random numbers, more escorts give fewer
// escort-shortage cancellations and fewer tickets per removal; fewer
// escorts the opposite.
func TestEscortCapacity(t *testing.T) {
	const days = 150
	base := run(t, load(t, "baseline-2015", days)).Summary()
	more := run(t, load(t, "escorts-plus-50", days)).Summary()
	fewer := run(t, load(t, "escorts-minus-25", days)).Summary()
	short := func(name string, s interface{ Get(string) (any, bool) }) int64 {
		v, _ := s.Get("cancellations_by_cause")
		return v.(map[string]int64)["escort_shortage"]
	}
	if !(short("more", more) < short("base", base) && short("base", base) < short("fewer", fewer)) {
		t.Errorf("escort-shortage cancellations: +50 %% %d, base %d, −25 %% %d; want increasing as escorts fall",
			short("more", more), short("base", base), short("fewer", fewer))
	}
	tpr := func(s interface{ Float(string) (float64, bool) }) float64 {
		v, _ := s.Float("tickets_per_removal")
		return v
	}
	if !(tpr(more) < tpr(fewer)) || !(tpr(more) <= tpr(base)) || !(tpr(base) <= tpr(fewer)) {
		t.Errorf("tickets per removal: +50 %% %.3f, base %.3f, −25 %% %.3f; want increasing as escorts fall", tpr(more), tpr(base), tpr(fewer))
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
