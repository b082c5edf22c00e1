package scenarios

import (
	"math"
	"testing"
)

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
