package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"channelsim/internal/safefile"
	"channelsim/report"
	"channelsim/scenarios"
	"channelsim/sim"
)

func init() { register(newRunCmd) }

// runOptions are run's parsed command line.
type runOptions struct {
	Scenario string // a TOML file or an embedded scenario's name
	Seed     uint64
	SeedSet  bool // --seed was given
	Days     int
	DaysSet  bool // --days was given
	Out      string
	JSON     bool
}

func newRunCmd() *cobra.Command {
	var o runOptions
	c := &cobra.Command{
		Use:   "run [SCENARIO]",
		Short: "run one scenario and print its summary",
		Long: "Runs SCENARIO (a TOML file or an embedded scenario's name; default " + scenarios.Default + ")\n" +
			"and prints a summary table, or the summary as one JSON object with --json.\n" +
			"With --out DIR it also writes summary.json, daily.csv, columns.json and\n" +
			"manifest.json (which names and hashes the others), before anything is printed,\n" +
			"as one unit: DIR then holds this run's files, or a previous run's, never a\n" +
			"mixture. --out names a new or empty directory, or one run wrote before.\n" +
			"The timing line goes to stderr.",
		Example:           "  channelsim run\n  channelsim run xray-for-people --days 14 --seed 3 --out xr\n  channelsim run my-scenario.toml --json | jq .detections_total",
		Args:              maxArgs(1, "scenario"),
		ValidArgsFunction: completeScenario,
		RunE: func(c *cobra.Command, args []string) error {
			o.Scenario = scenarios.Default
			if len(args) == 1 {
				o.Scenario = args[0]
			}
			o.SeedSet, o.DaysSet = c.Flags().Changed("seed"), c.Flags().Changed("days")
			return status(runRun(o))
		},
	}
	f := c.Flags()
	f.Uint64Var(&o.Seed, "seed", 0, "seed of the run's random streams (default: the scenario's)")
	f.IntVar(&o.Days, "days", 0, "override the scenario's horizon, in days")
	f.StringVar(&o.Out, "out", "", "directory to write summary.json, daily.csv, columns.json and manifest.json to")
	f.BoolVar(&o.JSON, "json", false, "print the summary as one JSON object on stdout")
	c.MarkFlagDirname("out")
	return c
}

// runRun runs one scenario: the outputs are written first, then the
// summary is printed.
func runRun(o runOptions) int {
	sc, err := scenarios.Load(o.Scenario)
	if err != nil {
		return reportLoadError(err)
	}
	cfg := sc.Config
	if o.SeedSet {
		if code := checkSeed("run", o.Seed); code != exitOK {
			return code
		}
		cfg.Seed = o.Seed
	}
	if o.DaysSet {
		if code := checkDays("run", o.Days); code != exitOK {
			return code
		}
		cfg.Days = o.Days
	}
	// Refused before the run, not after it; held (locked) until the
	// outputs are written.
	var out *safefile.OutDir
	if o.Out != "" {
		if out, err = safefile.OpenOutDir(o.Out, "run", safefile.OutDirOptions{}); err != nil {
			return failed("run", err)
		}
		defer out.Close()
	}

	start := time.Now()
	m, err := sim.NewDefault(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim run: %v\n", err)
		return exitInternal
	}
	bar := newProgress(cfg.Name, cfg.Days >= 30)
	for d := 1; d <= cfg.Days; d++ {
		m.RunUntil(float64(d) * 24 * 60)
		bar.Update(float64(d)/float64(cfg.Days), fmt.Sprintf("day %d/%d", d, cfg.Days))
	}
	bar.Done()
	wall := time.Since(start)
	sum := m.Summary()

	if o.Out != "" {
		if err := report.WriteRun(out, sc, m, sum, start, wall, version()); err != nil {
			return failed("run", fmt.Errorf("writing %s: %w", o.Out, err))
		}
	}
	timing := fmt.Sprintf("channelsim run: %s simulated in %s (%d events)\n", plural(cfg.Days, "day"), wall.Round(time.Millisecond), m.K.Fired())
	if o.JSON {
		b, err := json.Marshal(sum)
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim run: %v\n", err)
			return exitInternal
		}
		fmt.Fprintln(stdout, string(b))
		return exitOK
	}
	report.PrintSummary(stdout, sum)
	fmt.Fprint(os.Stderr, timing)
	return exitOK
}

// reportLoadError prints scenario errors as FILE:LINE:COL lines and returns
// exitUsage.
func reportLoadError(err error) int {
	var es scenarios.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Fprintln(os.Stderr, e.Error())
		}
		return exitUsage
	}
	fmt.Fprintf(os.Stderr, "channelsim: %v\n", err)
	return exitUsage
}
