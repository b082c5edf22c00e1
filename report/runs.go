package report

import (
	"encoding/json"
	"path/filepath"

	"channelsim/experiment"
	"channelsim/internal/safefile"
)

// FinishRuns rewrites the complete runs.csv in out with one column per
// metric — the union over the runs, in a stable order, 0 where a run
// lacks an entry of a map metric (it counted none), empty where it lacks
// any other metric — in place of the other_metrics column, and writes
// columns.json beside it. It reads the file twice (once to find the
// columns, once to write them), so its memory does not grow with the
// number of runs, and replaces runs.csv atomically. A runs.csv already
// finished is left as it is.
// The directory is the caller's, open (experiment.OpenDir) and locked.
func FinishRuns(out *safefile.OutDir) error {
	path := filepath.Join(out.Path, experiment.RunsFile)
	header, err := experiment.ReadHeader(path)
	if err != nil {
		return err
	}
	if len(header) > 0 && header[len(header)-1] == experiment.OtherMetrics {
		if header, err = experiment.TidyRuns(out, header); err != nil {
			return err
		}
	}
	b, err := ColumnsJSON(map[string][]string{experiment.RunsFile: header})
	if err != nil {
		return err
	}
	if err := out.Claim(experiment.ColumnsFile); err != nil {
		return err
	}
	return out.WriteFile(experiment.ColumnsFile, b)
}

// FinishRunsIn opens dir, a sweep's output directory, and finishes its
// runs.csv (FinishRuns). A runs.csv already finished is only read: the
// directory is not taken (a stage's complete runs copied in by hand are
// analysed as they are).
func FinishRunsIn(dir string) error {
	if h, err := experiment.ReadHeader(filepath.Join(dir, experiment.RunsFile)); err == nil && len(h) > 0 && h[len(h)-1] != experiment.OtherMetrics {
		return nil
	}
	out, err := experiment.OpenDir(dir)
	if err != nil {
		return err
	}
	defer out.Close()
	return FinishRuns(out)
}

// FinishedSweep reports whether dir holds a finished runs.csv (one column
// per metric) of the sweep with plan hash plan, and its number of runs.
func FinishedSweep(dir, plan string) (bool, int) {
	header, err := experiment.ReadHeader(filepath.Join(dir, experiment.RunsFile))
	if err != nil || len(header) == 0 || header[len(header)-1] == experiment.OtherMetrics {
		return false, 0
	}
	b, err := safefile.ReadInput(filepath.Join(dir, experiment.ManifestFile), experiment.MaxManifestBytes, "manifest.json")
	if err != nil {
		return false, 0
	}
	var m experiment.Manifest
	if json.Unmarshal(b, &m) != nil || m.PlanSHA256 != plan || !m.Complete {
		return false, 0
	}
	return true, m.Runs
}
