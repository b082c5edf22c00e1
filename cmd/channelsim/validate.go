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

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/sim"
)

func init() { register(newValidateCmd) }

// TargetResult is a target's mean over the replications with its 95 %
// confidence interval, and each replication's value: the mean alone hides
// seeds that fall into separate worlds.
type TargetResult struct {
	analysis.Target
	Mean, Lo, Hi float64
	N            int
	Pass         bool
	// Seeds are the replications' values, Seeds[i] from seed i+1.
	Seeds []float64
	// InBand is how many of Seeds lie in the band (all for a context
	// figure, which has none).
	InBand int
	// Groups are Seeds split by experiment.SplitGroups: more than one when
	// the seeds fall into separate groups.
	Groups []experiment.Group
}

// Split reports whether the seeds fall into separate groups.
func (r TargetResult) Split() bool { return len(r.Groups) > 1 }

// validateOptions are validate's parsed command line.
type validateOptions struct {
	// Period is the year whose targets are checked (analysis.Periods).
	Period  string
	Reps    int
	Workers int
	Out     string
	Format  string
	// Posterior is a parameter sample under whose Draws draws
	// (DrawReps replications each) every target is also measured: for
	// the out-of-sample periods the kept calibration sample by default,
	// "none" for no sample.
	Posterior string
	Draws     int
	DrawReps  int
}

func newValidateCmd() *cobra.Command {
	var o validateOptions
	var asJSON bool
	c := &cobra.Command{
		Use:   "validate",
		Short: "run a period's baseline many times and check it against the published record",
		Long: "Checks one period's targets (--period 2014, 2015 or 2016; default 2015).\n" +
			"2015 is in sample: the baseline (a year from 1 July 2015) and\n" +
			"surge-after-paris. 2014 and 2016 are out of sample: baseline-2014 (1 September\n" +
			"– 31 October 2014) and baseline-2016 (the year 2016), built from their own\n" +
			"year's inputs. Each scenario runs --reps times with seeds 1…N; for each\n" +
			"target the report gives its period's published figure on the model's basis,\n" +
			"the band, the mean, its 95 % confidence interval (Student t), the error of\n" +
			"the mean against the figure, the target's role and whether the mean is in the\n" +
			"band: a Markdown table, or --format json or csv. Context figures have no\n" +
			"band. --out first writes the Markdown table to FILE.\n\n" +
			"Seed by seed: \"seeds in band\" (k/N) counts the seeds whose own value is in\n" +
			"the band, and \"min – max over seeds\" gives their range: a mean in the band\n" +
			"with 4/10 seeds in it is a model that is right on average, not in most\n" +
			"runs. \"split\" flags seeds that fall into separate groups, with each group's\n" +
			"size and mean (\"5 at ≈ 160.0, 5 at ≈ 420.0\"): the mean then describes none\n" +
			"of them. The rule: sort the values; take the widest gap between consecutive\n" +
			"ones that leaves at least max(2, 20 %) of the seeds on each side; it splits\n" +
			"when it is over 3 times the larger of the two sides' standard deviations and\n" +
			"over 10 % of the median; each side is then tested again.\n" +
			"A second table gives every value seed by seed (2015's only up to 10\n" +
			"replications), and for 2016 the row ARD Jan–Jun: a seed's mean of\n" +
			"|sim − observed| ÷ observed over January–June 2016 (C7-2016-01…06), with the\n" +
			"seeds at ≤ 0.25. JSON and CSV give the values (seeds, seed_1…seed_N), the\n" +
			"count in the band and the groups, and the ARD as a row of role summary.\n\n" +
			"Under the calibration's uncertainty: for 2014 and 2016 (out of sample) the\n" +
			"targets are also measured under --draws parameter sets drawn from the kept\n" +
			"calibration sample (docs/calibration/posterior.csv, embedded; --posterior FILE\n" +
			"for another, --posterior none for none), each with --draw-reps seeds: the\n" +
			"posterior predictive. Its table gives the median and central 95 % over all\n" +
			"those runs, the share of runs in the band, the share of draws whose mean over\n" +
			"its seeds is in the band, and the share of the runs' variance that comes from\n" +
			"the parameters (between draws) rather than the model's own noise (between\n" +
			"seeds of a draw), by the law of total variance. A target met by the baseline\n" +
			"on every seed but by few draws rests on the baseline's particular values.\n\n" +
			"Exit status: 0 when every target's mean is in its band, 3 when the run went\n" +
			"fine and at least one band was missed (the ARD row is not counted), 1 on an\n" +
			"internal failure, 2 on bad usage or input.",
		Example: "  channelsim validate --reps 30\n  channelsim validate --period 2016 --reps 10\n  channelsim validate --reps 5 --json",
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if asJSON {
				o.Format = "json"
			}
			return status(runValidate(o))
		},
	}
	f := c.Flags()
	f.StringVar(&o.Period, "period", analysis.CalibrationPeriod, "the year whose targets to check: "+strings.Join(analysis.Periods(), ", ")+" (2015 in sample, the others out of sample)")
	c.RegisterFlagCompletionFunc("period", fixedCompletion(analysis.Periods()...))
	f.IntVar(&o.Reps, "reps", 30, "replications (2–1000)")
	f.IntVar(&o.Workers, "workers", 0, "parallel runs, 0–1024 (default 0: one per CPU)")
	f.StringVar(&o.Out, "out", "", "write the report as Markdown to FILE")
	f.StringVar(&o.Posterior, "posterior", "", "a parameter sample (posterior.csv of channelsim calibrate) to also measure the targets under; default for 2014 and 2016: the kept calibration sample; none: no sample")
	f.IntVar(&o.Draws, "draws", 10, "draws of the parameter sample (2–1000)")
	f.IntVar(&o.DrawReps, "draw-reps", 2, "replications (seeds) of each draw (1–100)")
	addFormatFlag(c, &o.Format, &asJSON)
	return c
}

