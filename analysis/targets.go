package analysis

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"channelsim/engine"
	"channelsim/scenarios"
	"channelsim/sim"
)

// Role says what a calibration target of docs/validation.md may be used
// for.
type Role string

const (
	// RoleCalibration: targets that may be used to fit parameters
	// (channelsim calibrate).
	RoleCalibration Role = "calibration"
	// RoleValidation: targets held out, never used to fit, so that meeting
	// them tests the model.
	RoleValidation Role = "validation"
	// RoleInput: checks met by inputs set from the same data; they check
	// the inputs' use, and fitting to them would be circular.
	RoleInput Role = "input check"
	// RoleContext: figures reported beside the targets without a band:
	// the record has nothing on the same basis to hold them to
	// (docs/validation.md says why for each).
	RoleContext Role = "context"
)

// The periods of the targets: the year whose record a target holds the
// model to. Only the calibration period's targets may be calibrated to;
// 2014 and 2016 are out of sample, each measured on its own baseline.
const (
	Period2014 = "2014"
	Period2015 = "2015"
	Period2016 = "2016"
	// CalibrationPeriod is the in-sample period, and validate's default.
	CalibrationPeriod = Period2015
)

// Periods returns the periods of the targets, in order.
func Periods() []string {
	return append([]string{Period2014, Period2015, Period2016}, boatPeriods...)
}

// ModelSiteShare is the share of the Home Office's detections at the UK
// juxtaposed controls in France and Belgium (Calais, Coquelles, Dunkirk,
// Lille, Paris, Brussels: the published scope of the FOI series, C7) that
// falls at the model's two sites, Calais port and the Eurotunnel terminal
// at Coquelles. EST: Dunkirk has about 12 DFDS sailings a day against ~73
// at Calais (P&O 58, DFDS ~15) plus the shuttles, so roughly a tenth of the
// lorries (domain-facts §1b–1c), and a smaller camp (Grande-Synthe; no
// count in the notes); Lille, Paris and Brussels control Eurostar
// passengers, not lorries. Every C7 target uses it; its range
// ModelSiteShareLo–ModelSiteShareHi makes the in-sample band
// (docs/validation.md).
const (
	ModelSiteShare   = 0.85
	ModelSiteShareLo = 0.75
	ModelSiteShareHi = 0.95
)

