package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"text/tabwriter"
	"time"

	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/sim"
)

// RunMarker is the file that marks a directory as run's output (one
// that a new run --out may replace): its manifest, which names and
// hashes the other files.
const RunMarker = "manifest.json"

// PrintSummary writes the summary as an aligned two-column table.
func PrintSummary(w io.Writer, s sim.Summary) {
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

// WriteRun writes summary.json, daily.csv, columns.json and
// manifest.json as one unit (safefile.Stage): the directory holds the
// four files of this run or, if the process dies, those of the previous
// one, never a mixture. The manifest names every other file with its
// size and SHA-256.
func WriteRun(out *safefile.OutDir, sc *scenarios.Scenario, m *sim.Model, sum sim.Summary, start time.Time, wall time.Duration, version string) error {
	st, err := out.Stage(RunMarker)
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
	cols, err := ColumnsJSON(map[string][]string{"daily.csv": m.DailyHeader()})
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
		"version":         version,
		"started_at":      start.UTC().Format(time.RFC3339),
		"wall_time_s":     wall.Seconds(),
		"events":          m.K.Fired(),
		"files":           files,
	}
	mj, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	if err := st.Write(RunMarker, append(mj, '\n')); err != nil {
		return err
	}
	return st.Commit()
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// roundSig rounds x to 4 significant digits for display.
func roundSig(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	p := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}
