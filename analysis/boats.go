package analysis

import (
	"fmt"
	"math"
	"slices"

	ho "channelsim/analysis/observed"
	"channelsim/scenarios"
	"channelsim/sim"
)

// The periods of the small boats, measured on one run of
// BoatsScenario from 2018: 2019–2021 in sample (calibration), 2022–2024 out
// of sample (docs/validation-log.md entry 7).
const (
	Period2019 = "2019"
	Period2020 = "2020"
	Period2021 = "2021"
	Period2022 = "2022"
	Period2023 = "2023"
	Period2024 = "2024"
	// BoatsScenario is the run the small boats' periods are measured on.
	BoatsScenario = "baseline-2018-2024"
)

// boatPeriods are the small boats' periods, in order; boatsInSample those
// calibrated to.
var (
	boatPeriods   = []string{Period2019, Period2020, Period2021, Period2022, Period2023, Period2024}
	boatsInSample = []string{Period2019, Period2020, Period2021}
)

// InSample reports whether a period's targets may be calibrated to: 2015
// for the lorries, 2019–2021 for the small boats.
func InSample(period string) bool {
	return period == CalibrationPeriod || slices.Contains(boatsInSample, period)
}

// UsesKeptPosterior reports whether validate measures a period under a
// kept calibration sample by default: the out-of-sample years, each under
// the sample of its calibration (KeptPosteriorFor).
func UsesKeptPosterior(period string) bool {
	return !InSample(period)
}

// PosteriorBase is the scenario a period's parameter samples are fitted
// to: BoatsScenario for the small boats' years, the default baseline for
// the others (2014 and 2016 extend it without changing the sampled keys).
func PosteriorBase(period string) string {
	if slices.Contains(boatPeriods, period) {
		return BoatsScenario
	}
	return scenarios.Default
}

// KeptPosteriorFor returns the kept sample a period is measured under by
// default: its name for messages and its text (docs/calibration for 2014
// and 2016, docs/calibration/boats for 2022–2024).
func KeptPosteriorFor(period string) (name string, text []byte) {
	if PosteriorBase(period) == BoatsScenario {
		return scenarios.KeptBoatsPosteriorName, scenarios.KeptBoatsPosterior()
	}
	return scenarios.KeptPosteriorName, scenarios.KeptPosterior()
}

// boatTargets are the small boats' targets: the Home Office's series
// (analysis/observed) by year and month, the people per boat, the share
// of people the French authorities prevented, lorry detections at the
// juxtaposed controls, and people detected in the UK, as context.
func boatTargets() []Target {
	days, err := ho.SmallBoatsDaily()
	if err != nil {
		panic(fmt.Sprintf("analysis: the embedded small-boat series: %v", err)) // part of the program, tested
	}
	var out []Target
	for _, period := range boatPeriods {
		out = append(out, boatYear(period, days)...)
	}
	return out
}

// boatYear are one year's targets.
func boatYear(period string, days []ho.Day) []Target {
	role := RoleValidation
	if InSample(period) {
		role = RoleCalibration
	}
	from, to := period+"-01-01", period+"-12-31"
	var people, boats float64
	months := make([]float64, 12)
	for _, d := range days {
		if d.Date.Format("2006") == period {
			people += float64(d.People)
			boats += float64(d.Boats)
			months[d.Date.Month()-1] += float64(d.People)
		}
	}
	ppb := people / boats
	out := []Target{
		banded(boatTarget(period, "SB-"+period, fmt.Sprintf("small-boat arrivals, %s", period), people, "people", role,
			windowSum("small_boat_arrivals", from, to), from, to),
			0.7*people, 1.3*people, groupThousands(people)+" ± 30 % (Home Office SB_01)"),
		// People per boat: the right order, within a factor of 2.
		banded(boatTarget(period, "PPB-"+period, fmt.Sprintf("people per boat arrived, %s", period), ppb, "people per boat", RoleValidation,
			ratioOfSums("small_boat_arrivals", "small_boats_arrived", from, to), from, to),
			ppb/2, ppb*2, fmt.Sprintf("%.1f ÷ 2 to × 2", ppb)),
	}
	for m := range 12 {
		mf, mt := fmt.Sprintf("%s-%02d-01", period, m+1), monthEnd(period, m+1)
		out = append(out, boatTarget(period, fmt.Sprintf("SB-%s-%02d", period, m+1), fmt.Sprintf("small-boat arrivals, %s %s", monthNames[m], period),
			months[m], "people", RoleContext, windowSum("small_boat_arrivals", mf, mt), mf, mt))
	}
	if p, ok := preventedShare[period]; ok {
		out = append(out, banded(boatTarget(period, "PREV-"+period, "share of people stopped on the beach, "+period+": prevented ÷ (prevented + arrived)",
			p.share, "share", role, shareOfSums("small_boat_people_prevented", "small_boat_arrivals", from, to), from, to),
			p.share-0.10, p.share+0.10, p.band))
	}
	if l, ok := lorryDetections[period]; ok {
		mid := l.people * ModelSiteShare
		out = append(out, banded(boatTarget(period, "LORRY-"+period, "people detected at the juxtaposed controls, "+period, mid, "people", role,
			windowSum("detections", from, to), from, to), mid*l.lo, mid*l.hi, l.band))
	}
	if n, ok := detectedInUK[period]; ok {
		out = append(out, boatTarget(period, "INUK-"+period, "people detected in the UK after a clandestine entry, "+period+" (all routes and vehicles)",
			n, "people", RoleContext, windowSum("in_country_encounters", from, to), from, to))
	}
	return out
}