func runValidate(o validateOptions) int {
	targets, err := analysis.TargetsFor(o.Period)
	if err != nil {
		return usageError("validate", "--period: expected one of %s, got %q", strings.Join(analysis.Periods(), ", "), o.Period)
	}
	if o.Reps < 2 {
		return usageError("validate", "--reps: expected at least 2, got %d", o.Reps)
	}
	if code := checkInts("validate", intCheck{"reps", o.Reps, 2, maxReps}, intCheck{"workers", o.Workers, 0, maxWorkers}, intCheck{"draws", o.Draws, 2, maxDraws}, intCheck{"draw-reps", o.DrawReps, 1, 100}); code != exitOK {
		return code
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
	post, code := validationPosterior(o)
	if code != exitOK {
		return code
	}
	start := time.Now()
	results, err := validate(targets, o.Reps, o.Workers, true)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim validate: %v\n", err)
		return exitInternal
	}
	rows := results
	if ard, ok := ardResult(o.Period, results); ok {
		rows = append(rows[:len(rows):len(rows)], ard)
	}
	report, err := validationReport(o.Period, rows, o.Reps)
	if err != nil {
		return failed("validate", err)
	}
	if post != nil {
		pr, err := validatePosterior(targets, post, o.Draws, o.DrawReps, o.Workers)
		if err != nil {
			return failed("validate", err)
		}
		report += pr
	}
	// Timing goes to stderr: the report on stdout and in --out is the
	// same for the same seeds, whatever the machine and --workers.
	fmt.Fprintf(os.Stderr, "channelsim validate: wall time %s\n", time.Since(start).Round(time.Second))
	if o.Out != "" {
		if err := safefile.WriteFile(o.Out, []byte(report)); err != nil {
			return failed("validate", fmt.Errorf("writing %s: %w", o.Out, err))
		}
	}
	switch o.Format {
	case "json":
		b, err := json.MarshalIndent(validationRows(rows), "", "  ")
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim validate: %v\n", err)
			return exitInternal
		}
		stdout.Write(append(b, '\n'))
	case "csv":
		writeCSV(stdout, validationCSV(rows, o.Reps))
	default:
		fmt.Fprint(stdout, report)
	}
	return validateStatus(rows)
}

