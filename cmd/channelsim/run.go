package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"channelsim/scenarios"
	"channelsim/sim"
)

func init() {
	register("run", "run one scenario and print its summary", runRun)
}

func runRun(args []string) int {
	fs := newFlags("run", "[SCENARIO] [--seed N] [--days N] [--out DIR] [--json]",
		"Runs SCENARIO (a TOML file or an embedded scenario's name; default "+scenarios.Default+")\n"+
			"and prints a summary table, or the summary as one JSON object with --json.\n"+
			"With --out DIR it also writes summary.json, daily.csv and manifest.json.")
	seed := fs.Uint64("seed", 0, "seed of the run's random streams (default: the scenario's)")
	days := fs.Int("days", 0, "override the scenario's horizon, in days")
	out := fs.String("out", "", "directory to write summary.json, daily.csv and manifest.json to")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object on stdout")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) > 1 {
		return usageError(fs, "expected at most one scenario, got %d: %s", len(pos), strings.Join(pos, " "))
	}
	ref := scenarios.Default
	if len(pos) == 1 {
		ref = pos[0]
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	sc, err := scenarios.Load(ref)
	if err != nil {
		return reportLoadError(err)
	}
	cfg := sc.Config
	if set["seed"] {
		cfg.Seed = *seed
	}
	if set["days"] {
		if *days < 1 || *days > 3660 {
			return usageError(fs, "--days: expected a number of days from 1 to 3660, got %d", *days)
		}
		cfg.Days = *days
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

	if *out != "" {
		if err := writeRunOutputs(*out, sc, m, sum, start, wall); err != nil {
			fmt.Fprintf(os.Stderr, "channelsim run: writing %s: %v\n", *out, err)
			return exitInternal
		}
	}
	if *asJSON {
		b, err := json.Marshal(sum)
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim run: %v\n", err)
			return exitInternal
		}
		fmt.Println(string(b))
		return exitOK
	}
	printSummary(os.Stdout, sum)
	fmt.Printf("\n%.1f simulated days in %s (%d events)\n", float64(cfg.Days), wall.Round(time.Millisecond), m.K.Fired())
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

// printSummary writes the summary as an aligned two-column table.
func printSummary(w io.Writer, s sim.Summary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range s {
		switch v := e.Value.(type) {
		case map[string]int64:
			if len(v) == 0 {
				fmt.Fprintf(tw, "%s\t(none)\n", e.Key)
			}
			for _, k := range sortedKeys(v) {
				fmt.Fprintf(tw, "%s.%s\t%d\n", e.Key, k, v[k])
			}
		case float64:
			fmt.Fprintf(tw, "%s\t%s\n", e.Key, sim.FormatFloat(roundSig(v)))
		default:
			fmt.Fprintf(tw, "%s\t%v\n", e.Key, v)
		}
	}
	tw.Flush()
}

// writeRunOutputs writes summary.json, daily.csv and manifest.json
// atomically.
func writeRunOutputs(dir string, sc *scenarios.Scenario, m *sim.Model, sum sim.Summary, start time.Time, wall time.Duration) error {
	af, err := newAtomicFiles(dir)
	if err != nil {
		return err
	}
	defer af.Abort()
	sj, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	if err := af.Write("summary.json", append(sj, '\n')); err != nil {
		return err
	}
	var daily bytes.Buffer
	if err := m.WriteDailyCSV(&daily); err != nil {
		return err
	}
	if err := af.Write("daily.csv", daily.Bytes()); err != nil {
		return err
	}
	cfg := sc.Config
	manifest := map[string]any{
		"scenario":        cfg.Name,
		"scenario_source": sc.Source,
		"scenario_sha256": sc.Hash,
		"seed":            cfg.Seed,
		"days":            cfg.Days,
		"start_date":      cfg.Start.String(),
		"end_date":        m.Cal.Date(cfg.Days - 1).Format("2006-01-02"),
		"program":         "channelsim",
		"version":         version(),
		"started_at":      start.UTC().Format(time.RFC3339),
		"wall_time_s":     wall.Seconds(),
		"events":          m.K.Fired(),
	}
	mj, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	if err := af.Write("manifest.json", append(mj, '\n')); err != nil {
		return err
	}
	return af.Commit()
}
