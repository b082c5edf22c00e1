package main

import (
	"channelsim/analysis"
	"channelsim/internal/longtest"
	"channelsim/report"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// knownMisses are the bands of the in-sample period the baseline does not
// meet yet, each with why (docs/validation.md). TestValidationBands fails
// if another band fails, or if one of these starts to pass (then remove
// it here and in the docs).
var knownMisses = map[string]string{
	"C13": "Operation Stack: Kent Police's forecast, the strike's port closures and the fleet of July 2015 give 8–9 days; the episodes of the intrusions at Coquelles are missing at the intrusions' estimated rate and length (docs/validation.md)",
	"C9":  "in-country encounters: 15 a day from the lorry drops and the 2008 ratio of other routes, once 15 a day taken from C9's own source were no longer an input (docs/validation.md)",
}

// calibrationReps is the replications of the in-sample period that
// TestValidationBands checks the bands over.
const calibrationReps = 30

// calibrationValues measures the in-sample period's targets once, for
// the two tests that check them: TestValidationBands over
// calibrationReps replications (seeds 1…30), TestValidatePeriods over the
// first two. Replication i has seed i + 1 whatever the number of
// replications (analysis.MeasureTargets; TestValidateSeedBySeed checks
// seeds against runs made apart), so the first two are what validate
// measures with two: the years are run once, not again for the second
// test (which, run alone, waits for the thirty). Without the long tests
// (internal/longtest) only the two are run.
var calibrationValues = sync.OnceValues(func() (map[string][]float64, error) {
	ts, err := analysis.TargetsFor(analysis.CalibrationPeriod)
	if err != nil {
		return nil, err
	}
	reps := periodReps
	if longtest.Enabled() {
		reps = calibrationReps
	}
	return analysis.MeasureTargets(ts, reps, 0, nil, nil)
})

// periodReps is the replications TestValidatePeriods runs of each period.
const periodReps = 2

// validateFirst is validate(ts, reps, 0, false) for the in-sample period,
// from the first reps of calibrationValues.
func validateFirst(ts []analysis.Target, reps int) ([]analysis.TargetResult, error) {
	all, err := calibrationValues()
	if err != nil {
		return nil, err
	}
	first := make(map[string][]float64, len(all))
	for id, xs := range all {
		first[id] = xs[:reps:reps]
	}
	return analysis.Summarise(ts, first), nil
}

// TestValidationBands is the calibration check of calibration-targets §D:
// over 30 replications (a year of the baseline each, and the Paris surge
// scenario) every band's mean lies in its band, except the known misses.
// It takes about 85 s of CPU, so it is one of the long tests that make
// test runs and a plain go test skips (internal/longtest).
func TestValidationBands(t *testing.T) {
	t.Parallel()
	longtest.Require(t, "30 simulated years of the 2015 baseline")
	ts, err := analysis.TargetsFor(analysis.CalibrationPeriod)
	if err != nil {
		t.Fatal(err)
	}
	results, err := validateFirst(ts, calibrationReps)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.N != calibrationReps {
			t.Errorf("%s: %d replications measured, want %d", r.ID, r.N, calibrationReps)
		}
		why, known := knownMisses[r.ID]
		switch {
		case !r.Pass && !known:
			t.Errorf("%s (%s): mean %.4g outside the band %s [%.4g, %.4g]", r.ID, r.What, r.Mean, r.Band, r.Target.Lo, r.Target.Hi)
		case r.Pass && known:
			t.Errorf("%s (%s) now passes at %.4g: remove it from the known misses (%s) and update docs/validation.md", r.ID, r.What, r.Mean, why)
		}
	}
}

// TestValidatePeriods runs each period with two replications (the
// in-sample period's are the first two TestValidationBands runs): every
// target is measured on both (none is NaN: each scenario covers its
// targets' days), a result passes exactly when its mean is in its band
// (context figures always), every input check passes, and the report
// names the period, the roles and the runs. Of the small boats' years it
// runs 2019 only (two years of baseline-2018-2024): the others measure the
// same columns over later windows of the same run (analysis's
// TestBoatTargetsMeasure checks each year's measures on a known series).
func TestValidatePeriods(t *testing.T) {
	t.Parallel()
	for _, period := range analysis.Periods() {
		if period > analysis.Period2019 {
			continue
		}
		t.Run(period, func(t *testing.T) {
			if testing.Short() && period == analysis.CalibrationPeriod {
				t.Skip("two simulated years of the baseline")
			}
			ts, err := analysis.TargetsFor(period)
			if err != nil {
				t.Fatal(err)
			}
			run := validate
			if period == analysis.CalibrationPeriod {
				// The in-sample years, run once for TestValidationBands.
				run = func(ts []analysis.Target, reps, _ int, _ bool) ([]analysis.TargetResult, error) {
					return validateFirst(ts, reps)
				}
			}
			rs, err := run(ts, periodReps, 0, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != len(ts) {
				t.Fatalf("%d results for %d targets", len(rs), len(ts))
			}
			for _, r := range rs {
				if r.N != periodReps || math.IsNaN(r.Mean) || math.IsNaN(r.Lo) {
					t.Errorf("%s: n = %d, mean %v, CI low %v", r.ID, r.N, r.Mean, r.Lo)
				}
				if r.Pass != (r.Role == analysis.RoleContext || (r.Mean >= r.Target.Lo && r.Mean <= r.Target.Hi)) {
					t.Errorf("%s: pass %v with mean %v in [%v, %v]", r.ID, r.Pass, r.Mean, r.Target.Lo, r.Target.Hi)
				}
				// Input checks are met by the inputs: a miss is a mis-set
				// input or a wrong measure, not a finding.
				if r.Role == analysis.RoleInput && !r.Pass {
					t.Errorf("input check %s (%s): mean %.4g outside %s", r.ID, r.What, r.Mean, r.Band)
				}
				if r.Observed > 0 && math.Abs(r.Error()-(r.Mean-r.Observed)/r.Observed) > 1e-12 {
					t.Errorf("%s: error %v", r.ID, r.Error())
				}
			}
			rep, err := report.ValidationMarkdown(period, rs, periodReps)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"Period " + period, "| " + rs[0].ID + " |", "baseline-" + period + " runs"}
			switch {
			case period == analysis.Period2019:
				want = []string{"Period 2019 (in sample)", "| SB-2019 |", "| calibration |", "| context |",
					"baseline-2018-2024 runs 732 days from 2018-01-01 to 2020-01-02"}
			case period != analysis.CalibrationPeriod:
				want = append(want, "(out of sample)", "| validation |", "| input check |")
			default:
				want = append(want, "(in sample)", "| calibration |", "| validation |", "baseline-2015 runs 365 days from 2015-07-01 to 2016-06-29")
			}
			for _, w := range want {
				if !strings.Contains(rep, w) {
					t.Errorf("the report lacks %q:\n%s", w, rep)
				}
			}
		})
	}
}

// TestValidatePeriodFlag: --period takes 2014–2016 or 2019–2024 and nothing
// else; a bad value is a usage error (exit 2) naming the flag, the values
// it takes and the value given, before anything runs.
func TestValidatePeriodFlag(t *testing.T) {
	t.Parallel()
	for _, p := range analysis.Periods() {
		if _, err := analysis.TargetsFor(p); err != nil {
			t.Errorf("period %s: %v", p, err)
		}
	}
	for _, bad := range []string{"2013", "2017", "15", "", " 2015", "2015-07", "all", "baseline-2016"} {
		code, out, errs := cli(t, "validate", "--period", bad, "--reps", "2")
		want := `--period: expected one of 2014, 2015, 2016, 2019, 2020, 2021, 2022, 2023, 2024, got "` + bad + `"`
		if code != exitUsage || !strings.Contains(errs, want) || out != "" {
			t.Errorf("--period %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", bad, code, out, errs, want)
		}
	}
}

// TestValidateOutputsOutOfSample: the 2014 period through the command
// line, as JSON and CSV (validate2014): every row names its period and
// role, a context or band-less number is null (JSON) or empty (CSV), and
// the exit status is 3 exactly when a band fails.
func TestValidateOutputsOutOfSample(t *testing.T) {
	t.Parallel()
	runs, err := validate2014()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runs[0].json.code, runs[0].json.out, runs[0].json.errs
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("exit %d: %v\n%s\n%s", code, err, out, errs)
	}
	ts, _ := analysis.TargetsFor(analysis.Period2014)
	if len(rows) != len(ts) {
		t.Fatalf("%d rows for %d targets", len(rows), len(ts))
	}
	failed := false
	for i, r := range rows {
		if r["target"] != ts[i].ID || r["period"] != "2014" || r["role"] != string(ts[i].Role) || r["scenario"] != "baseline-2014" {
			t.Errorf("row %d: %v", i, r)
		}
		if r["pass"] == false {
			failed = true
		}
	}
	want := map[bool]int{true: exitBandMissed, false: exitOK}[failed]
	if code != want {
		t.Errorf("exit %d with a failed band %v", code, failed)
	}
	code, out = runs[0].csv.code, runs[0].csv.out
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 1+len(ts) || strings.Join(recs[0][:6], ",") != "target,what,period,role,scenario,observed" || code != want {
		t.Errorf("csv: exit %d, %v, %v", code, err, recs)
	}
}

