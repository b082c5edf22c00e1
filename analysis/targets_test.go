package analysis

import (
	"channelsim/scenarios"
	"math"
	"strings"
	"testing"
	"time"
)

// TestTargetBandsAndRoles is the table of the detection targets (C7, the
// Home Office FOI series) and the out-of-sample inputs: each target's
// period, role, scenario, band and published figure on the model's basis,
// worked out by hand from calibration-targets.md C7 with the share 0.85
// (0.75–0.95).
func TestTargetBandsAndRoles(t *testing.T) {
	cases := []struct {
		id, period string
		role       Role
		scenario   string
		lo, hi     float64 // NaN: no band
		observed   float64
	}{
		{"C7", "2015", RoleCalibration, "baseline-2015", 314.516, 398.387, 356.452},  // 13,000 × 0.75 / 31 … × 0.95 / 31
		{"C7b", "2015", RoleCalibration, "baseline-2015", 177.717, 310.299, 244.008}, // 43,600 × 0.75 / 184 … 60,100 × 0.95 / 184
		{"C6a", "2015", RoleCalibration, "baseline-2015", 2550, 3450, 3000},
		{"C9", "2015", RoleValidation, "baseline-2015", 25, 45, 35},
		{"C7-2014", "2014", RoleValidation, "baseline-2014", 78.247, 145.315, 111.781},    // 48,000 × 0.85 / 365 ± 30 %
		{"C6-2014a", "2014", RoleInput, "baseline-2014", 1105, 1495, 1300},                // early September 2014
		{"C6-2014", "2014", RoleInput, "baseline-2014", 2125, 2875, 2500},                 // end of October 2014
		{"C7-2016-01", "2016", RoleValidation, "baseline-2016", 74.032, 123.387, 98.710},  // 3,600 × 0.85 / 31 ± 25 %
		{"C7-2016-02", "2016", RoleValidation, "baseline-2016", 65.948, 109.914, 87.931},  // 3,000 / 29 (2016 is a leap year)
		{"C7-2016-03", "2016", RoleValidation, "baseline-2016", 67.863, 113.105, 90.484},  // 3,300 / 31
		{"C7-2016-04", "2016", RoleValidation, "baseline-2016", 87.125, 145.208, 116.167}, // 4,100 / 30
		{"C7-2016-05", "2016", RoleValidation, "baseline-2016", 100.766, 167.944, 134.355},
		{"C7-2016-06", "2016", RoleValidation, "baseline-2016", 125.375, 208.958, 167.167},
		{"C7-2016", "2016", RoleValidation, "baseline-2016", 97.541, 162.568, 130.055}, // 56,000 × 0.85 / 366 ± 25 %
		{"C3-2016", "2016", RoleInput, "baseline-2016", 1686517, 1864045, 1775281},
		{"C6-2016a", "2016", RoleInput, "baseline-2016", 3400, 5497, 4000},
		{"C6-2016c", "2016", RoleInput, "baseline-2016", 5865.85, 9106, 6901},
	}
	byID := map[string]Target{}
	for _, tg := range Targets() {
		if _, dup := byID[tg.ID]; dup {
			t.Errorf("target %s defined twice", tg.ID)
		}
		byID[tg.ID] = tg
	}
	near := func(a, b float64) bool {
		return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-3*math.Max(1, math.Abs(b))
	}
	for _, c := range cases {
		tg, ok := byID[c.id]
		if !ok {
			t.Errorf("no target %s", c.id)
			continue
		}
		if tg.Period != c.period || tg.Role != c.role || tg.Scenario != c.scenario {
			t.Errorf("%s: period %s, role %s, scenario %s; want %s, %s, %s", c.id, tg.Period, tg.Role, tg.Scenario, c.period, c.role, c.scenario)
		}
		if !near(tg.Lo, c.lo) || !near(tg.Hi, c.hi) || !near(tg.Observed, c.observed) {
			t.Errorf("%s: band [%.3f, %.3f], observed %.3f; want [%.3f, %.3f], %.3f", c.id, tg.Lo, tg.Hi, tg.Observed, c.lo, c.hi, c.observed)
		}
	}
	// Every C7 target is the model's sites' share of the published figure.
	if ModelSiteShareLo >= ModelSiteShare || ModelSiteShare >= ModelSiteShareHi || ModelSiteShareLo <= 0 || ModelSiteShareHi > 1 {
		t.Errorf("share %v outside its range %v–%v", ModelSiteShare, ModelSiteShareLo, ModelSiteShareHi)
	}
	if c7 := byID["C7"]; !near(c7.Observed, 13000*ModelSiteShare/31) {
		t.Errorf("C7 observed %v", c7.Observed)
	}
	// A context figure has no band and is never out of it; a target with a
	// band holds exactly its band.
	if !(Target{Role: RoleContext}).In(1e9) || !byID["C7"].In(356) || byID["C7"].In(300) || byID["C7"].In(400) {
		t.Error("In")
	}
}

