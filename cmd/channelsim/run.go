package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
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
		if err := writeRunOutputs(out, sc, m, sum, start, wall); err != nil {
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
	printSummary(stdout, sum)
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

// runMarker is the file that marks a directory as run's output (one
// that a new run --out may replace): its manifest, which names and
// hashes the other files.
const runMarker = "manifest.json"

// writeRunOutputs writes summary.json, daily.csv, columns.json and
// manifest.json as one unit (safefile.Stage): the directory holds the
// four files of this run or, if the process dies, those of the previous
// one, never a mixture. The manifest names every other file with its
// size and SHA-256.
func writeRunOutputs(out *safefile.OutDir, sc *scenarios.Scenario, m *sim.Model, sum sim.Summary, start time.Time, wall time.Duration) error {
	st, err := out.Stage(runMarker)
	if err != nil {
		return err
	}
	defer st.Abort()
	type file struct {
		Name   string `json:"name"`
		Bytes  int    `json:"bytes"`
		SHA256 string `json:"sha256"`
	}
	var files []file
	write := func(name string, b []byte) error {
		sum := sha256.Sum256(b)
		files = append(files, file{name, len(b), hex.EncodeToString(sum[:])})
		return st.Write(name, b)
	}
	sj, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	if err := write("summary.json", append(sj, '\n')); err != nil {
		return err
	}
	var daily bytes.Buffer
	if err := m.WriteDailyCSV(&daily); err != nil {
		return err
	}
	if err := write("daily.csv", daily.Bytes()); err != nil {
		return err
	}
	cols, err := report.ColumnsJSON(map[string][]string{"daily.csv": m.DailyHeader()})
	if err != nil {
		return err
	}
	if err := write("columns.json", cols); err != nil {
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
		"files":           files,
	}
	mj, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	if err := st.Write(runMarker, append(mj, '\n')); err != nil {
		return err
	}
	return st.Commit()
}
