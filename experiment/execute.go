package experiment

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"channelsim/internal/safefile"
	"channelsim/internal/worker"
	"channelsim/sim"
)

// Output file names in a sweep's directory.
const (
	RunsFile     = "runs.csv"
	ManifestFile = "manifest.json"
	// ColumnsFile is written beside a finished runs.csv (its columns'
	// units); it is claimed in the directory's record with the others.
	ColumnsFile = "columns.json"
	// Command is the command recorded in a sweep's output directory
	// (safefile's record): sweeps, merges and the stages of sensitivity
	// and calibration write the same directories.
	Command = "sweep"
	// MaxManifestBytes is the largest manifest.json read: a manifest
	// lists a parameter's values, at most MaxPoints of them.
	MaxManifestBytes = 16 << 20
)

// Options control Execute.
type Options struct {
	// Workers is the number of runs in parallel (0: one per CPU).
	Workers int
	// Shard and Shards select this process's share of the runs: those
	// whose index i has i mod Shards == Shard-1. Zero means 1 of 1.
	Shard, Shards int
	// Resume continues the runs.csv already in the directory.
	Resume bool
	// Context stops the sweep early when cancelled (nil: never).
	Context context.Context
	// Progress, if set, is called after each run is written, with the
	// runs of this shard done (including resumed ones) and in all.
	Progress func(done, total int)
	// Version is the program version recorded in the manifest.
	Version string
	// Daily also writes each run's daily series to DailyFile.
	Daily bool
	// Out, if set, is dir opened by the caller (safefile.OpenOutDir
	// with Command), which keeps its lock after Execute returns (to
	// finish runs.csv); otherwise Execute opens dir and closes it.
	Out *safefile.OutDir
}

// OpenDir opens dir as a sweep's output directory: it takes its lock and
// refuses a path that is not a directory, another command's output and a
// directory that holds files a sweep did not write (safefile.OpenOutDir).
func OpenDir(dir string) (*safefile.OutDir, error) {
	return safefile.OpenOutDir(dir, Command, safefile.OutDirOptions{})
}

// Report is what Execute did.
type Report struct {
	Total   int // runs in this shard
	Resumed int // runs found complete in an existing runs.csv
	Ran     int // runs run now
}

// Manifest describes a sweep's output directory (manifest.json).
type Manifest struct {
	Program        string          `json:"program"`
	Version        string          `json:"version"`
	Sweep          string          `json:"sweep"`
	SweepFile      string          `json:"sweep_file"`
	SweepSHA256    string          `json:"sweep_sha256"`
	PlanSHA256     string          `json:"plan_sha256"`
	Base           string          `json:"base"`
	BaseSHA256     string          `json:"base_sha256"`
	Design         string          `json:"design"`
	Samples        int             `json:"samples,omitempty"`
	Parameters     []ManifestParam `json:"parameters"`
	Points         int             `json:"points"`
	Replications   int             `json:"replications"`
	Runs           int             `json:"runs"`
	Days           int             `json:"days"`
	Seed           uint64          `json:"seed"`
	CommonSeeds    bool            `json:"common_seeds"`
	SeedDerivation string          `json:"seed_derivation"`
	RunOrder       string          `json:"run_order"`
	Shard          string          `json:"shard"`
	ShardRuns      int             `json:"shard_runs"`
	RunsDone       int             `json:"runs_done"`
	Complete       bool            `json:"complete"`
	Daily          bool            `json:"daily,omitempty"` // DailyFile holds each run's daily series
	MergedFrom     []string        `json:"merged_from,omitempty"`
}

// ManifestParam is a parameter in the manifest.
type ManifestParam struct {
	Key    string   `json:"key"`
	Kind   string   `json:"kind"`
	Base   string   `json:"base_value"`
	Values []string `json:"values,omitempty"`
	From   *float64 `json:"from,omitempty"`
	To     *float64 `json:"to,omitempty"`
}