// TestOutOfSampleNotCalibrated: no target of 2014, 2016 or 2022–2024 can
// be made into a CalibrationTarget, alone or beside an in-sample one, and
// the calibration targets are all of 2015 or of the small boats' 2019–2021.
func TestOutOfSampleNotCalibrated(t *testing.T) {
	n := 0
	for _, tg := range Targets() {
		if InSample(tg.Period) {
			continue
		}
		n++
		if tg.Role == RoleCalibration {
			t.Errorf("%s of %s has the calibration role", tg.ID, tg.Period)
		}
		for _, ids := range [][]string{{tg.ID}, {"C7", tg.ID}, {strings.ToLower(tg.ID)}} {
			if _, err := CalibrationTargets(ids); err == nil || !strings.Contains(err.Error(), "held out of calibration") {
				t.Errorf("CalibrationTargets(%v): %v", ids, err)
			}
		}
	}
	if n < 10 {
		t.Errorf("%d out-of-sample targets", n)
	}
	all, err := CalibrationTargets(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Target().Period != CalibrationPeriod {
			t.Errorf("calibration target %s of %s", c.Target().ID, c.Target().Period)
		}
	}
}

// TestTargetsForPeriods: each period's targets are measured on scenarios
// that exist and cover them (the baseline a year, the others their own
// horizon); an unknown period is refused with the known ones.
func TestTargetsForPeriods(t *testing.T) {
	total := 0
	for _, p := range Periods() {
		ts, err := TargetsFor(p)
		if err != nil || len(ts) == 0 {
			t.Fatalf("%s: %d targets, %v", p, len(ts), err)
		}
		total += len(ts)
		for _, tg := range ts {
			sc, err := scenarios.Load(tg.Scenario)
			if err != nil {
				t.Fatalf("%s: %v", tg.ID, err)
			}
			days := sc.Config.Days
			if tg.Scenario == scenarios.Default {
				days = 365
			}
			if ok, why := tg.Covers(sc.Config.Start, days); tg.Period != p || !ok {
				t.Errorf("%s (period %s in %s): %s", tg.ID, tg.Period, p, why)
			}
		}
	}
	if total != len(Targets()) {
		t.Errorf("the periods hold %d targets of %d", total, len(Targets()))
	}
	for _, bad := range []string{"2013", "", "2015 "} {
		if _, err := TargetsFor(bad); err == nil || !strings.Contains(err.Error(), "expected one of 2014, 2015, 2016") {
			t.Errorf("period %q: %v", bad, err)
		}
	}
}