// validateStatus is validate's exit status: exitBandMissed when a
// target's mean is outside its band (context figures have none; summary
// rows, such as 2016's ARD, are not targets), else exitOK. The rule is
// the mean's: the seeds in the band and the split are reported, not
// judged.
func validateStatus(rs []TargetResult) int {
	for _, r := range rs {
		if r.Role != Summary && !r.Pass {
			return exitBandMissed
		}
	}
	return exitOK
}

// validationRow is a target's result in the JSON and CSV outputs; a
// number with no value (a context figure's band, a figure with no single
// published value, a seed whose run does not cover the target) is null in
// JSON and empty in CSV.
type validationRow struct {
	ID       string `json:"target"`
	What     string `json:"what"`
	Period   string `json:"period"`
	Role     string `json:"role"`
	Scenario string `json:"scenario"`
	Observed number `json:"observed"`
	BandLo   number `json:"band_lo"`
	BandHi   number `json:"band_hi"`
	Unit     string `json:"unit"`
	Band     string `json:"band"`
	N        int    `json:"n"`
	Mean     number `json:"mean"`
	Lo       number `json:"ci95_lo"`
	Hi       number `json:"ci95_hi"`
	// Error is the mean's relative error against Observed.
	Error number `json:"error"`
	Pass  bool   `json:"pass"`
	// Seeds are the replications' values in seed order (seed 1 first).
	Seeds   []number `json:"seeds"`
	SeedMin number   `json:"seed_min"`
	SeedMax number   `json:"seed_max"`
	// InBand is how many seeds are in the band; null for a context
	// figure.
	InBand *int `json:"in_band"`
	// Split is null unless the seeds fall into separate groups.
	Split *validationSplit `json:"split"`
}

type validationSplit struct {
	Groups []validationGroup `json:"groups"`
}

type validationGroup struct {
	N    int    `json:"n"`
	Mean number `json:"mean"`
	Min  number `json:"min"`
	Max  number `json:"max"`
}

func validationRows(rs []TargetResult) []validationRow {
	out := make([]validationRow, len(rs))
	for i, r := range rs {
		lo, hi := seedRange(r.Seeds)
		row := validationRow{ID: r.ID, What: r.What, Period: r.Period, Role: string(r.Role), Scenario: r.Scenario,
			Observed: finite(r.Observed), BandLo: finite(r.Target.Lo), BandHi: finite(r.Target.Hi), Unit: r.Unit, Band: r.Band,
			N: r.N, Mean: finite(r.Mean), Lo: finite(r.Lo), Hi: finite(r.Hi), Error: finite(r.Error()), Pass: r.Pass,
			Seeds: make([]number, len(r.Seeds)), SeedMin: finite(lo), SeedMax: finite(hi)}
		for j, x := range r.Seeds {
			row.Seeds[j] = finite(x)
		}
		if r.Role != analysis.RoleContext {
			k := r.InBand
			row.InBand = &k
		}
		if r.Split() {
			row.Split = &validationSplit{}
			for _, g := range r.Groups {
				row.Split.Groups = append(row.Split.Groups, validationGroup{g.N, finite(g.Mean), finite(g.Min), finite(g.Max)})
			}
		}
		out[i] = row
	}
	return out
}

// validationCSV is the CSV output: validationRows' columns, then the
// seeds' summary and one column a seed (seed_1 … seed_N).
func validationCSV(rs []TargetResult, reps int) [][]string {
	head := []string{"target", "what", "period", "role", "scenario", "observed", "band_lo", "band_hi", "unit", "band", "n", "mean", "ci95_lo", "ci95_hi", "error", "pass",
		"in_band", "seeds_n", "seed_min", "seed_max", "split"}
	for i := 1; i <= reps; i++ {
		head = append(head, "seed_"+strconv.Itoa(i))
	}
	out := [][]string{head}
	for _, r := range validationRows(rs) {
		in := ""
		if r.InBand != nil {
			in = strconv.Itoa(*r.InBand)
		}
		rec := []string{r.ID, r.What, r.Period, r.Role, r.Scenario, csvNum(r.Observed), csvNum(r.BandLo), csvNum(r.BandHi), r.Unit, r.Band,
			strconv.Itoa(r.N), csvNum(r.Mean), csvNum(r.Lo), csvNum(r.Hi), csvNum(r.Error), strconv.FormatBool(r.Pass),
			in, strconv.Itoa(finiteCount(numbers(r.Seeds))), csvNum(r.SeedMin), csvNum(r.SeedMax), csvSplit(r.Split)}
		for i := 0; i < reps; i++ {
			x := ""
			if i < len(r.Seeds) {
				x = csvNum(r.Seeds[i])
			}
			rec = append(rec, x)
		}
		out = append(out, rec)
	}
	return out
}