// Manifest returns the plan's manifest for shard k of n (1-based).
func (p *Plan) Manifest(version string, k, n int) Manifest {
	s := p.Sweep
	m := Manifest{
		Program: "channelsim", Version: version, Sweep: s.Name, SweepFile: s.Source, SweepSHA256: s.SHA256,
		PlanSHA256: p.Hash(), Base: s.Base, BaseSHA256: s.BaseScenario.Hash, Design: s.Design, Samples: s.Samples,
		Points: len(p.Points), Replications: p.Reps, Runs: p.Runs(), Days: p.Days, Seed: s.Seed, CommonSeeds: s.CommonSeeds,
		SeedDerivation: "seed = RunSeed(master seed, point, replication): SplitMix64 finalisers over the tuple (experiment/seed.go)",
		RunOrder:       "run i is replication floor(i / points) of the point in slot i mod points of the van der Corput order of the points",
		Shard:          fmt.Sprintf("%d/%d", k, n), ShardRuns: shardRuns(p.Runs(), k, n),
	}
	for _, par := range s.Params {
		mp := ManifestParam{Key: par.Key, Kind: par.Kind, Base: FormatValue(par.Base)}
		if par.IsRange {
			from, to := par.From, par.To
			mp.From, mp.To = &from, &to
		}
		if !par.IsRange || s.Design != "latin-hypercube" {
			for _, v := range par.Values {
				mp.Values = append(mp.Values, FormatValue(v))
			}
		}
		m.Parameters = append(m.Parameters, mp)
	}
	return m
}

// shardRuns is the number of run indices i < total with i mod n == k-1.
func shardRuns(total, k, n int) int {
	if k-1 >= total {
		return 0
	}
	return (total - (k - 1) + n - 1) / n
}

// Header returns the columns of runs.csv: the run's identity, its
// parameters, the flattened metrics in columns, and other_metrics.
func (p *Plan) Header(metrics []string) []string {
	h := []string{"run", "point", "replication", "seed"}
	for _, par := range p.Sweep.Params {
		h = append(h, par.Key)
	}
	h = append(h, metrics...)
	return append(h, "other_metrics")
}

// Metrics returns the metric columns of runs.csv: the flattened summary
// keys of the base scenario run at the sweep's horizon with the master
// seed, without "seed" (a column already). Map metrics a run has that
// this probe had not (a detection method the base never used) go to the
// last column, other_metrics, as "key=value" pairs separated by ";"; a
// metric a run lacks is empty (for a map entry: none counted).
func (p *Plan) Metrics() ([]string, error) {
	c := Clone(p.Sweep.BaseScenario.Config)
	c.Days = p.Days
	c.Seed = p.Sweep.Seed
	m, err := sim.NewDefault(c)
	if err != nil {
		return nil, err
	}
	m.Run()
	sum, err := p.summary(m)
	if err != nil {
		return nil, err
	}
	var ks []string
	for _, e := range sum.Flat() {
		if e.Key != "seed" {
			ks = append(ks, e.Key)
		}
	}
	return ks, nil
}

// summary returns a finished run's summary with the plan's extra
// metrics, if any, after it.
func (p *Plan) summary(m *sim.Model) (sim.Summary, error) {
	sum := m.Summary()
	if p.Extra == nil {
		return sum, nil
	}
	extra, err := p.Extra(m)
	if err != nil {
		return nil, err
	}
	return append(sum, extra...), nil
}

// row formats run i's CSV line.
func (p *Plan) row(i int, metrics []string, index map[string]int, sum sim.Summary, buf *bytes.Buffer) {
	point, rep, seed := p.Run(i)
	rec := make([]string, 0, 5+len(p.Sweep.Params)+len(metrics))
	rec = append(rec, strconv.Itoa(i), strconv.Itoa(point), strconv.Itoa(rep), FormatSeed(seed))
	for d := range p.Sweep.Params {
		rec = append(rec, FormatValue(p.Points[point][d]))
	}
	// A map entry the run lacks (no detection by that method) counted
	// none: 0. Any other metric the run lacks stays empty.
	vals := make([]string, len(metrics))
	maps := map[string]bool{}
	for _, e := range sum {
		if _, ok := e.Value.(map[string]int64); ok {
			maps[e.Key] = true
		}
	}
	for j, k := range metrics {
		if prefix, _, ok := strings.Cut(k, "."); ok && maps[prefix] {
			vals[j] = "0"
		}
	}
	var other []string
	for _, e := range sum.Flat() {
		if e.Key == "seed" {
			continue
		}
		s := formatMetric(e.Value)
		if j, ok := index[e.Key]; ok {
			vals[j] = s
		} else {
			other = append(other, e.Key+"="+s)
		}
	}
	rec = append(rec, vals...)
	rec = append(rec, strings.Join(other, ";"))
	buf.Reset()
	w := csv.NewWriter(buf)
	w.Write(rec)
	w.Flush()
}

// formatMetric writes a metric's value for runs.csv; a value that is not
// a finite number (a ratio of nothing) is left empty, as a metric the
// run lacks, rather than written as a number it is not.
func formatMetric(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return sim.FormatFloat(x)
	}
	return fmt.Sprint(v)
}

