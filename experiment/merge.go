package experiment

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"channelsim/internal/safefile"
)

// Merge merges the runs.csv of shard directories of one sweep into
// out/runs.csv (in run-index order, byte-identical to the runs.csv of the
// whole sweep run by one process) and out/manifest.json. It refuses
// shards of different sweeps (plan hashes or columns differ), a run that
// two shards both have, and a sweep with runs missing, naming them. The
// shards' files are sorted by run index, so the merge streams them: its
// memory does not grow with the number of runs.
func Merge(out string, dirs []string) (Manifest, error) {
	if len(dirs) == 0 {
		return Manifest{}, refuse("no shard directories to merge")
	}
	o, err := OpenDir(out)
	if err != nil {
		return Manifest{}, err
	}
	defer o.Close()
	return MergeInto(o, dirs)
}

// MergeInto is Merge into the output directory o, opened by the caller
// (OpenDir), which keeps its lock afterwards. A directory that holds a
// sweep's runs.csv is refused, unless it is a merge of the same sweep
// (merged again).
func MergeInto(o *safefile.OutDir, dirs []string) (Manifest, error) {
	out := o.Path
	if len(dirs) == 0 {
		return Manifest{}, refuse("no shard directories to merge")
	}
	man, parts, err := readParts(out, dirs)
	if err != nil {
		return man, err
	}
	// The output's own runs.csv: only a merge of the same sweep is
	// replaced (a merge run again); anything else stays as it is.
	if _, err := os.Lstat(filepath.Join(out, RunsFile)); err == nil {
		prev, err := readManifest(out)
		if err != nil || prev.Shard != "merged" || prev.PlanSHA256 != man.PlanSHA256 {
			return man, refuse("%s already holds a sweep's %s (not a merge of these shards): merge into a new directory", out, RunsFile)
		}
	}
	if err := checkParts(parts, man.Runs); err != nil {
		return man, err
	}
	// No sweep may write a shard while it is merged (the output is
	// locked by the caller).
	for _, d := range dirs {
		l, err := safefile.LockDir(d)
		if err != nil {
			return man, err
		}
		defer l.Unlock()
	}
	shards, header, err := openShards(dirs, parts)
	defer func() {
		for _, s := range shards {
			s.f.Close()
		}
	}()
	if err != nil {
		return man, err
	}
	for _, s := range shards {
		if err := s.advance(man.Runs); err != nil {
			return man, err
		}
	}
	if err := o.Claim(RunsFile, ManifestFile, ColumnsFile); err != nil {
		return man, err
	}
	tmp, err := o.Create(RunsFile)
	if err != nil {
		return man, err
	}
	defer tmp.Abort()
	w := bufio.NewWriterSize(tmp, 1<<16)
	w.WriteString(header)
	missing, err := copyInOrder(w, shards, man.Runs)
	if err != nil {
		return man, err
	}
	if len(missing) > 0 {
		return man, refuse("%d of %d runs are missing (%s): %s", len(missing), man.Runs, listRuns(missing), holders(parts, missing))
	}
	if err := w.Flush(); err != nil {
		return man, err
	}
	if err := mergeDailyOf(o, man, parts, dirs); err != nil {
		return man, err
	}
	if err := tmp.Commit(); err != nil {
		return man, err
	}
	man.Shard = "merged"
	man.ShardRuns = man.Runs
	man.RunsDone = man.Runs
	man.Complete = true
	man.MergedFrom = append([]string(nil), dirs...)
	return man, writeManifest(o, man)
}

// readParts reads the shard directories' manifests: the first one (the
// sweep's) and each shard K/N; it refuses the output directory out among
// them and shards of another sweep than the first.
func readParts(out string, dirs []string) (Manifest, []part, error) {
	var man Manifest
	absOut, _ := filepath.Abs(out)
	parts := make([]part, 0, len(dirs))
	for i, d := range dirs {
		if a, _ := filepath.Abs(d); a == absOut {
			return man, nil, refuse("the output directory %s is also a shard: merge into another directory", out)
		}
		m, err := readManifest(d)
		if err != nil {
			return man, nil, refuse("shard %s: cannot read its manifest: %v", d, err)
		}
		if i == 0 {
			man = m
		} else if m.PlanSHA256 != man.PlanSHA256 {
			return man, nil, refuse("shard %s is from another sweep than %s (plan %.12s ≠ %.12s: %s)",
				d, dirs[0], m.PlanSHA256, man.PlanSHA256, PlanChange(man, m))
		}
		k, n, err := ParseShard(m.Shard)
		if err != nil {
			return man, nil, refuse("shard %s: %s: %v", d, ManifestFile, err)
		}
		parts = append(parts, part{dir: d, k: k, n: n, man: m})
	}
	return man, parts, nil
}

// mergeShard is a shard's runs.csv as the merge reads it, a row ahead.
type mergeShard struct {
	man  Manifest
	dir  string
	k, n int // the shard K/N
	r    *bufio.Reader
	f    *os.File
	chk  *rowChecker
	line string // the next row, "" at the end
	run  int
	rows int // rows read
}

// openShards opens the shards' runs.csv and reads their header, which
// must be the same in all; it returns the shards opened so far, for the
// caller to close, even with an error.
func openShards(dirs []string, parts []part) ([]*mergeShard, string, error) {
	var shards []*mergeShard
	var header string
	for i, d := range dirs {
		path := filepath.Join(d, RunsFile)
		f, err := safefile.OpenInput(path, "runs.csv")
		if err != nil {
			return shards, "", refuse("shard %s: %v", d, err)
		}
		s := &mergeShard{man: parts[i].man, dir: d, k: parts[i].k, n: parts[i].n, f: f, r: bufio.NewReaderSize(safefile.LimitLines(f, safefile.MaxLineBytes, path), 1<<16)}
		shards = append(shards, s)
		h, err := s.r.ReadString('\n')
		if safefile.IsRefusal(err) {
			return shards, "", err
		}
		if err != nil {
			return shards, "", refuse("shard %s: runs.csv has no header", d)
		}
		if i == 0 {
			header = h
		} else if h != header {
			return shards, "", refuse("shard %s: runs.csv has other columns than %s's (another program version?)", d, dirs[0])
		}
		cols, err := csv.NewReader(strings.NewReader(h)).Read()
		if err != nil {
			return shards, "", refuse("%s: the header is not a CSV row: %v", path, err)
		}
		if s.chk, err = checkerOfManifest(s.man, path, cols); err != nil {
			return shards, "", err
		}
	}
	return shards, header, nil
}

// advance reads the shard's next row, of a sweep of runs runs. Each row
// is checked in full before it is copied: its columns, its run (the
// shard's next one), point, replication and seed, its parameter values
// and its numbers.
func (s *mergeShard) advance(runs int) error {
	line, err := s.r.ReadString('\n')
	if err == io.EOF {
		if line != "" {
			return refuse("shard %s: runs.csv ends in a partial row (the shard was interrupted): continue it with\n  %s\nthen merge again", s.dir, resumeHint(s.man, s.dir))
		}
		s.line = ""
		return nil
	}
	if safefile.IsRefusal(err) {
		return err
	}
	if err != nil {
		return fmt.Errorf("shard %s: %w", s.dir, err)
	}
	run := s.k - 1 + s.rows*s.n
	if run >= runs {
		return refuse("%s:%d: a row after the shard's last run (%d runs in the sweep)", s.chk.path, s.rows+2, runs)
	}
	rec, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil {
		return refuse("%s:%d: not a CSV row: %v", s.chk.path, s.rows+2, err)
	}
	if err := s.chk.check(rec, s.rows+2, run); err != nil {
		return err
	}
	s.line, s.run = line, run
	s.rows++
	return nil
}

// copyInOrder writes the shards' rows to w in run order and returns the
// runs of the sweep's runs that no shard has; it refuses a run twice.
func copyInOrder(w *bufio.Writer, shards []*mergeShard, runs int) ([]int, error) {
	next := 0
	var missing []int
	var last *mergeShard // the shard of the row written last
	for {
		var best *mergeShard
		for _, s := range shards {
			if s.line != "" && (best == nil || s.run < best.run) {
				best = s
			}
		}
		if best == nil {
			break
		}
		if best.run < next {
			if last == best {
				return nil, refuse("shard %s: runs.csv has run %d twice, or out of order (line %d)", best.dir, best.run, best.rows+1)
			}
			return nil, refuse("run %d is in more than one shard (%s and %s): merge the directories of one split of the sweep, each shard once", best.run, last.dir, best.dir)
		}
		for ; next < best.run && next < runs; next++ {
			missing = append(missing, next)
		}
		if best.run >= runs {
			return nil, refuse("shard %s has run %d, but the sweep has %d runs", best.dir, best.run, runs)
		}
		w.WriteString(best.line)
		next = best.run + 1
		last = best
		if err := best.advance(runs); err != nil {
			return nil, err
		}
	}
	for ; next < runs; next++ {
		missing = append(missing, next)
	}
	return missing, nil
}

