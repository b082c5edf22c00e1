package scenarios

import (
	"math"
	"strings"
	"testing"
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
		{"C7", "2015", Calibration, "baseline-2015", 314.516, 398.387, 356.452},  // 13,000 × 0.75 / 31 … × 0.95 / 31
		{"C7b", "2015", Calibration, "baseline-2015", 177.717, 310.299, 244.008}, // 43,600 × 0.75 / 184 … 60,100 × 0.95 / 184
		{"C6a", "2015", Calibration, "baseline-2015", 2550, 3450, 3000},
		{"C9", "2015", Validation, "baseline-2015", 25, 45, 35},
		{"C7-2014", "2014", Validation, "baseline-2014", 78.247, 145.315, 111.781},    // 48,000 × 0.85 / 365 ± 30 %
		{"C6-2014a", "2014", Input, "baseline-2014", 1105, 1495, 1300},                // early September 2014
		{"C6-2014", "2014", Input, "baseline-2014", 2125, 2875, 2500},                 // end of October 2014
		{"C7-2016-01", "2016", Validation, "baseline-2016", 74.032, 123.387, 98.710},  // 3,600 × 0.85 / 31 ± 25 %
		{"C7-2016-02", "2016", Validation, "baseline-2016", 65.948, 109.914, 87.931},  // 3,000 / 29 (2016 is a leap year)
		{"C7-2016-03", "2016", Validation, "baseline-2016", 67.863, 113.105, 90.484},  // 3,300 / 31
		{"C7-2016-04", "2016", Validation, "baseline-2016", 87.125, 145.208, 116.167}, // 4,100 / 30
		{"C7-2016-05", "2016", Validation, "baseline-2016", 100.766, 167.944, 134.355},
		{"C7-2016-06", "2016", Validation, "baseline-2016", 125.375, 208.958, 167.167},
		{"C7-2016", "2016", Validation, "baseline-2016", 97.541, 162.568, 130.055}, // 56,000 × 0.85 / 366 ± 25 %
		{"C3-2016", "2016", Input, "baseline-2016", 1686517, 1864045, 1775281},
		{"C6-2016a", "2016", Input, "baseline-2016", 3400, 5497, 4000},
		{"C6-2016c", "2016", Input, "baseline-2016", 5865.85, 9106, 6901},
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
	if !(Target{Role: Context}).In(1e9) || !byID["C7"].In(356) || byID["C7"].In(300) || byID["C7"].In(400) {
		t.Error("In")
	}
}

// TestOutOfSampleNotCalibrated: no target of 2014 or 2016 can be made into
// a CalibrationTarget, alone or beside an in-sample one, and the
// calibration targets are all of 2015.
func TestOutOfSampleNotCalibrated(t *testing.T) {
	n := 0
	for _, tg := range Targets() {
		if tg.Period == CalibrationPeriod {
			continue
		}
		n++
		if tg.Role == Calibration {
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
			sc, err := Load(tg.Scenario)
			if err != nil {
				t.Fatalf("%s: %v", tg.ID, err)
			}
			days := sc.Config.Days
			if tg.Scenario == Default {
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

// TestPeriodBaselines: baseline-2014 and baseline-2016 change from the
// 2015 baseline only their own year's inputs: the dates, freight, the
// camp, the police, the closures (none), and for 2016 the rocade
// barricades and the Eurotunnel terminal.
func TestPeriodBaselines(t *testing.T) {
	base := baseline(t).Config
	for _, c := range []struct {
		name              string
		start             string
		days, camp        int
		ukBound           float64
		police            int
		barricades        bool
		coquellesFence    float64
		rocadeFence       float64
		lastArrivalsFrom  string
		lastArrivalPerDay float64
	}{
		{"baseline-2014", "2014-07-01", 123, 1100, 1_631_399, 0, false, 0.6, 0.2, "2014-09-01", 60},
		{"baseline-2016", "2015-07-01", 550, 3000, 1_775_281, 3, true, 0.6, 0.4, "2016-10-24", 0},
	} {
		sc, err := Load(c.name)
		if err != nil {
			t.Fatal(err)
		}
		cfg := sc.Config
		mg := cfg.Migrants
		if cfg.Start.String() != c.start || cfg.Days != c.days || mg.InitialCamp != c.camp || cfg.Freight.UKBoundPerYear != c.ukBound ||
			len(mg.Police) != c.police || mg.Barricades.Enabled != c.barricades || len(cfg.Closures) != 0 {
			t.Errorf("%s: start %s, %d days, camp %d, %v UK-bound, %d police steps, barricades %v, %d closures", c.name, cfg.Start, cfg.Days,
				mg.InitialCamp, cfg.Freight.UKBoundPerYear, len(mg.Police), mg.Barricades.Enabled, len(cfg.Closures))
		}
		last := mg.Arrivals[len(mg.Arrivals)-1]
		if last.From.String() != c.lastArrivalsFrom || last.PerDay != c.lastArrivalPerDay {
			t.Errorf("%s: last arrivals %s %v", c.name, last.From, last.PerDay)
		}
		// The fences as built by the start: the spot's, or the last works
		// on it dated before the start.
		fenceAt := func(spot string) float64 {
			fence := math.NaN()
			for _, sp := range mg.Spots {
				if sp.Name == spot {
					fence = sp.Fence
				}
			}
			for _, w := range mg.Works {
				if w.Spot == spot && w.From.String() < c.start {
					fence = w.Fence
				}
			}
			return fence
		}
		if f := fenceAt("spot-coquelles"); f != c.coquellesFence {
			t.Errorf("%s: Coquelles fence %v at the start, want %v", c.name, f, c.coquellesFence)
		}
		if f := fenceAt("spot-rocade"); f != c.rocadeFence {
			t.Errorf("%s: rocade fence %v at the start, want %v", c.name, f, c.rocadeFence)
		}
		// The spots' behavioural parameters are calibrated: the period
		// keeps them.
		if len(mg.Spots) != len(base.Migrants.Spots) {
			t.Errorf("%s has %d spots, the baseline %d", c.name, len(mg.Spots), len(base.Migrants.Spots))
		} else {
			for i, sp := range mg.Spots {
				if b := base.Migrants.Spots[i]; sp.Base != b.Base || sp.Share != b.Share || sp.Unknown != b.Unknown {
					t.Errorf("%s changes spot %s's calibrated parameters", c.name, sp.Name)
				}
			}
		}
		// What the period does not set is the baseline's.
		if cfg.Screening.Share != base.Screening.Share || cfg.Controls.SearchShare != base.Controls.SearchShare || mg.TryShare != base.Migrants.TryShare ||
			cfg.Removals.CasesPerYear != base.Removals.CasesPerYear {
			t.Errorf("%s changes a calibrated parameter", c.name)
		}
	}
}
