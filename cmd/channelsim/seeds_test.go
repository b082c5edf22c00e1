package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"channelsim/analysis"
	"channelsim/report"
	"channelsim/scenarios"
	"channelsim/sim"
)

// TestValidateSeedBySeed reads the 2014 period (61 days) with three
// replications through the command line (validate2014): the table has the
// seed columns and the table of values seed by seed; the JSON gives each
// target's three values in seed order (seed 2's and 3's checked against
// runs made here, apart from validate), in_band counts those in the band,
// split is null or groups of all the seeds; the CSV has seed_1…seed_3
// with the same values; and the exit status is 3 exactly when a mean is
// outside its band.
func TestValidateSeedBySeed(t *testing.T) {
	t.Parallel()
	const reps = 3
	runs, err := validate2014()
	if err != nil {
		t.Fatal(err)
	}
	r := runs[1]
	table := r.table
	for _, want := range []string{"| seeds in band | min – max over seeds | split | result |", "Seed by seed", "| target | band | seed 1 | seed 2 | seed 3 | seeds in band |"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q (exit %d, %s):\n%s", want, r.csv.code, r.csv.errs, table)
		}
	}
	if strings.Contains(table, "Wall time") || !strings.Contains(r.csv.errs, "wall time") || !strings.Contains(r.json.errs, "wall time") {
		t.Errorf("the wall time belongs on stderr: the table\n%s\nstderr %s", table, r.csv.errs)
	}

	code, out, errs := r.json.code, r.json.out, r.json.errs
	var rows []struct {
		Target string     `json:"target"`
		Role   string     `json:"role"`
		BandLo *float64   `json:"band_lo"`
		BandHi *float64   `json:"band_hi"`
		Mean   *float64   `json:"mean"`
		Pass   bool       `json:"pass"`
		Seeds  []*float64 `json:"seeds"`
		InBand *int       `json:"in_band"`
		Min    *float64   `json:"seed_min"`
		Max    *float64   `json:"seed_max"`
		Split  *struct {
			Groups []struct{ N int } `json:"groups"`
		} `json:"split"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("exit %d: %v\n%s\n%s", code, err, out, errs)
	}
	ts, _ := analysis.TargetsFor(analysis.Period2014)
	if len(rows) != len(ts) {
		t.Fatalf("%d rows for %d targets", len(rows), len(ts))
	}
	direct := measureDirect(t, ts, 2, 3)
	missed := false
	for i, r := range rows {
		if len(r.Seeds) != reps {
			t.Fatalf("%s: %d seeds, want %d", r.Target, len(r.Seeds), reps)
		}
		in, sum := 0, 0.0
		lo, hi := math.Inf(1), math.Inf(-1)
		for j, x := range r.Seeds {
			if x == nil {
				t.Fatalf("%s: seed %d has no value", r.Target, j+1)
			}
			if r.BandLo != nil && *x >= *r.BandLo && *x <= *r.BandHi {
				in++
			}
			sum += *x
			lo, hi = math.Min(lo, *x), math.Max(hi, *x)
		}
		for seed, want := range direct[ts[i].ID] {
			if got := *r.Seeds[seed-1]; math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
				t.Errorf("%s: seed %d is %v in the JSON, %v in a run of seed %d", r.Target, seed, got, want, seed)
			}
		}
		if r.Role == string(analysis.RoleContext) != (r.InBand == nil) || r.InBand != nil && *r.InBand != in {
			t.Errorf("%s: in_band %v, %d of the seeds are in [%v, %v]", r.Target, r.InBand, in, r.BandLo, r.BandHi)
		}
		if math.Abs(*r.Mean-sum/reps) > 1e-6*math.Abs(*r.Mean) || *r.Min != lo || *r.Max != hi {
			t.Errorf("%s: mean %v, min %v, max %v of %v", r.Target, *r.Mean, *r.Min, *r.Max, r.Seeds)
		}
		if r.Split != nil {
			n := 0
			for _, g := range r.Split.Groups {
				n += g.N
			}
			if len(r.Split.Groups) < 2 || n != reps {
				t.Errorf("%s: split %+v", r.Target, r.Split)
			}
		}
		missed = missed || !r.Pass
	}
	if want := map[bool]int{true: exitBandMissed, false: exitOK}[missed]; code != want {
		t.Errorf("exit %d, want %d (a band missed: %v)", code, want, missed)
	}

	code, out = r.csv.code, r.csv.out
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 1+len(ts) {
		t.Fatalf("csv: exit %d, %v, %d records", code, err, len(recs))
	}
	head := strings.Join(recs[0], ",")
	if !strings.HasSuffix(head, ",pass,in_band,seeds_n,seed_min,seed_max,split,seed_1,seed_2,seed_3") {
		t.Errorf("csv header: %s", head)
	}
	for i, rec := range recs[1:] {
		if len(rec) != len(recs[0]) {
			t.Fatalf("csv row %d: %d fields for %d columns", i, len(rec), len(recs[0]))
		}
		if n := rec[len(rec)-reps-4]; n != "3" {
			t.Errorf("%s: seeds_n %q", rec[0], n)
		}
		for j := 0; j < reps; j++ {
			if got, want := rec[len(rec)-reps+j], report.Float(float64(*rows[i].Seeds[j])); got != want {
				t.Errorf("%s: seed_%d %q in the CSV, %q in the JSON", rec[0], j+1, got, want)
			}
		}
	}
}

// measureDirect runs the 2014 baseline with each of seeds as a single
// model, apart from validate's batch, and measures the targets ts.
func measureDirect(t *testing.T, ts []analysis.Target, seeds ...uint64) map[string]map[uint64]float64 {
	t.Helper()
	sc, err := scenarios.Load(ts[0].Scenario)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[uint64]float64{}
	for _, seed := range seeds {
		cfg := *sc.Config
		cfg.Seed = seed
		cfg.Days = analysis.ValidationDays(sc)
		m, err := sim.NewDefault(&cfg)
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		dates, cols, err := m.DailySeries()
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range ts {
			if out[tg.ID] == nil {
				out[tg.ID] = map[uint64]float64{}
			}
			out[tg.ID][seed] = tg.Measure(m.Summary(), cols, dates)
		}
	}
	return out
}

// TestARDResult: 2016's ARD row is, seed by seed, the mean of
// |value − observed| / observed over the six months; a seed with a month
// missing has none; it is a summary row, counted in the band when ≤ 0.25
// and never in the exit status; other periods have none.
func TestARDResult(t *testing.T) {
	ts, err := analysis.TargetsFor(analysis.Period2016)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string][]float64{}
	for _, tg := range ts {
		// Seed 1 on the record, seed 2 at +20 %, seed 3 at −60 % in
		// June only and +10 % otherwise.
		values[tg.ID] = []float64{tg.Observed, 1.2 * tg.Observed, 1.1 * tg.Observed}
		if tg.ID == "C7-2016-06" {
			values[tg.ID][2] = 0.4 * tg.Observed
		}
	}
	want := []float64{0, 0.2, (5*0.1 + 0.6) / 6}
	rs := analysis.Summarise(ts, values)
	ard, ok := analysis.ARD(analysis.Period2016, rs)
	if !ok {
		t.Fatal("no ARD for 2016")
	}
	for i, w := range want {
		if math.Abs(ard.Seeds[i]-w) > 1e-12 {
			t.Errorf("seed %d: ARD %v, want %v", i+1, ard.Seeds[i], w)
		}
	}
	if ard.Role != analysis.RoleSummary || ard.InBand != 3 || !ard.Pass || ard.N != 3 {
		t.Errorf("ARD row: %+v", ard)
	}
	if validateStatus([]analysis.TargetResult{ard}) != exitOK {
		t.Error("the ARD row counted in the exit status")
	}
	rep := report.SeedTable(analysis.Period2016, append(rs, ard), 3)
	if !strings.Contains(rep, "| ARD Jan–Jun | ≤ 0.25 | 0.000 | 0.200 | 0.183 | 3/3 |") {
		t.Errorf("the seed table's ARD row:\n%s", rep)
	}
	values["C7-2016-03"][1] = math.NaN()
	ard, _ = analysis.ARD(analysis.Period2016, analysis.Summarise(ts, values))
	if !math.IsNaN(ard.Seeds[1]) || math.IsNaN(ard.Seeds[0]) || ard.InBand != 2 {
		t.Errorf("with a month missing in seed 2: %v, %d in the band", ard.Seeds, ard.InBand)
	}
	if _, ok := analysis.ARD(analysis.Period2016, rs[1:]); ok {
		t.Error("an ARD without January")
	}
	rs14 := analysis.Summarise(mustTargets(t, analysis.Period2014), map[string][]float64{})
	if _, ok := analysis.ARD(analysis.Period2014, rs14); ok {
		t.Error("an ARD for 2014")
	}
}

func mustTargets(t *testing.T, period string) []analysis.Target {
	ts, err := analysis.TargetsFor(period)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestSeedOutputs: the split is shown in the table and given as groups
// in JSON and CSV; the table of values seed by seed is left out for 2015
// beyond 10 replications only; a value of 0 is written 0 in the CSV, a
// missing one empty.
func TestSeedOutputs(t *testing.T) {
	ts := mustTargets(t, analysis.Period2014)
	xs := []float64{160, 162, 161, 420, 421, 159, 419, 158, 422, 420}
	r := analysis.Summarise(ts[:1], map[string][]float64{ts[0].ID: xs})[0]
	if !r.Split() || r.SplitText(", ", report.Num) != "5 at ≈ 160.0, 5 at ≈ 420.4" {
		t.Errorf("split %v: %q", r.Groups, r.SplitText(", ", report.Num))
	}
	rep, err := report.ValidationMarkdown(analysis.Period2014, []analysis.TargetResult{r}, len(xs))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep, "| 0/10 | 158.0 – 422.0 | **5 at ≈ 160.0, 5 at ≈ 420.4** |") {
		t.Errorf("the table:\n%s", rep)
	}
	b, _ := json.Marshal(report.ValidationRows([]analysis.TargetResult{r}))
	if !strings.Contains(string(b), `"split":{"groups":[{"n":5,"mean":160,"min":158,"max":162},{"n":5,"mean":420.4,"min":419,"max":422}]}`) {
		t.Errorf("JSON: %s", b)
	}
	zero := analysis.Summarise(ts[:1], map[string][]float64{ts[0].ID: {0, math.NaN()}})[0]
	recs := report.ValidationCSV([]analysis.TargetResult{zero}, 2)
	if got := recs[1][len(recs[1])-2:]; got[0] != "0" || got[1] != "" {
		t.Errorf("CSV seeds of 0 and NaN: %q", got)
	}
	if got := recs[1][len(recs[1])-6 : len(recs[1])-2]; fmt.Sprint(got) != "[1 0 0 ]" {
		t.Errorf("CSV seeds_n, seed_min, seed_max, split: %q", got)
	}
	rs15 := analysis.Summarise(mustTargets(t, analysis.CalibrationPeriod), map[string][]float64{})
	if report.SeedTable(analysis.CalibrationPeriod, rs15, 11) != "" || report.SeedTable(analysis.CalibrationPeriod, rs15, 10) == "" ||
		report.SeedTable(analysis.Period2014, rs15, 30) == "" {
		t.Error("the table seed by seed: 2015 up to 10 replications, the others always")
	}
}

// TestValidatePosteriorSeeds: out of sample, validate measures the
// targets under draws of the kept calibration sample by default, each
// with its own seeds, and reports the runs and the draws in the band and
// the share of variance from the parameters; --posterior none leaves the
// table out and --posterior FILE takes another sample.
func TestValidatePosteriorSeeds(t *testing.T) {
	t.Parallel()
	code, out, errs := cli(t, "validate", "--period", "2014", "--reps", "2", "--draws", "3", "--draw-reps", "2")
	if code != exitOK && code != exitBandMissed {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"posterior predictive): 3 draws of docs/calibration/posterior.csv (embedded) × 2 replications",
		"| runs in the band | draws in the band (mean of their seeds) | variance from the parameters |", "/6 (", "/3 (", " %"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	runs, err := validate2014()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(runs[0].table, "posterior predictive") {
		t.Errorf("--posterior none still draws:\n%s", runs[0].table)
	}
	code, out, errs = cli(t, "validate", "--period", "2014", "--reps", "2", "--posterior", "../../docs/calibration/posterior.csv", "--draws", "2", "--draw-reps", "1")
	if (code != exitOK && code != exitBandMissed) || !strings.Contains(out, "2 draws of ../../docs/calibration/posterior.csv × 1 replication") {
		t.Errorf("--posterior FILE: exit %d, %s\n%s", code, errs, out)
	}
}

// TestPredictiveVarianceShare: the law of total variance splits the runs'
// variance between the draws and the seeds of a draw.
func TestPredictiveVarianceShare(t *testing.T) {
	tg := analysis.Target{ID: "x", Lo: 0, Hi: 10, Role: analysis.RoleValidation}
	// Draws at 0 and 10, seeds ±1 around them: between-draw variance of
	// the means 50 less within/2 = 2/2·… : within = 2 (sample variance of
	// ±1), between = var(0, 10) − 2/2 = 50 − 1 = 49.
	p := analysis.Predict(tg, []float64{-1, 1, 9, 11}, 2, 2)
	if math.Abs(p.ParamShare-49.0/51) > 1e-9 {
		t.Errorf("parameter share %v, want 49/51", p.ParamShare)
	}
	if p.RunsIn != 2 || p.DrawsIn != 2 {
		t.Errorf("runs in %d, draws in %d; want 2 and 2", p.RunsIn, p.DrawsIn)
	}
	if p := analysis.Predict(tg, []float64{3, 4, 5}, 3, 1); !math.IsNaN(p.ParamShare) {
		t.Errorf("one seed a draw: parameter share %v, want NaN", p.ParamShare)
	}
}
