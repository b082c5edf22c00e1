package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/sim"
)

func init() { register(newValidateCmd) }

// target is one calibration band of calibration-targets.md §D.
type target struct {
	id, what   string
	scenario   string // the scenario it is measured on
	lo, hi     float64
	unit       string
	measure    func(s sim.Summary, daily map[string][]float64, dates []string) float64
	sourceNote string
}

func sumKey(k string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(s sim.Summary, _ map[string][]float64, _ []string) float64 { v, _ := s.Float(k); return v }
}

// meanOver averages a daily column over the days whose date starts with
// one of the prefixes.
func meanOver(col string, from, to string) func(sim.Summary, map[string][]float64, []string) float64 {
	return func(_ sim.Summary, d map[string][]float64, dates []string) float64 {
		var sum float64
		var n int
		for i, dt := range dates {
			if dt >= from && dt <= to {
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

var targets = []target{
	{"C3", "UK-bound lorries a year", "baseline-2015", 1_663_256 * 0.95, 1_663_256 * 1.05, "lorries", sumKey("lorries_arrived"), "1.66 m ± 5 %"},
	{"C1:C2", "port share of UK-bound lorries", "baseline-2015", 0.545, 0.565, "", func(s sim.Summary, _ map[string][]float64, _ []string) float64 {
		p, _ := s.Float("lorries_departed_port")
		t, _ := s.Float("lorries_departed_tunnel")
		return p / (p + t)
	}, "1,846,512 : ≈ 1.48 m"},
	{"C6a", "camp population, July 2015 (mean)", "baseline-2015", 3000 * 0.85, 3000 * 1.15, "people", meanOver("migrants_in_camp", "2015-07-01", "2015-07-31"), "≈ 3,000 ± 15 %"},
	{"C6b", "camp population, 15–31 Oct 2015 (mean)", "baseline-2015", 5750 * 0.85, 5750 * 1.15, "people", meanOver("migrants_in_camp", "2015-10-15", "2015-10-31"), "5,500–6,000 ± 15 %"},
	{"C7", "detections at the juxtaposed controls a day, Jul–Nov 2015", "baseline-2015", 80, 160, "people/day", meanOver("detections", "2015-07-01", "2015-11-30"), "80–160"},
	{"C9", "in-country encounters a day, Jul–Nov 2015", "baseline-2015", 25, 45, "people/day", meanOver("in_country_encounters", "2015-07-01", "2015-11-30"), "25–45"},
	{"A6", "X-ray whole-process time", "baseline-2015", 45, 75, "min", sumKey("xray_process_time_mean_min"), "45–75 min"},
	{"A6b", "X-ray beam time", "baseline-2015", 0, 2, "min", sumKey("xray_beam_time_mean_min"), "≤ 2 min"},
	{"A8", "days for the surge to return within 10 % of its prior level", "surge-after-paris", 12, 16, "days", sumKey("surge_return_days"), "12–16 days"},
	{"A1", "removal plans cancelled", "baseline-2015", 0.37, 0.43, "", sumKey("removal_cancellation_rate"), "40 % ± 3 points"},
	{"A4", "tickets per removal", "baseline-2015", 2.35, 2.65, "", sumKey("tickets_per_removal"), "2.5 ± 0.15"},
	{"A2", "tickets cancelled per 18 months", "baseline-2015", 34000 * 0.9, 34000 * 1.1, "tickets", func(s sim.Summary, _ map[string][]float64, _ []string) float64 {
		v, _ := s.Float("tickets_cancelled")
		return 1.5 * v
	}, "34,000 ± 10 %"},
	{"A3", "recorded ticket loss share of spend", "baseline-2015", 0.035, 0.045, "", sumKey("ticket_loss_share"), "4 % ± 0.5 points"},
	{"B", "ticketed removals a year", "baseline-2015", 22700 * 0.9, 22700 * 1.1, "removals", sumKey("removals_ticketed"), "≈ 22,700 ± 10 %"},
	{"C10", "enforced removals a year", "baseline-2015", 12056 * 0.9, 12056 * 1.1, "removals", sumKey("removals_enforced"), "≈ 12,000 ± 10 %"},
}

// TargetResult is a target's mean over the replications with its 95 %
// confidence interval.
type TargetResult struct {
	target
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
	start := time.Now()
	results, err := validate(o.Reps, o.Workers, true)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim validate: %v\n", err)
		return exitInternal
	}
	report := validationReport(results, o.Reps, time.Since(start))
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
		rows := [][]string{{"target", "what", "scenario", "band_lo", "band_hi", "unit", "band", "n", "mean", "ci95_lo", "ci95_hi", "pass"}}
		for _, r := range validationRows(results) {
			rows = append(rows, []string{r.ID, r.What, r.Scenario, ff(r.BandLo), ff(r.BandHi), r.Unit, r.Band,
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
		out[i] = validationRow{r.id, r.what, r.scenario, r.lo, r.hi, r.unit, r.sourceNote, r.N, finite(r.Mean), finite(r.Lo), finite(r.Hi), r.Pass}
	}
	return out
}

// validate runs the replications and measures every target.
func validate(reps, workers int, progress bool) ([]TargetResult, error) {
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
			for _, t := range targets {
				if t.scenario == name {
					xs = append(xs, t.measure(sum, cols, dates))
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
			for _, t := range targets {
				if t.scenario == name {
					values[t.id] = append(values[t.id], xs[k])
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
	var out []TargetResult
	for _, t := range targets {
		xs := values[t.id]
		mean, sd := stat.MeanStdDev(xs, nil)
		half := 0.0
		if len(xs) > 1 {
			q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 1)}.Quantile(0.975)
			half = q * sd / math.Sqrt(float64(len(xs)))
		}
		out = append(out, TargetResult{target: t, Mean: mean, Lo: mean - half, Hi: mean + half, N: len(xs),
			Pass: mean >= t.lo && mean <= t.hi})
	}
	return out, nil
}

func validationReport(rs []TargetResult, reps int, wall time.Duration) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "| target | what | scenario | band | mean | 95 %% CI | result |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		res := "pass"
		if !r.Pass {
			res = "**FAIL**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s – %s | %s |\n", r.id, r.what, r.scenario, r.sourceNote,
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
