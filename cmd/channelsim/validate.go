package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/scenarios/analysis"
	"channelsim/scenarios/sweep"
	"channelsim/sim"
)

func init() { register(newValidateCmd) }

// TargetResult is a target's mean over the replications with its 95 %
// confidence interval.
type TargetResult struct {
	scenarios.Target
	Mean, Lo, Hi float64
	N            int
	Pass         bool
}

// validateOptions are validate's parsed command line.
type validateOptions struct {
	Reps    int
	Workers int
	Out     string
	Format  string
	// Posterior is a parameter sample under whose Draws draws (one
	// replication each) every target is also measured.
	Posterior string
	Draws     int
}

func newValidateCmd() *cobra.Command {
	var o validateOptions
	var asJSON bool
	c := &cobra.Command{
		Use:   "validate",
		Short: "run the baseline many times and check it against the 2015 calibration targets",
		Long: "Runs the baseline (a year from 1 July 2015) and surge-after-paris --reps times\n" +
			"with seeds 1…N and prints each calibration target's mean, its 95 % confidence\n" +
			"interval (Student t) and whether the mean is in the band: a Markdown table, or\n" +
			"--format json or csv. --out first writes the Markdown table to FILE\n" +
			"(docs/validation.md is made this way). Exit 1 if a band fails.",
		Example: "  channelsim validate --reps 30 --out docs/validation.md\n  channelsim validate --reps 5 --json",
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if asJSON {
				o.Format = "json"
			}
			return status(runValidate(o))
		},
	}
	f := c.Flags()
	f.IntVar(&o.Reps, "reps", 30, "replications (≥ 2)")
	f.IntVar(&o.Workers, "workers", 0, "parallel runs (default: one per CPU)")
	f.StringVar(&o.Out, "out", "", "write the report as Markdown to FILE")
	f.StringVar(&o.Posterior, "posterior", "", "a parameter sample (posterior.csv of channelsim calibrate): also measure the targets under draws from it")
	f.IntVar(&o.Draws, "draws", 20, "with --posterior: draws of the sample, one replication each")
	addFormatFlag(c, &o.Format, &asJSON)
	return c
}

func runValidate(o validateOptions) int {
	if o.Reps < 2 {
		return usageError("validate", "--reps: expected at least 2, got %d", o.Reps)
	}
	if o.Workers < 0 {
		return usageError("validate", "--workers: expected a positive number of workers (0: one per CPU), got %d", o.Workers)
	}
	if code := checkFormat("validate", o.Format); code != exitOK {
		return code
	}
	if o.Out != "" {
		if err := safefile.CheckOutFile(o.Out); err != nil {
			return failed("validate", err)
		}
	}
	var post *analysis.Posterior
	if o.Posterior != "" {
		if o.Draws < 2 {
			return usageError("validate", "--draws: expected at least 2, got %d", o.Draws)
		}
		sc, err := scenarios.Load(scenarios.Default)
		if err != nil {
			return reportLoadError(err)
		}
		if post, err = analysis.ReadPosterior(o.Posterior, sc); err != nil {
			return reportLoadError(err)
		}
	}
	start := time.Now()
	results, err := validate(o.Reps, o.Workers, true)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim validate: %v\n", err)
		return exitInternal
	}
	report := validationReport(results, o.Reps, time.Since(start))
	if post != nil {
		pr, err := validatePosterior(post, o.Draws, o.Workers)
		if err != nil {
			return failed("validate", err)
		}
		report += pr
	}
	if o.Out != "" {
		if err := safefile.WriteFile(o.Out, []byte(report)); err != nil {
			return failed("validate", fmt.Errorf("writing %s: %w", o.Out, err))
		}
	}
	switch o.Format {
	case "json":
		b, err := json.MarshalIndent(validationRows(results), "", "  ")
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim validate: %v\n", err)
			return exitInternal
		}
		os.Stdout.Write(append(b, '\n'))
	case "csv":
		rows := [][]string{{"target", "what", "role", "scenario", "band_lo", "band_hi", "unit", "band", "n", "mean", "ci95_lo", "ci95_hi", "pass"}}
		for _, r := range validationRows(results) {
			rows = append(rows, []string{r.ID, r.What, r.Role, r.Scenario, ff(r.BandLo), ff(r.BandHi), r.Unit, r.Band,
				strconv.Itoa(r.N), ff(float64(r.Mean)), ff(float64(r.Lo)), ff(float64(r.Hi)), strconv.FormatBool(r.Pass)})
		}
		writeCSV(os.Stdout, rows)
	default:
		fmt.Print(report)
	}
	for _, r := range results {
		if !r.Pass {
			return exitInternal
		}
	}
	return exitOK
}

// validationRow is a target's result in the JSON and CSV outputs.
type validationRow struct {
	ID       string  `json:"target"`
	What     string  `json:"what"`
	Role     string  `json:"role"`
	Scenario string  `json:"scenario"`
	BandLo   float64 `json:"band_lo"`
	BandHi   float64 `json:"band_hi"`
	Unit     string  `json:"unit"`
	Band     string  `json:"band"`
	N        int     `json:"n"`
	Mean     number  `json:"mean"`
	Lo       number  `json:"ci95_lo"`
	Hi       number  `json:"ci95_hi"`
	Pass     bool    `json:"pass"`
}

func validationRows(rs []TargetResult) []validationRow {
	out := make([]validationRow, len(rs))
	for i, r := range rs {
		out[i] = validationRow{r.ID, r.What, string(r.Role), r.Scenario, r.Target.Lo, r.Target.Hi, r.Unit, r.Band, r.N, finite(r.Mean), finite(r.Lo), finite(r.Hi), r.Pass}
	}
	return out
}