// mergeDailyOf merges the shards' daily series when the sweep has them;
// the shards must all have been run with --daily or all without.
func mergeDailyOf(o *safefile.OutDir, man Manifest, parts []part, dirs []string) error {
	for _, pt := range parts {
		if pt.man.Daily != man.Daily {
			return refuse("shard %s was run %s --daily and shard %s %s: run the shards alike", dirs[0], map[bool]string{true: "with", false: "without"}[man.Daily], pt.dir, map[bool]string{true: "with", false: "without"}[pt.man.Daily])
		}
	}
	if !man.Daily {
		return nil
	}
	if err := o.Claim(DailyFile); err != nil {
		return err
	}
	return mergeDaily(o, dirs, man.Runs)
}

func listRuns(rs []int) string {
	var parts []string
	for i, r := range rs {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("and %d more", len(rs)-10))
			break
		}
		parts = append(parts, strconv.Itoa(r))
	}
	return "runs " + strings.Join(parts, ", ")
}

// part is a directory to merge with the shard its manifest records.
type part struct {
	dir  string
	k, n int
	man  Manifest
}

// holds reports whether shard k/n has run i.
func holds(k, n, i int) bool { return i%n == k-1 }

// checkParts checks, from the manifests alone, that the directories'
// shards make up the sweep of runs runs exactly once: no two hold the
// same run, every run is in one of them, and each of them is complete.
// It names every directory at fault and what to run about it.
func checkParts(parts []part, runs int) error {
	var probs []string
	for a := range parts {
		for b := a + 1; b < len(parts); b++ {
			pa, pb := parts[a], parts[b]
			if sameDir(pa.dir, pb.dir) {
				probs = append(probs, fmt.Sprintf("%s is given twice", pa.dir))
				continue
			}
			if pa.k == pb.k && pa.n == pb.n {
				probs = append(probs, fmt.Sprintf("%s and %s both hold shard %d/%d (one task written to two directories?): merge one of them", pa.dir, pb.dir, pa.k, pa.n))
				continue
			}
			for i := pa.k - 1; i < runs; i += pa.n {
				if holds(pb.k, pb.n, i) {
					probs = append(probs, fmt.Sprintf("%s (shard %s) and %s (shard %s) both hold run %d: they are shards of two different splits of the sweep (another --shards, or a task run as the whole sweep); merge the directories of one split", pa.dir, pa.man.Shard, pb.dir, pb.man.Shard, i))
					break
				}
			}
		}
	}
	var missing []int
	for i := 0; i < runs; i++ {
		in := false
		for _, p := range parts {
			if holds(p.k, p.n, i) {
				in = true
				break
			}
		}
		if !in {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		n := parts[0].n
		same := true
		for _, p := range parts {
			same = same && p.n == n
		}
		if same {
			var ks []string
			for k := 1; k <= n && k <= runs; k++ {
				found := false
				for _, p := range parts {
					found = found || p.k == k
				}
				if !found {
					ks = append(ks, fmt.Sprintf("%d/%d", k, n))
				}
			}
			what := "shard " + ks[0] + " is"
			if len(ks) > 1 {
				what = "shards " + strings.Join(ks, ", ") + " are"
			}
			probs = append(probs, fmt.Sprintf("%s missing: no directory given holds %s (a task that never started, or wrote elsewhere); run it with --shard K/N into a directory of its own and merge again", what, listRuns(missing)))
		} else {
			probs = append(probs, fmt.Sprintf("%s are missing: in none of the directories' shards", listRuns(missing)))
		}
	}
	for _, p := range parts {
		if !p.man.Complete {
			probs = append(probs, fmt.Sprintf("%s holds shard %s with %d of %d runs done when its manifest was last written (interrupted, or still running): continue it with\n    %s\n  or run its task again, then merge again", p.dir, p.man.Shard, p.man.RunsDone, p.man.ShardRuns, resumeHint(p.man, p.dir)))
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return refuse("cannot merge these directories into one sweep:\n  - %s", strings.Join(probs, "\n  - "))
}

// holders says which directories should have held the missing runs.
func holders(parts []part, missing []int) string {
	var ds []string
	for _, p := range parts {
		for _, i := range missing {
			if holds(p.k, p.n, i) {
				ds = append(ds, fmt.Sprintf("%s (shard %s): continue it with %s", p.dir, p.man.Shard, resumeHint(p.man, p.dir)))
				break
			}
		}
	}
	if len(ds) == 0 {
		return "no directory given holds them"
	}
	return "they belong to " + strings.Join(ds, "; ")
}

func sameDir(a, b string) bool {
	x, err1 := os.Stat(a)
	y, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(x, y)
}
