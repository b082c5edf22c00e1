package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"channelsim/engine"
	"channelsim/sim"
)

// Role says what a calibration target of docs/validation.md may be used
// for.
type Role string

const (
	// Calibration targets may be used to fit parameters
	// (channelsim calibrate).
	Calibration Role = "calibration"
	// Validation targets are held out: never used to fit, so that meeting
	// them tests the model.
	Validation Role = "validation"
	// Input checks are met by inputs set from the same data; they check
	// the inputs' use, and fitting to them would be circular.
	Input Role = "input check"
)

// Target is one of the 2015 figures the baseline must reproduce, with its
// band (docs/research/calibration-targets.md §D) and how a run measures it.
type Target struct {
	ID, What string
	Scenario string // the scenario it is measured on
	Lo, Hi   float64
	Band     string // the band as published
	Unit     string
	Role     Role
	// From and To bound the days whose daily values the measure averages
	// ("" when it reads the summary).
	From, To string
	// Year is true when the measure is a yearly total: the run must last
	// a year.
	Year    bool
	measure func(s sim.Summary, daily map[string][]float64, dates []string) float64
}

// Measure returns the target's value in a run with summary s and daily
// series (as Model.DailySeries returns them); NaN when the run does not
// cover what the target needs.
func (t Target) Measure(s sim.Summary, daily map[string][]float64, dates []string) float64 {
	if t.From != "" && (len(dates) == 0 || dates[0] > t.From || dates[len(dates)-1] < t.To) {
		return math.NaN()
	}
	if t.Year {
		if d, _ := s.Float("days"); d < 365 {
			return math.NaN()
		}
	}
	return t.measure(s, daily, dates)
}

// Covers reports whether a run from start for days covers what the target
// needs, and if not, what it needs.
func (t Target) Covers(start engine.Date, days int) (bool, string) {
	if t.Year && days < 365 {
		return false, fmt.Sprintf("%s is a yearly total: it needs a run of 365 days, got %d", t.ID, days)
	}
	if t.From == "" {
		return true, ""
	}
	first := start.String()
	lt := time.Date(start.Year, start.Month, start.Day+days-1, 0, 0, 0, 0, time.UTC)
	if first > t.From || lt.Format("2006-01-02") < t.To {
		return false, fmt.Sprintf("%s averages %s to %s: the run from %s for %d days ends on %s", t.ID, t.From, t.To, first, days, lt.Format("2006-01-02"))
	}
	return true, ""
}

// Centre returns the middle of the band and its half-width.
func (t Target) Centre() (mid, half float64) { return (t.Lo + t.Hi) / 2, (t.Hi - t.Lo) / 2 }

func sumKey(k string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(s sim.Summary, _ map[string][]float64, _ []string) float64 { v, _ := s.Float(k); return v }
}

// windowMean averages a daily column over the days from from to to.
func windowMean(col, from, to string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(_ sim.Summary, d map[string][]float64, dates []string) float64 {
		var sum float64
		var n int
		for i, dt := range dates {
			if dt >= from && dt <= to && i < len(d[col]) {
				sum += d[col][i]
				n++
			}
		}
		if n == 0 {
			return math.NaN()
		}
		return sum / float64(n)
	}
}