// Target is one of the published figures a period's baseline must
// reproduce, with its band (docs/research/calibration-targets.md §D) and
// how a run measures it.
type Target struct {
	ID, What string
	Period   string  // the year whose record it is (Periods)
	Scenario string  // the scenario it is measured on
	Lo, Hi   float64 // the band; NaN for a context figure
	Band     string  // the band as published
	// Observed is the published figure on the model's basis (the band's
	// centre; NaN when the band is not around one figure).
	Observed float64
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

// In reports whether x lies in the target's band; a context figure has
// no band and is never out of it.
func (t Target) In(x float64) bool {
	if t.Role == RoleContext {
		return true
	}
	return x >= t.Lo && x <= t.Hi
}

// Centre returns the middle of the band and its half-width.
func (t Target) Centre() (mid, half float64) { return (t.Lo + t.Hi) / 2, (t.Hi - t.Lo) / 2 }

func sumKey(k string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(s sim.Summary, _ map[string][]float64, _ []string) float64 { v, _ := s.Float(k); return v }
}

// windowMean averages a daily column over the days from from to to (NaN
// when the run covers none of those days).
func windowMean(col, from, to string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(_ sim.Summary, d map[string][]float64, dates []string) float64 {
		sum, n := window(d[col], dates, from, to)
		if n == 0 {
			return math.NaN()
		}
		return sum / float64(n)
	}
}

// window returns the sum of a daily column's values from from to to and
// how many days of the run it covers.
func window(col []float64, dates []string, from, to string) (sum float64, n int) {
	for i, dt := range dates {
		if dt >= from && dt <= to && i < len(col) {
			sum += col[i]
			n++
		}
	}
	return sum, n
}

// daysWith counts the days from from to to on which a daily column is
// above zero.
func daysWith(col, from, to string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(_ sim.Summary, d map[string][]float64, dates []string) float64 {
		n := 0
		for i, dt := range dates {
			if dt >= from && dt <= to && i < len(d[col]) && d[col][i] > 0 {
				n++
			}
		}
		return float64(n)
	}
}

// Targets returns the targets of docs/validation.md in its order, each
// with its period and role: 2015 (in sample, measured on the baseline),
// then the out-of-sample periods 2014 and 2016.
func Targets() []Target {
	daily := func(id, what string, lo, hi float64, band, unit string, role Role, col, from, to string) Target {
		return Target{ID: id, What: what, Period: Period2015, Scenario: scenarios.Default, Lo: lo, Hi: hi, Band: band, Observed: (lo + hi) / 2,
			Unit: unit, Role: role, From: from, To: to, measure: windowMean(col, from, to)}
	}
	sum := func(id, what, scenario string, lo, hi float64, band, unit string, role Role, year bool, m func(sim.Summary, map[string][]float64, []string) float64) Target {
		return Target{ID: id, What: what, Period: Period2015, Scenario: scenario, Lo: lo, Hi: hi, Band: band, Observed: (lo + hi) / 2,
			Unit: unit, Role: role, Year: year, measure: m}
	}
	in := []Target{
		sum("C3", "UK-bound lorries a year", scenarios.Default, 1_663_256*0.95, 1_663_256*1.05, "1.66 m ± 5 %", "lorries", RoleInput, true, sumKey("lorries_arrived")),
		sum("C1:C2", "port share of UK-bound lorries", scenarios.Default, 0.545, 0.565, "1,846,512 : ≈ 1.48 m", "", RoleInput, false, func(s sim.Summary, _ map[string][]float64, _ []string) float64 {
			p, _ := s.Float("lorries_departed_port")
			t, _ := s.Float("lorries_departed_tunnel")
			return p / (p + t)
		}),
		daily("C6a", "camp population, July 2015 (mean)", 3000*0.85, 3000*1.15, "≈ 3,000 ± 15 %", "people", RoleCalibration, "migrants_in_camp", "2015-07-01", "2015-07-31"),
		daily("C6b", "camp population, 15–31 Oct 2015 (mean)", 5750*0.85, 5750*1.15, "5,500–6,000 ± 15 %", "people", RoleCalibration, "migrants_in_camp", "2015-10-15", "2015-10-31"),
		// C7: almost 13,000 detections in July 2015 at all the juxtaposed
		// controls (Home Office FOI), the model's sites' share of them.
		daily("C7", "detections at the juxtaposed controls a day, July 2015", 13000*ModelSiteShareLo/31, 13000*ModelSiteShareHi/31,
			"13,000 × 0.75–0.95 ÷ 31", "people/day", RoleCalibration, "detections", "2015-07-01", "2015-07-31"),
		// C7b: the FOI gives 2015 as a year (84,088) and July only. The
		// year less January–June — 24,000 (a flat 4,000 a month, the 2014
		// level) to 40,500 (a linear rise to July's 13,000) — leaves
		// 43,600–60,100 for July–December; the baseline's July–November
		// mean stands for that half-year (December is not simulated).
		daily("C7b", "detections at the juxtaposed controls a day, Jul–Nov 2015", 43600*ModelSiteShareLo/184, 60100*ModelSiteShareHi/184,
			"(84,088 − 24,000…40,500) × 0.75–0.95 ÷ 184", "people/day", RoleCalibration, "detections", "2015-07-01", "2015-11-30"),
		daily("C9", "in-country encounters a day, Jul–Nov 2015", 25, 45, "25–45", "people/day", RoleValidation, "in_country_encounters", "2015-07-01", "2015-11-30"),
		// C13: Operation Stack on 32 days in 2015 (HC 65; Helen Whately
		// MP), on 24 of the 40 days to early August (BBC); 23–24 June lie
		// before the window. Held out: no parameter is fitted to it.
		{ID: "C13", What: "Operation Stack days, Jul–Nov 2015", Period: Period2015, Scenario: scenarios.Default, Lo: 20, Hi: 30,
			Band: "32 in 2015 less June's; 24 of 40 days to early Aug", Observed: 25, Unit: "days", Role: RoleValidation,
			From: "2015-07-01", To: "2015-11-30", measure: daysWith("operation_stack", "2015-07-01", "2015-11-30")},
		sum("A6", "X-ray whole-process time", scenarios.Default, 45, 75, "45–75 min", "min", RoleInput, false, sumKey("xray_process_time_mean_min")),
		sum("A6b", "X-ray beam time", scenarios.Default, 0, 2, "≤ 2 min", "min", RoleInput, false, sumKey("xray_beam_time_mean_min")),
		sum("A8", "days for the surge to return within 10 % of its prior level", "surge-after-paris", 12, 16, "12–16 days", "days", RoleInput, false, sumKey("surge_return_days")),
		sum("A1", "removal plans cancelled", scenarios.Default, 0.37, 0.43, "40 % ± 3 points", "", RoleCalibration, false, sumKey("removal_cancellation_rate")),
		sum("A4", "tickets per removal", scenarios.Default, 2.35, 2.65, "2.5 ± 0.15", "", RoleCalibration, false, sumKey("tickets_per_removal")),
		sum("A2", "tickets cancelled per 18 months", scenarios.Default, 34000*0.9, 34000*1.1, "34,000 ± 10 %", "tickets", RoleValidation, true, func(s sim.Summary, _ map[string][]float64, _ []string) float64 {
			v, _ := s.Float("tickets_cancelled")
			d, _ := s.Float("days")
			return v * 547.5 / d
		}),
		sum("A3", "recorded ticket loss share of spend", scenarios.Default, 0.035, 0.045, "4 % ± 0.5 points", "", RoleCalibration, false, sumKey("ticket_loss_share")),
		sum("B", "ticketed removals a year", scenarios.Default, 22700*0.9, 22700*1.1, "≈ 22,700 ± 10 %", "removals", RoleValidation, true, perYear("removals_ticketed")),
		sum("C10", "enforced removals a year", scenarios.Default, 12056*0.9, 12056*1.1, "≈ 12,000 ± 10 %", "removals", RoleValidation, true, perYear("removals_enforced")),
	}
	for i := range in {
		if in[i].ID == "A6b" {
			in[i].Observed = math.NaN() // a bound, "about a minute" of beam
		}
	}
	return append(append(append(in, outOfSample2014()...), outOfSample2016()...), boatTargets()...)
}

// periodTarget is a target of an out-of-sample period, measured as the
// mean of a daily column over from–to on the period's baseline.
func periodTarget(period, id, what string, lo, hi float64, band, unit string, role Role, col, from, to string) Target {
	return Target{ID: id, What: what, Period: period, Scenario: "baseline-" + period, Lo: lo, Hi: hi, Band: band,
		Observed: (lo + hi) / 2, Unit: unit, Role: role, From: from, To: to, measure: windowMean(col, from, to)}
}

// detectionsTarget is an out-of-sample C7 target: published detections
// over days, the model's sites' share of them a day, ± tol.
func detectionsTarget(period, id, what string, published, days, tol float64, band, from, to string) Target {
	mid := published * ModelSiteShare / days
	return periodTarget(period, id, what, mid*(1-tol), mid*(1+tol),
		fmt.Sprintf("%s × %.2f ÷ %.0f ± %.0f %%", band, ModelSiteShare, days, 100*tol), "people/day", RoleValidation, "detections", from, to)
}

// outOfSample2014 are the targets of baseline-2014 (1 September – 31
// October 2014).
func outOfSample2014() []Target {
	return []Target{
		// About 4,000 a month in 2014 (Home Office FOI to The Economist).
		detectionsTarget(Period2014, "C7-2014", "detections at the juxtaposed controls a day, Sep–Oct 2014", 4000*12, 365, 0.30,
			"4,000 × 12", "2014-09-01", "2014-10-31"),
		periodTarget(Period2014, "C6-2014a", "camp population, 1–7 Sep 2014 (mean)", 1300*0.85, 1300*1.15, "≈ 1,300 ± 15 %",
			"people", RoleInput, "migrants_in_camp", "2014-09-01", "2014-09-07"),
		periodTarget(Period2014, "C6-2014", "camp population, 25–31 Oct 2014 (mean)", 2500*0.85, 2500*1.15, "≈ 2,500 ± 15 %",
			"people", RoleInput, "migrants_in_camp", "2014-10-25", "2014-10-31"),
	}
}

// outOfSample2016 are the targets of baseline-2016 (the year 2016).
func outOfSample2016() []Target {
	months := []struct {
		n          int
		name, last string
		published  float64
	}{
		{1, "January", "31", 3600}, {2, "February", "29", 3000}, {3, "March", "31", 3300},
		{4, "April", "30", 4100}, {5, "May", "31", 4900}, {6, "June", "30", 5900},
	}
	var out []Target
	// By month, January–June 2016 (Home Office FOI to the Daily Express).
	for _, m := range months {
		days, _ := strconv.Atoi(m.last)
		out = append(out, detectionsTarget(Period2016, fmt.Sprintf("C7-2016-%02d", m.n),
			fmt.Sprintf("detections at the juxtaposed controls a day, %s 2016", m.name), m.published, float64(days), 0.25,
			groupThousands(m.published), fmt.Sprintf("2016-%02d-01", m.n), fmt.Sprintf("2016-%02d-%s", m.n, m.last)))
	}
	// More than 56,000 in the year (ICIBI 2025).
	out = append(out, detectionsTarget(Period2016, "C7-2016", "detections at the juxtaposed controls a day, 2016", 56000, 366, 0.25,
		"56,000", "2016-01-01", "2016-12-31"))
	uk := (1_908_924 + 1_641_638) / 2.0
	out = append(out,
		Target{ID: "C3-2016", What: "UK-bound lorries a year, 2016", Period: Period2016, Scenario: "baseline-2016", Lo: uk * 0.95, Hi: uk * 1.05,
			Band: "1.78 m ± 5 %", Observed: uk, Unit: "lorries", Role: RoleInput, Year: true, measure: perYear("lorries_arrived")},
		// The camp's size: the model follows the prefecture's counts (its
		// arrivals are set from them); the charities' censuses, always
		// higher, are carried as the top of the band (timeline §3): people
		// counted by the charities but not the prefecture, and those who
		// live in the camp but try little (families, minors, people waiting
		// for asylum in France), are the difference the model does not
		// resolve.
		observed(periodTarget(Period2016, "C6-2016a", "camp population, February 2016 (mean)", 4000*0.85, 5497, "≈ 4,000 (prefecture) − 15 % to 5,497 (charities' census)",
			"people", RoleInput, "migrants_in_camp", "2016-02-01", "2016-02-29"), 4000),
		periodTarget(Period2016, "C6-2016b", "camp population, 10–20 Jun 2016 (mean)", 4480*0.85, 4480*1.15, "4,480 ± 15 %",
			"people", RoleInput, "migrants_in_camp", "2016-06-10", "2016-06-20"),
		observed(periodTarget(Period2016, "C6-2016c", "camp population, 15–19 Aug 2016 (mean)", 6901*0.85, 9106, "6,901 (prefecture) − 15 % to 9,106 (charities' census)",
			"people", RoleInput, "migrants_in_camp", "2016-08-15", "2016-08-19"), 6901),
	)
	return out
}

// observed sets a target's published figure where it is not the band's
// centre (a band between two counts of the same thing).
func observed(t Target, x float64) Target {
	t.Observed = x
	return t
}

// groupThousands writes a whole number with thousands separators.
func groupThousands(x float64) string {
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TargetsFor returns the targets of a period (Periods), in the order of
// Targets; an unknown period is an error naming the known ones.
func TargetsFor(period string) ([]Target, error) {
	if !slices.Contains(Periods(), period) {
		return nil, fmt.Errorf("unknown period %q: expected one of %s", period, strings.Join(Periods(), ", "))
	}
	var out []Target
	for _, t := range Targets() {
		if t.Period == period {
			out = append(out, t)
		}
	}
	return out, nil
}

// ScenariosOf returns the scenarios the targets are measured on, in the
// order of their first target.
func ScenariosOf(ts []Target) []string {
	var out []string
	for _, t := range ts {
		if !slices.Contains(out, t.Scenario) {
			out = append(out, t.Scenario)
		}
	}
	return out
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

// CalibrationTargets returns the named calibration targets (when ids is
// empty, all those of 2015, on the default baseline; the small boats' of
// 2019–2021, on BoatsScenario, are named). A validation target or an input check is refused,
// naming its role; an unknown id is refused with the known ones.
func CalibrationTargets(ids []string) ([]CalibrationTarget, error) {
	all := Targets()
	var out []CalibrationTarget
	if len(ids) == 0 {
		for _, t := range all {
			if t.Role == RoleCalibration && t.Period == CalibrationPeriod {
				out = append(out, CalibrationTarget{t})
			}
		}
		return out, nil
	}
	var known []string
	for _, t := range all {
		if t.Role == RoleCalibration && t.Period == CalibrationPeriod {
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
		if t.Role != RoleCalibration {
			return nil, fmt.Errorf("target %s (%s) is a %s target, held out of calibration (docs/validation.md): the calibration targets are %s", t.ID, t.What, t.Role, strings.Join(known, ", "))
		}
		if !InSample(t.Period) {
			return nil, fmt.Errorf("target %s (%s) is of %s, out of sample and held out of calibration (docs/validation.md): the calibration targets are %s", t.ID, t.What, t.Period, strings.Join(known, ", "))
		}
		if slices.ContainsFunc(out, func(c CalibrationTarget) bool { return c.t.ID == t.ID }) {
			return nil, fmt.Errorf("target %s is named twice", t.ID)
		}
		out = append(out, CalibrationTarget{t})
	}
	return out, nil
}

// TargetIDs lists the targets' IDs, comma-separated.
func TargetIDs(ts []CalibrationTarget) string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.Target().ID
	}
	return strings.Join(ids, ", ")
}