// TestCalibrationTargetsRefuseHeldOut: a validation target or an input
// check cannot be made into a CalibrationTarget, so calibration code
// cannot be fed one.
func TestCalibrationTargetsRefuseHeldOut(t *testing.T) {
	all, err := CalibrationTargets(nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range all {
		if c.Target().Role != RoleCalibration {
			t.Errorf("%s has role %s", c.Target().ID, c.Target().Role)
		}
		ids = append(ids, c.Target().ID)
	}
	if strings.Join(ids, ",") != "C6a,C6b,C7,C7b,A1,A4,A3" {
		t.Errorf("calibration targets %v", ids)
	}
	for _, tg := range Targets() {
		_, err := CalibrationTargets([]string{"C7", tg.ID})
		switch {
		case tg.Role == RoleCalibration && tg.ID != "C7" && err != nil:
			t.Errorf("%s refused: %v", tg.ID, err)
		case tg.Role != RoleCalibration && (err == nil || !strings.Contains(err.Error(), "held out of calibration")):
			t.Errorf("%s (%s) accepted or refused for another reason: %v", tg.ID, tg.Role, err)
		}
	}
	held := 0
	for _, tg := range Targets() {
		if tg.Role == RoleValidation {
			held++
		}
	}
	if held == 0 {
		t.Error("no held-out validation target")
	}
	if _, err := CalibrationTargets([]string{"C77"}); err == nil || !strings.Contains(err.Error(), "unknown target") {
		t.Errorf("unknown id: %v", err)
	}
}

func TestTargetCovers(t *testing.T) {
	byID := map[string]Target{}
	for _, tg := range Targets() {
		byID[tg.ID] = tg
	}
	start := load(t, "baseline-2015").Config.Start
	if ok, _ := byID["C6b"].Covers(start, 153); !ok {
		t.Error("C6b: 153 days from 1 July cover 15–31 October")
	}
	if ok, why := byID["C6b"].Covers(start, 30); ok || !strings.Contains(why, "ends on 2015-07-30") {
		t.Errorf("C6b over 30 days: %v %s", ok, why)
	}
	if ok, _ := byID["C10"].Covers(start, 153); ok {
		t.Error("C10 is a yearly total")
	}
}

// TestBoatTargetsMeasure: each small-boat year's targets measure a known
// daily series: arrivals summed over the year and its months (29 days in
// February 2020 and 2024), people per boat and the share prevented as
// ratios of the year's sums, lorry detections summed; the bands are the
// record's ± 30 %, a factor of 2 for people per boat and 2024's lorry
// detections; 2019–2021 may be calibrated to, 2022–2024 may not.
func TestBoatTargetsMeasure(t *testing.T) {
	var dates []string
	cols := map[string][]float64{}
	for d := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2025; d = d.AddDate(0, 0, 1) {
		dates = append(dates, d.Format("2006-01-02"))
		cols["small_boat_arrivals"] = append(cols["small_boat_arrivals"], 30)
		cols["small_boats_arrived"] = append(cols["small_boats_arrived"], 1)
		cols["small_boat_people_prevented"] = append(cols["small_boat_people_prevented"], 10)
		cols["detections"] = append(cols["detections"], 2)
		cols["in_country_encounters"] = append(cols["in_country_encounters"], 1)
	}
	for _, period := range []string{Period2019, Period2020, Period2021, Period2022, Period2023, Period2024} {
		ts, err := TargetsFor(period)
		if err != nil {
			t.Fatal(err)
		}
		days := 365.0
		if period == Period2020 || period == Period2024 {
			days = 366
		}
		seen := map[string]bool{}
		for _, tg := range ts {
			v := tg.Measure(nil, cols, dates)
			var want float64
			switch id := tg.ID; {
			case id == "SB-"+period:
				want = 30 * days
				if math.Abs(tg.Lo-0.7*tg.Observed) > 1e-9 || math.Abs(tg.Hi-1.3*tg.Observed) > 1e-9 {
					t.Errorf("%s: band %g–%g around %g", id, tg.Lo, tg.Hi, tg.Observed)
				}
				if (tg.Role == RoleCalibration) != (period <= Period2021) {
					t.Errorf("%s: role %s", id, tg.Role)
				}
			case id == "SB-"+period+"-02":
				want = 30 * (days - 337)
			case id == "SB-"+period+"-12":
				want = 30 * 31
			case id == "PPB-"+period:
				want = 30
				if tg.Lo != tg.Observed/2 || tg.Hi != tg.Observed*2 {
					t.Errorf("%s: band %g–%g around %g", id, tg.Lo, tg.Hi, tg.Observed)
				}
			case id == "PREV-"+period:
				want = 0.25
			case id == "LORRY-"+period:
				want = 2 * days
				if period == Period2024 && (tg.Lo != tg.Observed/2 || tg.Hi != tg.Observed*2) {
					t.Errorf("%s: band %g–%g around %g", id, tg.Lo, tg.Hi, tg.Observed)
				}
			case id == "INUK-"+period:
				want = days
			default:
				continue
			}
			seen[tg.ID] = true
			if math.Abs(v-want) > 1e-9 {
				t.Errorf("%s: measured %g, want %g", tg.ID, v, want)
			}
		}
		if !seen["SB-"+period] || !seen["PPB-"+period] || !seen["SB-"+period+"-12"] {
			t.Errorf("%s: targets %v", period, seen)
		}
	}
}