// Execute runs the plan's runs of the selected shard into dir: runs.csv,
// one row per run in run-index order, written and flushed as runs finish
// (a bounded window reorders them), and manifest.json. The output is
// byte-identical for any number of workers, and the shards' files merge
// (Merge) into the single-process runs.csv. With Resume, the complete
// rows of an existing runs.csv are kept, a partial last line is cut, and
// only the missing runs run.
func Execute(p *Plan, dir string, o Options) (Report, error) {
	if o.Shards == 0 {
		o.Shard, o.Shards = 1, 1
	}
	if o.Shards < 1 || o.Shard < 1 || o.Shard > o.Shards {
		return Report{}, fmt.Errorf("shard %d/%d: expected 1 ≤ K ≤ N", o.Shard, o.Shards)
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
	rep := Report{Total: shardRuns(p.Runs(), o.Shard, o.Shards)}
	// One process at a time in a directory: a second sweep, a resume
	// started while the first still runs, or any other command writing
	// there is refused; so is a directory of other files.
	out := o.Out
	if out == nil {
		d, err := OpenDir(dir)
		if err != nil {
			return rep, err
		}
		defer d.Close()
		out = d
	}
	e := &execution{p: p, dir: dir, o: o, out: out, rep: rep, probe: startProbe(p)}
	e.man = p.Manifest(o.Version, o.Shard, o.Shards)
	e.man.Daily = o.Daily
	err := e.run()
	return e.rep, err
}

// execution is one Execute under way: its plan, options and directory,
// and what its steps share.
type execution struct {
	p     *Plan
	dir   string
	o     Options
	out   *safefile.OutDir
	rep   Report
	man   Manifest
	probe *probe

	daily       *os.File // DailyFile, with Options.Daily
	dailyHeader string   // its columns, "" until the first run's
	w           *bufio.Writer
	line        bytes.Buffer
	index       map[string]int // the metrics' columns
	headerDue   bool           // runs.csv still lacks its header
}

// runOf is the run index of the shard's j-th run.
func (e *execution) runOf(j int) int { return e.o.Shard - 1 + j*e.o.Shards }

// run checks the directory's record, opens runs.csv (and DailyFile),
// runs what is left and records in the manifest how far it got.
func (e *execution) run() error {
	path := filepath.Join(e.dir, RunsFile)
	_, statErr := os.Lstat(path)
	exists := statErr == nil
	if exists && !e.o.Resume {
		return refuse("%s already exists: use --resume to continue that sweep, or another output directory", path)
	}
	if err := e.checkRecord(path, exists); err != nil {
		return err
	}
	if err := e.out.Claim(RunsFile, ManifestFile, ColumnsFile); err != nil {
		return err
	}
	f, err := e.openRuns(path, exists)
	if err != nil {
		return err
	}
	e.headerDue = !exists
	defer f.Close()
	if e.o.Daily {
		if e.daily, e.dailyHeader, err = resumeDaily(e.out, e.rep.Resumed, e.runOf); err != nil {
			return err
		}
		defer e.daily.Close()
	}
	e.man.RunsDone = e.rep.Resumed
	if err := writeManifest(e.out, e.man); err != nil {
		return err
	}
	e.w = bufio.NewWriter(f)
	err = Ordered(e.o.Context, e.rep.Total-e.rep.Resumed, e.o.Workers, e.runOne, e.write)
	if err == nil {
		err = e.start() // a shard with no runs still gets its header
	}
	if ferr := e.w.Flush(); err == nil {
		err = ferr
	}
	e.man.RunsDone = e.rep.Resumed + e.rep.Ran
	e.man.Complete = e.man.RunsDone == e.rep.Total
	if merr := writeManifest(e.out, e.man); err == nil {
		err = merr
	}
	return err
}

// checkRecord checks the directory's record (its manifest, written when
// a sweep starts in it): it must be this sweep and this shard, whether or
// not runs.csv (path, which exists or not) survived; without it, rows
// cannot be told from another sweep's (another horizon has the same
// columns and seeds).
func (e *execution) checkRecord(path string, exists bool) error {
	dir, man := e.dir, e.man
	old, err := readManifest(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if exists {
			return refuse("%s has no %s: it cannot tell which sweep (horizon, replications) its runs belong to, so they cannot be resumed; run the sweep again into a new directory", path, filepath.Join(dir, ManifestFile))
		}
	case err != nil:
		return refuse("%s: %v: refusing to %s a directory whose record cannot be read; run the sweep into a new directory", filepath.Join(dir, ManifestFile), unwrapPath(err), map[bool]string{true: "resume", false: "write into"}[e.o.Resume])
	default:
		if old.PlanSHA256 != man.PlanSHA256 {
			return refuse("%s is the output of another sweep (plan %.12s, this one %.12s: %s): continue it with\n  %s\nor write this sweep to another output directory", dir, old.PlanSHA256, man.PlanSHA256, PlanChange(old, man), resumeHint(old, dir))
		}
		if old.Daily != e.o.Daily {
			return refuse("%s was begun %s --daily: continue it %s --daily, or write this sweep to another output directory", dir, map[bool]string{true: "with", false: "without"}[old.Daily], map[bool]string{true: "with", false: "without"}[old.Daily])
		}
		if old.Shard != man.Shard {
			return refuse("%s holds shard %s of this sweep, not %s: continue that shard with\n  %s\nor write shard %s to another output directory", dir, old.Shard, man.Shard, resumeHint(old, dir), man.Shard)
		}
	}
	return nil
}

// openRuns opens runs.csv at path: a new file, or an existing one (a
// resume) checked against the plan and cut after its last complete row,
// whose rows it counts in e.rep.Resumed.
func (e *execution) openRuns(path string, exists bool) (*os.File, error) {
	if !exists {
		return e.out.CreateNew(RunsFile)
	}
	if err := e.probe.wait(); err != nil {
		return nil, err
	}
	header := e.probe.header.Bytes()
	n, keep, err := scanRuns(path, string(header), checkerOfPlan(e.p, path, e.p.Header(e.probe.metrics)), e.rep.Total, e.runOf)
	if err != nil {
		return nil, err
	}
	f, err := e.out.OpenExisting(RunsFile)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(keep); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(keep, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	e.rep.Resumed = n
	if keep == 0 {
		if _, err := f.Write(header); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// runResult is one run's outcome, made on a worker.
type runResult struct {
	sum         sim.Summary
	daily       []byte // the run's member of DailyFile
	dailyHeader string
	err         error
}

// runOne runs the shard's j-th run still to do, on a worker.
func (e *execution) runOne(j int) runResult {
	i := e.runOf(e.rep.Resumed + j)
	cfg, err := e.p.Config(i)
	if err != nil {
		return runResult{err: err}
	}
	m, err := sim.NewDefault(cfg)
	if err != nil {
		return runResult{err: fmt.Errorf("run %d: %w", i, err)}
	}
	m.Run()
	sum, err := e.p.summary(m)
	if err != nil {
		return runResult{err: fmt.Errorf("run %d: %w", i, err)}
	}
	res := runResult{sum: sum}
	if e.o.Daily {
		if res.daily, res.dailyHeader, err = e.p.dailyMember(i, m); err != nil {
			return runResult{err: fmt.Errorf("run %d: %w", i, err)}
		}
	}
	return res
}

// start waits for the probe run and, the first time, writes the header
// of a new runs.csv.
func (e *execution) start() error {
	if err := e.probe.wait(); err != nil {
		return err
	}
	if e.index == nil {
		e.index = make(map[string]int, len(e.probe.metrics))
		for j, k := range e.probe.metrics {
			e.index[k] = j
		}
	}
	if e.headerDue {
		e.headerDue = false
		if _, err := e.w.Write(e.probe.header.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// write writes the j-th run's row (and daily series), in order.
func (e *execution) write(j int, r runResult) error {
	if r.err != nil {
		return r.err
	}
	if err := e.start(); err != nil {
		return err
	}
	// The run's daily series first: a kill between the two leaves
	// DailyFile a run ahead of runs.csv, which resume cuts.
	if e.o.Daily {
		if e.dailyHeader == "" {
			if _, err := e.daily.Write(gzipMember(r.dailyHeader)); err != nil {
				return err
			}
			e.dailyHeader = r.dailyHeader
		} else if r.dailyHeader != e.dailyHeader {
			return fmt.Errorf("run %d: its daily series has other columns than the sweep's first run (%s): a long table needs the same columns in every run", e.runOf(e.rep.Resumed+j), strings.TrimSpace(r.dailyHeader))
		}
		if _, err := e.daily.Write(r.daily); err != nil {
			return err
		}
	}
	e.p.row(e.runOf(e.rep.Resumed+j), e.probe.metrics, e.index, r.sum, &e.line)
	if _, err := e.w.Write(e.line.Bytes()); err != nil {
		return err
	}
	if err := e.w.Flush(); err != nil {
		return err
	}
	e.rep.Ran++
	if e.o.Progress != nil {
		e.o.Progress(e.rep.Resumed+e.rep.Ran, e.rep.Total)
	}
	return nil
}

// probe is the run that fixes the metric columns: it runs beside the
// first runs, not before them; rows are formatted when they are written.
type probe struct {
	ch      chan error
	waited  bool
	err     error
	metrics []string
	header  bytes.Buffer // runs.csv's header line
}

func startProbe(p *Plan) *probe {
	pr := &probe{ch: make(chan error, 1)}
	go func() {
		var wp *worker.Panic
		defer func() {
			if wp != nil {
				pr.ch <- wp
			}
		}()
		defer worker.Recover(&wp)
		ms, err := p.Metrics()
		if err != nil {
			pr.ch <- fmt.Errorf("probe run of the base scenario: %w", err)
			return
		}
		pr.metrics = ms
		hw := csv.NewWriter(&pr.header)
		hw.Write(p.Header(ms))
		hw.Flush()
		pr.ch <- nil
	}()
	return pr
}

// wait waits for the probe run and returns its error; its panic is raised
// again here, an internal error reported at the top.
func (pr *probe) wait() error {
	if !pr.waited {
		pr.err, pr.waited = <-pr.ch, true
		if wp, ok := pr.err.(*worker.Panic); ok {
			panic(wp)
		}
	}
	return pr.err
}

// scanRuns reads an existing runs.csv: it checks the header, then that
// each complete row is the next run of the shard (runOf(j) is the j-th
// of its total runs) and every value in it is what the plan says or a
// number (rowChecker), and returns the number of complete rows and the
// byte offset after the last one. A partial last line (no newline: the
// process was killed while writing it) is not counted.
func scanRuns(path, header string, c *rowChecker, total int, runOf func(j int) int) (int, int64, error) {
	f, err := safefile.OpenInput(path, "runs.csv")
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(safefile.LimitLines(f, safefile.MaxLineBytes, path), 1<<16)
	first, err := r.ReadString('\n')
	if safefile.IsRefusal(err) {
		return 0, 0, err
	}
	if err != nil {
		return 0, 0, nil // not even a complete header: start again
	}
	if first != header {
		return 0, 0, refuse("%s has other columns than this sweep's runs.csv (a different sweep or program version?): refusing to resume it", path)
	}
	off := int64(len(first))
	n := 0
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return n, off, nil // line is partial or empty
		}
		if err != nil {
			return 0, 0, unwrapPath(err)
		}
		if n >= total {
			return 0, 0, refuse("%s: line %d: more rows than the shard's %d runs", path, n+2, total)
		}
		rec, perr := csv.NewReader(strings.NewReader(line)).Read()
		if perr != nil {
			return 0, 0, refuse("%s:%d: not a CSV row: %v", path, n+2, perr)
		}
		if err := c.check(rec, n+2, runOf(n)); err != nil {
			return 0, 0, err
		}
		n++
		off += int64(len(line))
	}
}

// unwrapPath drops the path of a *fs.PathError (a message names it).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readManifest reads dir's manifest.json: a regular file (a FIFO, a
// device or a directory is refused without blocking) of at most
// MaxManifestBytes.
func readManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := safefile.ReadInput(filepath.Join(dir, ManifestFile), MaxManifestBytes, "manifest.json")
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	return m, nil
}

// writeManifest replaces manifest.json atomically.
func writeManifest(out *safefile.OutDir, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return out.WriteFile(ManifestFile, append(b, '\n'))
}

// PlanChange says what differs between the plans of two manifests: the
// sweep file, the resolved base scenario (after extends), the horizon or
// the replications.
func PlanChange(old, now Manifest) string {
	var ch []string
	if old.SweepSHA256 != now.SweepSHA256 {
		ch = append(ch, fmt.Sprintf("the sweep file %s changed (SHA-256 %.12s then, %.12s now)", now.SweepFile, old.SweepSHA256, now.SweepSHA256))
	}
	if old.BaseSHA256 != now.BaseSHA256 {
		ch = append(ch, fmt.Sprintf("the base scenario %s changed, or a file it extends (resolved SHA-256 %.12s then, %.12s now)", now.Base, old.BaseSHA256, now.BaseSHA256))
	}
	if old.Days != now.Days {
		ch = append(ch, fmt.Sprintf("%d days then, %d now", old.Days, now.Days))
	}
	if old.Replications != now.Replications {
		ch = append(ch, fmt.Sprintf("%d replications then, %d now", old.Replications, now.Replications))
	}
	if old.CommonSeeds != now.CommonSeeds {
		ch = append(ch, fmt.Sprintf("common seeds %t then, %t now (--independent-seeds)", old.CommonSeeds, now.CommonSeeds))
	}
	if len(ch) == 0 {
		return "written by another version of channelsim, whose plans are identified otherwise (or begun before common seeds became the default)"
	}
	return strings.Join(ch, "; ")
}