// Targets returns the calibration targets of docs/validation.md in its
// order, each with its role.
func Targets() []Target {
	daily := func(id, what string, lo, hi float64, band, unit string, role Role, col, from, to string) Target {
		return Target{ID: id, What: what, Scenario: Default, Lo: lo, Hi: hi, Band: band, Unit: unit, Role: role,
			From: from, To: to, measure: windowMean(col, from, to)}
	}
	sum := func(id, what, scenario string, lo, hi float64, band, unit string, role Role, year bool, m func(sim.Summary, map[string][]float64, []string) float64) Target {
		return Target{ID: id, What: what, Scenario: scenario, Lo: lo, Hi: hi, Band: band, Unit: unit, Role: role, Year: year, measure: m}
	}
	return []Target{
		sum("C3", "UK-bound lorries a year", Default, 1_663_256*0.95, 1_663_256*1.05, "1.66 m ± 5 %", "lorries", Input, true, sumKey("lorries_arrived")),
		sum("C1:C2", "port share of UK-bound lorries", Default, 0.545, 0.565, "1,846,512 : ≈ 1.48 m", "", Input, false, func(s sim.Summary, _ map[string][]float64, _ []string) float64 {
			p, _ := s.Float("lorries_departed_port")
			t, _ := s.Float("lorries_departed_tunnel")
			return p / (p + t)
		}),
		daily("C6a", "camp population, July 2015 (mean)", 3000*0.85, 3000*1.15, "≈ 3,000 ± 15 %", "people", Calibration, "migrants_in_camp", "2015-07-01", "2015-07-31"),
		daily("C6b", "camp population, 15–31 Oct 2015 (mean)", 5750*0.85, 5750*1.15, "5,500–6,000 ± 15 %", "people", Calibration, "migrants_in_camp", "2015-10-15", "2015-10-31"),
		daily("C7", "detections at the juxtaposed controls a day, Jul–Nov 2015", 80, 160, "80–160", "people/day", Calibration, "detections", "2015-07-01", "2015-11-30"),
		daily("C9", "in-country encounters a day, Jul–Nov 2015", 25, 45, "25–45", "people/day", Validation, "in_country_encounters", "2015-07-01", "2015-11-30"),
		sum("A6", "X-ray whole-process time", Default, 45, 75, "45–75 min", "min", Input, false, sumKey("xray_process_time_mean_min")),
		sum("A6b", "X-ray beam time", Default, 0, 2, "≤ 2 min", "min", Input, false, sumKey("xray_beam_time_mean_min")),
		sum("A8", "days for the surge to return within 10 % of its prior level", "surge-after-paris", 12, 16, "12–16 days", "days", Input, false, sumKey("surge_return_days")),
		sum("A1", "removal plans cancelled", Default, 0.37, 0.43, "40 % ± 3 points", "", Calibration, false, sumKey("removal_cancellation_rate")),
		sum("A4", "tickets per removal", Default, 2.35, 2.65, "2.5 ± 0.15", "", Calibration, false, sumKey("tickets_per_removal")),
		sum("A2", "tickets cancelled per 18 months", Default, 34000*0.9, 34000*1.1, "34,000 ± 10 %", "tickets", Validation, true, func(s sim.Summary, _ map[string][]float64, _ []string) float64 {
			v, _ := s.Float("tickets_cancelled")
			d, _ := s.Float("days")
			return v * 547.5 / d
		}),
		sum("A3", "recorded ticket loss share of spend", Default, 0.035, 0.045, "4 % ± 0.5 points", "", Calibration, false, sumKey("ticket_loss_share")),
		sum("B", "ticketed removals a year", Default, 22700*0.9, 22700*1.1, "≈ 22,700 ± 10 %", "removals", Validation, true, perYear("removals_ticketed")),
		sum("C10", "enforced removals a year", Default, 12056*0.9, 12056*1.1, "≈ 12,000 ± 10 %", "removals", Validation, true, perYear("removals_enforced")),
	}
}

// perYear scales a count over the run to a year.
func perYear(k string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(s sim.Summary, _ map[string][]float64, _ []string) float64 {
		v, _ := s.Float(k)
		d, _ := s.Float("days")
		return v * 365 / d
	}
}

// CalibrationTarget is a target that may be used to fit parameters. The
// only way to make one is CalibrationTargets, which refuses held-out
// validation targets and input checks: calibration code that takes
// CalibrationTargets cannot be fed a validation target.
type CalibrationTarget struct{ t Target }

// Target returns the target.
func (c CalibrationTarget) Target() Target { return c.t }

// CalibrationTargets returns the named calibration targets (all of them
// when ids is empty). A validation target or an input check is refused,
// naming its role; an unknown id is refused with the known ones.
func CalibrationTargets(ids []string) ([]CalibrationTarget, error) {
	all := Targets()
	var out []CalibrationTarget
	if len(ids) == 0 {
		for _, t := range all {
			if t.Role == Calibration {
				out = append(out, CalibrationTarget{t})
			}
		}
		return out, nil
	}
	var known []string
	for _, t := range all {
		if t.Role == Calibration {
			known = append(known, t.ID)
		}
	}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		i := slices.IndexFunc(all, func(t Target) bool { return strings.EqualFold(t.ID, id) })
		if i < 0 {
			return nil, fmt.Errorf("unknown target %q: the calibration targets are %s", id, strings.Join(known, ", "))
		}
		t := all[i]
		if t.Role != Calibration {
			return nil, fmt.Errorf("target %s (%s) is a %s target, held out of calibration (docs/validation.md): the calibration targets are %s", t.ID, t.What, t.Role, strings.Join(known, ", "))
		}
		if slices.ContainsFunc(out, func(c CalibrationTarget) bool { return c.t.ID == t.ID }) {
			return nil, fmt.Errorf("target %s is named twice", t.ID)
		}
		out = append(out, CalibrationTarget{t})
	}
	return out, nil
}