// validate2014Runs are the outputs of channelsim validate --period 2014
// --posterior none --reps 3, with one worker and with two: each as
// --format csv writing the table (what the default format prints) to
// --out, and as --format json.
type validate2014Runs [2]struct {
	csv, json cliRun
	table     string
}

// validate2014 runs them once for the tests that read them:
// TestValidateWorkersSameOutput compares the two worker counts, and
// TestValidateSeedBySeed, TestValidateOutputsOutOfSample and
// TestValidatePosteriorSeeds read the outputs, the same whatever the
// workers (as the first checks), instead of running the same command
// again each.
var validate2014 = sync.OnceValues(func() (*validate2014Runs, error) {
	dir, err := os.MkdirTemp("", "channelsim-validate-2014")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var runs validate2014Runs
	for w := range runs {
		table := filepath.Join(dir, fmt.Sprintf("table-%d.md", w+1))
		args := []string{"validate", "--period", "2014", "--posterior", "none", "--reps", "3", "--workers", strconv.Itoa(w + 1)}
		if runs[w].csv, err = runCLI(slices.Concat(args, []string{"--format", "csv", "--out", table})...); err != nil {
			return nil, err
		}
		if runs[w].json, err = runCLI(slices.Concat(args, []string{"--format", "json"})...); err != nil {
			return nil, err
		}
		b, err := os.ReadFile(table)
		if err != nil {
			return nil, fmt.Errorf("%d workers: no table in --out: %w (%s)", w+1, err, runs[w].csv.errs)
		}
		runs[w].table = string(b)
	}
	return &runs, nil
})

// TestValidateWorkersSameOutput: the outputs, the Markdown report
// included, are byte for byte the same with one worker or two: the values
// are kept by replication, not in the order the runs finish, and the wall
// time goes to stderr.
func TestValidateWorkersSameOutput(t *testing.T) {
	t.Parallel()
	runs, err := validate2014()
	if err != nil {
		t.Fatal(err)
	}
	var outs [2]map[string]string
	for w, r := range runs {
		for format, run := range map[string]cliRun{"csv": r.csv, "json": r.json} {
			if run.code != exitOK && run.code != exitBandMissed || run.out == "" {
				t.Fatalf("%s, %d workers: exit %d\n%s", format, w+1, run.code, run.errs)
			}
		}
		if r.table == "" {
			t.Fatalf("%d workers: an empty table in --out", w+1)
		}
		outs[w] = map[string]string{"csv": r.csv.out, "json": r.json.out, "table": r.table}
	}
	for _, format := range []string{"table", "json", "csv"} {
		if outs[0][format] != outs[1][format] {
			t.Errorf("--format %s: the output differs between 1 and 2 workers:\n%s\n---\n%s", format, outs[0][format], outs[1][format])
		}
	}
}

// TestValidateStatus: validate's exit status is 0 when every target's
// mean is in its band, 3 (not 1, an internal failure, nor 2, bad usage)
// when one is not; context figures never miss.
func TestValidateStatus(t *testing.T) {
	ts, err := analysis.TargetsFor(analysis.Period2014)
	if err != nil {
		t.Fatal(err)
	}
	band := ts[0]
	ctx := analysis.Target{ID: "X", Role: analysis.RoleContext, Lo: math.NaN(), Hi: math.NaN()}
	in, out := (band.Lo+band.Hi)/2, band.Hi*2
	res := func(t analysis.Target, mean float64) analysis.TargetResult {
		return analysis.Summarise([]analysis.Target{t}, map[string][]float64{t.ID: {mean, mean}})[0]
	}
	cases := []struct {
		name string
		rs   []analysis.TargetResult
		want int
	}{
		{"none", nil, exitOK},
		{"in the band", []analysis.TargetResult{res(band, in)}, exitOK},
		{"on its edge", []analysis.TargetResult{res(band, band.Hi)}, exitOK},
		{"a context figure", []analysis.TargetResult{res(band, in), res(ctx, 1e9)}, exitOK},
		{"one missed", []analysis.TargetResult{res(band, in), res(band, out)}, exitBandMissed},
		{"NaN", []analysis.TargetResult{res(band, math.NaN())}, exitBandMissed},
	}
	for _, c := range cases {
		if got := validateStatus(c.rs); got != c.want {
			t.Errorf("%s: exit %d, want %d", c.name, got, c.want)
		}
	}
	if exitBandMissed == exitOK || exitBandMissed == exitInternal || exitBandMissed == exitUsage {
		t.Error("the band-missed status must be its own")
	}
}