// boatTarget is a target on BoatsScenario with no band (a context figure
// until banded gives it one).
func boatTarget(period, id, what string, obs float64, unit string, role Role, m func(sim.Summary, map[string][]float64, []string) float64, from, to string) Target {
	return Target{ID: id, What: what, Period: period, Scenario: BoatsScenario, Observed: obs, Unit: unit, Role: role, From: from, To: to, measure: m,
		Lo: math.NaN(), Hi: math.NaN(), Band: "–"}
}

// banded gives t the band lo–hi, written as band.
func banded(t Target, lo, hi float64, band string) Target {
	t.Lo, t.Hi, t.Band = lo, hi, band
	return t
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// monthEnd is the last day of a month, as a date string.
func monthEnd(year string, month int) string {
	last := [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && (year == "2020" || year == "2024") {
		last = 29
	}
	return fmt.Sprintf("%s-%02d-%02d", year, month, last)
}

// preventedShare is the share of people the French authorities stopped of
// those who tried (docs/research/small-boats.md §2): >23,000 prevented and
// 28,526 arrived in 2021 (PQ HL3419); 33,788 prevented, 42.4 % of people
// in 2022 (UK–France Joint Leaders' Declaration, 10 Mar 2023); ~26,000
// prevented and 29,437 arrived in 2023 (HO statement, 3 Jan 2024); 42 % of
// people from 5 May to 29 Dec 2024 (HO SB_02).
var preventedShare = map[string]struct {
	share float64
	band  string
}{
	Period2021: {0.45, "23,000 ÷ (23,000 + 28,526) ± 10 points"},
	Period2022: {0.424, "42.4 % ± 10 points"},
	Period2023: {0.47, "26,000 ÷ (26,000 + 29,437) ± 10 points"},
	Period2024: {0.42, "42 % (May–Dec) ± 10 points"},
}

// lorryDetections are the people detected at the juxtaposed controls
// (Calais, Coquelles, Dunkirk) in the years published: 18,420 in 2021 and
// about 5,000 in 2024 (ICIBI, 25 Mar 2025, via PA), on the model's basis
// (ModelSiteShare).
var lorryDetections = map[string]struct {
	people, lo, hi float64 // the record and its band's ends as multiples of it
	band           string
}{
	Period2021: {18420, 0.7, 1.3, "18,420 × 0.85 ± 30 %"},
	Period2024: {5000, 0.5, 2, "~5,000 × 0.85, ÷ 2 to × 2"},
}

// detectedInUK are the people detected in the UK within 72 hours of a
// clandestine entry, all routes and vehicles (Home Office, Irregular
// migration detailed dataset, Irr_D01): context, since the model's
// encounters come from Calais and Coquelles and the other routes' ratio.
var detectedInUK = map[string]float64{
	Period2019: 8239, Period2020: 5465, Period2021: 5061, Period2022: 3488, Period2023: 3117,
}

// windowSum sums a daily column from from to to (NaN when the run covers
// none of those days).
func windowSum(col, from, to string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(_ sim.Summary, d map[string][]float64, dates []string) float64 {
		sum, n := window(d[col], dates, from, to)
		if n == 0 {
			return math.NaN()
		}
		return sum
	}
}

// ratioOfSums is the sum of column a over that of b, from from to to.
func ratioOfSums(a, b, from, to string) func(sim.Summary, map[string][]float64, []string) float64 {
	sa, sb := windowSum(a, from, to), windowSum(b, from, to)
	return func(s sim.Summary, d map[string][]float64, dates []string) float64 {
		return sa(s, d, dates) / sb(s, d, dates)
	}
}

// shareOfSums is a ÷ (a + b) over the window.
func shareOfSums(a, b, from, to string) func(sim.Summary, map[string][]float64, []string) float64 {
	sa, sb := windowSum(a, from, to), windowSum(b, from, to)
	return func(s sim.Summary, d map[string][]float64, dates []string) float64 {
		x := sa(s, d, dates)
		return x / (x + sb(s, d, dates))
	}
}