// validate runs the replications and measures every target.
func validate(reps, workers int, progress bool) ([]TargetResult, error) {
	values, err := measureTargets(reps, workers, progress, nil)
	if err != nil {
		return nil, err
	}
	return summarise(values), nil
}

// measureTargets runs reps replications of each target's scenario (a
// year of the baseline) and returns each target's values by id; draw,
// if set, changes replication i's configuration.
func measureTargets(reps, workers int, progress bool, draw func(i int, cfg *sim.Config) error) (map[string][]float64, error) {
	values := make(map[string][]float64)
	for _, name := range []string{"baseline-2015", "surge-after-paris"} {
		sc, err := scenarios.Load(name)
		if err != nil {
			return nil, err
		}
		days := 365
		if name == "surge-after-paris" {
			days = sc.Config.Days
		}
		cfgs := make([]*sim.Config, reps)
		for i := range cfgs {
			c := *sc.Config
			c.Seed = uint64(i + 1)
			c.Days = days
			cfgs[i] = &c
			if draw != nil {
				cfgs[i] = sweep.Clone(&c)
				if err := draw(i, cfgs[i]); err != nil {
					return nil, err
				}
			}
		}
		bar := newProgress("validate "+name, progress)
		// Each run's targets are measured on its worker; the model is
		// dropped there, so memory does not grow with the replications.
		measure := func(m *sim.Model) ([]float64, error) {
			dates, cols, err := m.DailySeries()
			if err != nil {
				return nil, err
			}
			sum := m.Summary()
			var xs []float64
			for _, t := range scenarios.Targets() {
				if t.Scenario == name {
					xs = append(xs, t.Measure(sum, cols, dates))
				}
			}
			return xs, nil
		}
		n := 0
		firstErr := scenarios.RunBatch(context.Background(), cfgs, workers, measure, func(_ int, xs []float64, err error) error {
			n++
			bar.Update(float64(n)/float64(reps), fmt.Sprintf("run %d/%d", n, reps))
			if err != nil {
				return err
			}
			k := 0
			for _, t := range scenarios.Targets() {
				if t.Scenario == name {
					values[t.ID] = append(values[t.ID], xs[k])
					k++
				}
			}
			return nil
		})
		bar.Done()
		if firstErr != nil {
			return nil, firstErr
		}
	}
	return values, nil
}

// summarise makes each target's mean and interval.
func summarise(values map[string][]float64) []TargetResult {
	var out []TargetResult
	for _, t := range scenarios.Targets() {
		xs := values[t.ID]
		mean, sd := stat.MeanStdDev(xs, nil)
		half := 0.0
		if len(xs) > 1 {
			q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 1)}.Quantile(0.975)
			half = q * sd / math.Sqrt(float64(len(xs)))
		}
		out = append(out, TargetResult{Target: t, Mean: mean, Lo: mean - half, Hi: mean + half, N: len(xs),
			Pass: mean >= t.Lo && mean <= t.Hi})
	}
	return out
}

// validatePosterior measures every target under draws of a parameter
// sample (one replication a draw, seed = draw + 1) and reports, for each,
// the central 95 % of the draws and the share of draws in the band: for
// the held-out validation targets, the test of the calibrated model.
func validatePosterior(post *analysis.Posterior, draws, workers int) (string, error) {
	base, err := scenarios.Load(scenarios.Default)
	if err != nil {
		return "", err
	}
	ds := post.Draws(draws)
	values, err := measureTargets(draws, workers, true, func(i int, cfg *sim.Config) error {
		_, _, err := post.Apply(cfg, base.Config, ds[i])
		return err
	})
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "\nUnder parameter uncertainty: %d draws of %s, one replication each (seeds 1–%d).\n\n", draws, post.Source, draws)
	fmt.Fprintf(&b, "| target | role | band | median of the draws | central 95 %% of the draws | draws in the band |\n|---|---|---|---|---|---|\n")
	for _, t := range scenarios.Targets() {
		xs := append([]float64(nil), values[t.ID]...)
		sort.Float64s(xs)
		in := 0
		for _, x := range xs {
			if x >= t.Lo && x <= t.Hi {
				in++
			}
		}
		q := func(p float64) float64 { return stat.Quantile(p, stat.Empirical, xs, nil) }
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s – %s | %.0f %% |\n", t.ID, t.Role, t.Band, fmtNum(q(0.5)), fmtNum(q(0.025)), fmtNum(q(0.975)), 100*float64(in)/float64(len(xs)))
	}
	return b.String(), nil
}

func validationReport(rs []TargetResult, reps int, wall time.Duration) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "| target | what | role | scenario | band | mean | 95 %% CI | result |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		res := "pass"
		if !r.Pass {
			res = "**FAIL**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s – %s | %s |\n", r.ID, r.What, r.Role, r.Scenario, r.Band,
			fmtNum(r.Mean), fmtNum(r.Lo), fmtNum(r.Hi), res)
	}
	fmt.Fprintf(&b, "\n%s (seeds 1–%d) of each scenario; the baseline runs a year from 1 July 2015. Wall time %s.\n", plural(reps, "replication"), reps, wall.Round(time.Second))
	return b.String()
}

func fmtNum(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case math.Abs(x) >= 1000:
		return fmt.Sprintf("%.0f", x)
	case math.Abs(x) >= 10:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.3f", x)
}

// baseOf is the last element of a slash-separated path.
func baseOf(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }
