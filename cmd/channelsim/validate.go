package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/internal/safefile"
	"channelsim/report"
	"channelsim/scenarios"
)

func init() { register(newValidateCmd) }

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
		Long: "Checks one period's targets (--period 2014–2016 or 2019–2024; default 2015).\n" +
			"2015 is in sample: the baseline (a year from 1 July 2015) and\n" +
			"surge-after-paris. 2014 and 2016 are out of sample: baseline-2014 (1 September\n" +
			"– 31 October 2014) and baseline-2016 (the year 2016), built from their own\n" +
			"year's inputs. 2019–2024 are the small boats' years, on one run of\n" +
			"baseline-2018-2024 from 1 January 2018 to the year's end: 2019–2021 in sample,\n" +
			"2022–2024 out of sample. Their targets: the year's small-boat arrivals (Home\n" +
			"Office SB_01, ± 30 %), people per boat (within a factor of 2), the share of\n" +
			"people prevented and lorry detections where published, and each month's\n" +
			"arrivals and people detected in the UK as context. Each scenario runs --reps times with seeds 1…N; for each\n" +
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
			"seeds at ≤ 0.25; for 2019–2024 the same over the year's twelve months\n" +
			"(ARD-YEAR-months). JSON and CSV give the values (seeds, seed_1…seed_N), the\n" +
			"count in the band and the groups, and the ARD as a row of role summary.\n\n" +
			"Under the calibration's uncertainty: for 2014, 2016 and 2022–2024 (out of\n" +
			"sample) the targets are also measured under --draws parameter sets drawn from\n" +
			"the kept sample of their calibration (docs/calibration/posterior.csv for\n" +
			"2014 and 2016, docs/calibration/boats/posterior.csv for 2022–2024, embedded;\n" +
			"--posterior FILE for another, --posterior none for none), each with\n" +
			"--draw-reps seeds: the\n" +
			"posterior predictive. Its table gives the median and central 95 % over all\n" +
			"those runs, the share of runs in the band, the share of draws whose mean over\n" +
			"its seeds is in the band, and the share of the runs' variance that comes from\n" +
			"the parameters (between draws) rather than the model's own noise (between\n" +
			"seeds of a draw), by the law of total variance. A target met by the baseline\n" +
			"on every seed but by few draws rests on the baseline's particular values.\n\n" +
			"Exit status: 0 when every target's mean is in its band, 3 when the run went\n" +
			"fine and at least one band was missed (the ARD row is not counted), 1 on an\n" +
			"internal failure, 2 on bad usage or input.",
		Example: "  channelsim validate --reps 30\n  channelsim validate --period 2016 --reps 10\n  channelsim validate --period 2022 --reps 3\n  channelsim validate --reps 5 --json",
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
	f.StringVar(&o.Posterior, "posterior", "", "a parameter sample (posterior.csv of channelsim calibrate) to also measure the targets under; default for 2014, 2016 and 2022–2024: the kept sample of their calibration; none: no sample")
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
	if ard, ok := analysis.ARD(o.Period, results); ok {
		rows = append(rows[:len(rows):len(rows)], ard)
	}
	text, err := report.ValidationMarkdown(o.Period, rows, o.Reps)
	if err != nil {
		return failed("validate", err)
	}
	if post != nil {
		pr, err := validatePosterior(targets, post, o.Draws, o.DrawReps, o.Workers)
		if err != nil {
			return failed("validate", err)
		}
		text += pr
	}
	// Timing goes to stderr: the report on stdout and in --out is the
	// same for the same seeds, whatever the machine and --workers.
	fmt.Fprintf(os.Stderr, "channelsim validate: wall time %s\n", time.Since(start).Round(time.Second))
	if o.Out != "" {
		if err := safefile.WriteFile(o.Out, []byte(text)); err != nil {
			return failed("validate", fmt.Errorf("writing %s: %w", o.Out, err))
		}
	}
	switch o.Format {
	case "json":
		b, err := json.MarshalIndent(report.ValidationRows(rows), "", "  ")
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim validate: %v\n", err)
			return exitInternal
		}
		stdout.Write(append(b, '\n'))
	case "csv":
		writeCSV(stdout, report.ValidationCSV(rows, o.Reps))
	default:
		fmt.Fprint(stdout, text)
	}
	return validateStatus(rows)
}

// validateStatus is validate's exit status: exitBandMissed when a
// target's mean is outside its band (context figures have none; summary
// rows, such as 2016's ARD, are not targets), else exitOK. The rule is
// the mean's: the seeds in the band and the split are reported, not
// judged.
func validateStatus(rs []analysis.TargetResult) int {
	for _, r := range rs {
		if r.Role != analysis.RoleSummary && !r.Pass {
			return exitBandMissed
		}
	}
	return exitOK
}

// validateProgress is a progress bar per scenario for
// analysis.MeasureTargets; done ends the last.
func validateProgress(show bool) (update func(name string, done, total int), done func()) {
	var bar *progress
	var at string
	return func(name string, d, t int) {
			if name != at {
				if bar != nil {
					bar.Done()
				}
				bar, at = newProgress("validate "+name, show), name
			}
			bar.Runs(d, t)
		}, func() {
			if bar != nil {
				bar.Done()
			}
		}
}

// validate runs the replications and measures the targets ts.
func validate(ts []analysis.Target, reps, workers int, show bool) ([]analysis.TargetResult, error) {
	progress, done := validateProgress(show)
	defer done()
	return analysis.Validate(ts, reps, workers, progress)
}

// validationPosterior returns the parameter sample validate draws from:
// --posterior FILE, or for the out-of-sample periods the kept calibration
// sample unless --posterior none; nil for none.
func validationPosterior(o validateOptions) (*analysis.Posterior, int) {
	if o.Posterior == "none" || (o.Posterior == "" && !analysis.UsesKeptPosterior(o.Period)) {
		return nil, exitOK
	}
	sc, err := scenarios.Load(analysis.PosteriorBase(o.Period))
	if err != nil {
		return nil, reportLoadError(err)
	}
	var post *analysis.Posterior
	if o.Posterior == "" {
		name, text := analysis.KeptPosteriorFor(o.Period)
		post, err = analysis.ParsePosterior(name, bytes.NewReader(text), sc)
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

// validatePosterior reports each target's posterior predictive under
// draws of post (analysis.MeasurePosterior).
func validatePosterior(ts []analysis.Target, post *analysis.Posterior, draws, reps, workers int) (string, error) {
	progress, done := validateProgress(true)
	values, err := analysis.MeasurePosterior(ts, post, draws, reps, workers, progress)
	done()
	if err != nil {
		return "", err
	}
	return report.PosteriorMarkdown(post.Source, draws, reps, ts, values), nil
}