// csvSplit writes a split's groups as "N at MEAN" separated by "; "
// (empty when the seeds do not split).
func csvSplit(s *validationSplit) string {
	if s == nil {
		return ""
	}
	parts := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		parts[i] = strconv.Itoa(g.N) + " at " + csvNum(g.Mean)
	}
	return strings.Join(parts, "; ")
}

func numbers(xs []number) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

// Error is the mean's relative error against the published figure (NaN
// when there is none).
func (r TargetResult) Error() float64 { return r.Mean/r.Observed - 1 }

// csvNum is a number for the CSV output: empty when it has no value.
func csvNum(x number) string {
	if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
		return ""
	}
	return ff(float64(x))
}

// validate runs the replications and measures the targets ts.
func validate(ts []analysis.Target, reps, workers int, progress bool) ([]TargetResult, error) {
	values, err := measureTargets(ts, reps, workers, progress, nil)
	if err != nil {
		return nil, err
	}
	return summarise(ts, values), nil
}

// validationDays is how long validate runs a target's scenario: the
// default baseline a year from its start (for its yearly targets), any
// other scenario its own horizon.
func validationDays(sc *scenarios.Scenario) int {
	if sc.Config.Name == scenarios.Default {
		return 365
	}
	return sc.Config.Days
}

// measureTargets runs reps replications of each scenario the targets ts
// are measured on (validationDays each) and returns each target's values
// by id, value i from replication i (seed i+1) whatever order the
// workers finish in; draw, if set, changes replication i's configuration.
func measureTargets(ts []analysis.Target, reps, workers int, progress bool, draw func(i int, cfg *sim.Config) error) (map[string][]float64, error) {
	values := make(map[string][]float64)
	for _, t := range ts {
		values[t.ID] = make([]float64, reps)
	}
	for _, name := range analysis.ScenariosOf(ts) {
		sc, err := scenarios.Load(name)
		if err != nil {
			return nil, err
		}
		days := validationDays(sc)
		cfgs := make([]*sim.Config, reps)
		for i := range cfgs {
			c := *sc.Config
			c.Seed = uint64(i + 1)
			c.Days = days
			cfgs[i] = &c
			if draw != nil {
				cfgs[i] = experiment.Clone(&c)
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
			for _, t := range ts {
				if t.Scenario == name {
					xs = append(xs, t.Measure(sum, cols, dates))
				}
			}
			return xs, nil
		}
		n := 0
		firstErr := experiment.RunBatch(context.Background(), cfgs, workers, measure, func(i int, xs []float64, err error) error {
			n++
			bar.Update(float64(n)/float64(reps), fmt.Sprintf("run %d/%d", n, reps))
			if err != nil {
				return err
			}
			k := 0
			for _, t := range ts {
				if t.Scenario == name {
					values[t.ID][i] = xs[k]
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
func summarise(ts []analysis.Target, values map[string][]float64) []TargetResult {
	var out []TargetResult
	for _, t := range ts {
		xs := values[t.ID]
		mean, sd := stat.MeanStdDev(xs, nil)
		half := 0.0
		if len(xs) > 1 {
			q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 1)}.Quantile(0.975)
			half = q * sd / math.Sqrt(float64(len(xs)))
		}
		in := 0
		for _, x := range xs {
			if t.In(x) {
				in++
			}
		}
		out = append(out, TargetResult{Target: t, Mean: mean, Lo: mean - half, Hi: mean + half, N: len(xs),
			Pass: t.In(mean), Seeds: xs, InBand: in, Groups: experiment.SplitGroups(xs)})
	}
	return out
}

// validationPosterior returns the parameter sample validate draws from:
// --posterior FILE, or for the out-of-sample periods the kept calibration
// sample unless --posterior none; nil for none.
func validationPosterior(o validateOptions) (*analysis.Posterior, int) {
	if o.Posterior == "none" || (o.Posterior == "" && o.Period == analysis.CalibrationPeriod) {
		return nil, exitOK
	}
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		return nil, reportLoadError(err)
	}
	var post *analysis.Posterior
	if o.Posterior == "" {
		post, err = analysis.ParsePosterior(scenarios.KeptPosteriorName, bytes.NewReader(scenarios.KeptPosterior()), sc)
		if err != nil {
			// The kept sample is part of the program: not the user's input.
			fmt.Fprintf(os.Stderr, "channelsim validate: the kept calibration sample: %v\n", err)
			return nil, exitInternal
		}
		return post, exitOK
	}
	if post, err = analysis.ReadPosterior(o.Posterior, sc); err != nil {
		return nil, reportLoadError(err)
	}
	return post, exitOK
}

// Predictive is a target's posterior predictive: its values over draws ×
// replications, summarised.
type Predictive struct {
	Median, Lo, Hi float64 // median and central 95 % over all runs
	RunsIn, Runs   int     // runs in the band
	DrawsIn, Draws int     // draws whose mean over their seeds is in the band
	// ParamShare is the share of the runs' variance between draws (the
	// parameters) rather than between the seeds of a draw (the model's
	// noise), by the law of total variance; NaN with one seed a draw.
	ParamShare float64
	DrawMeans  []float64
}

// predictive summarises values (draw d's seed r at d*reps + r).
func predictive(t analysis.Target, values []float64, draws, reps int) Predictive {
	xs := append([]float64(nil), values...)
	sort.Float64s(xs)
	q := func(p float64) float64 { return stat.Quantile(p, stat.Empirical, xs, nil) }
	p := Predictive{Median: q(0.5), Lo: q(0.025), Hi: q(0.975), Runs: len(values), Draws: draws, ParamShare: math.NaN()}
	for _, x := range values {
		if t.In(x) {
			p.RunsIn++
		}
	}
	var within float64
	for d := 0; d < draws; d++ {
		ys := values[d*reps : (d+1)*reps]
		m, v := stat.MeanVariance(ys, nil)
		p.DrawMeans = append(p.DrawMeans, m)
		if t.In(m) {
			p.DrawsIn++
		}
		if reps > 1 {
			within += v / float64(draws)
		}
	}
	if reps > 1 {
		// Var(Y) = E[Var(Y | θ)] + Var(E[Y | θ]); the variance of the draws'
		// means over-counts the second by E[Var(Y | θ)] / reps.
		between := math.Max(0, stat.Variance(p.DrawMeans, nil)-within/float64(reps))
		if tot := between + within; tot > 0 {
			p.ParamShare = between / tot
		}
	}
	return p
}

// validatePosterior measures every target under draws of a parameter
// sample, reps replications each (draw d's replication r runs with seed
// r + 1: common random numbers across draws), and reports each target's
// posterior predictive: for the held-out validation targets, the test of
// the calibrated model with its uncertainty, parameters apart from noise.
func validatePosterior(ts []analysis.Target, post *analysis.Posterior, draws, reps, workers int) (string, error) {
	base, err := scenarios.Load(scenarios.Default)
	if err != nil {
		return "", err
	}
	ds := post.Draws(draws)
	values, err := measureTargets(ts, draws*reps, workers, true, func(i int, cfg *sim.Config) error {
		cfg.Seed = uint64(i%reps + 1)
		_, _, err := post.Apply(cfg, base.Config, ds[i/reps])
		return err
	})
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "\nUnder the calibration's uncertainty (posterior predictive): %d draws of %s × %s (seeds 1–%d).\n\n", draws, post.Source, plural(reps, "replication"), reps)
	fmt.Fprintf(&b, "| target | role | band | median | central 95 %% | runs in the band | draws in the band (mean of their seeds) | variance from the parameters | draws split |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, t := range ts {
		p := predictive(t, values[t.ID], draws, reps)
		runsIn, drawsIn := "–", "–"
		if t.Role != analysis.RoleContext {
			runsIn = fmt.Sprintf("%d/%d (%.0f %%)", p.RunsIn, p.Runs, 100*float64(p.RunsIn)/float64(p.Runs))
			drawsIn = fmt.Sprintf("%d/%d (%.0f %%)", p.DrawsIn, p.Draws, 100*float64(p.DrawsIn)/float64(p.Draws))
		}
		share := "–"
		if !math.IsNaN(p.ParamShare) {
			share = fmt.Sprintf("%.0f %%", 100*p.ParamShare)
		}
		split := "–"
		if gs := experiment.SplitGroups(p.DrawMeans); len(gs) > 1 {
			split = "**" + splitText(TargetResult{Target: t, Groups: gs}, ", ") + "**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s – %s | %s | %s | %s | %s |\n", t.ID, t.Role, t.Band, fmtNum(p.Median), fmtNum(p.Lo), fmtNum(p.Hi), runsIn, drawsIn, share, split)
	}
	return b.String(), nil
}

// validationReport is the Markdown report of a period's results: the
// table, then which runs it rests on, then the values seed by seed.
func validationReport(period string, rs []TargetResult, reps int) (string, error) {
	var b bytes.Buffer
	sample := "in sample"
	if period != analysis.CalibrationPeriod {
		sample = "out of sample"
	}
	fmt.Fprintf(&b, "Period %s (%s).\n\n", period, sample)
	fmt.Fprintf(&b, "| target | what | role | scenario | observed | band | mean | 95 %% CI | error | seeds in band | min – max over seeds | split | result |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		res := "pass"
		switch {
		case r.Role == analysis.RoleContext:
			res = "context"
		case r.Role == Summary:
			res = "summary"
		case !r.Pass:
			res = "**FAIL**"
		}
		lo, hi := seedRange(r.Seeds)
		split := "–"
		if r.Split() {
			split = "**" + splitText(r, ", ") + "**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s – %s | %s | %s | %s – %s | %s | %s |\n", r.ID, r.What, r.Role, r.Scenario, fmtNum(r.Observed), r.Band,
			fmtNum(r.Mean), fmtNum(r.Lo), fmtNum(r.Hi), fmtPct(r.Error()), inBandText(r), fmtNum(lo), fmtNum(hi), split, res)
	}
	var runs []string
	for _, name := range analysis.ScenariosOf(targetsOf(rs)) {
		sc, err := scenarios.Load(name)
		if err != nil {
			return "", err
		}
		days := validationDays(sc)
		last := time.Date(sc.Config.Start.Year, sc.Config.Start.Month, sc.Config.Start.Day+days-1, 0, 0, 0, 0, time.UTC)
		runs = append(runs, fmt.Sprintf("%s runs %s from %s to %s", name, plural(days, "day"), sc.Config.Start, last.Format("2006-01-02")))
	}
	fmt.Fprintf(&b, "\n%s (seeds 1–%d) of each scenario; %s. Observed: the published figure on the model's basis; error: the mean's against it; result: whether the mean is in the band. "+
		"Seeds in band: how many seeds' own values are in it. Split: the seeds fall into separate groups (each group's size and mean), and the mean describes none of them.\n",
		plural(reps, "replication"), reps, strings.Join(runs, "; "))
	b.WriteString(seedTable(period, rs, reps))
	return b.String(), nil
}

func targetsOf(rs []TargetResult) []analysis.Target {
	ts := make([]analysis.Target, len(rs))
	for i, r := range rs {
		ts[i] = r.Target
	}
	return ts
}

// fmtPct writes a relative error as a signed percentage ("–" for none).
func fmtPct(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	switch p := math.Round(100 * x); {
	case p == 0:
		return "0 %"
	case p < 0:
		return fmt.Sprintf("−%.0f %%", -p)
	default:
		return fmt.Sprintf("+%.0f %%", p)
	}
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
