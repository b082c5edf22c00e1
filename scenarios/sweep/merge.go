package sweep

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Merge merges the runs.csv of shard directories of one sweep into
// out/runs.csv (in run-index order, byte-identical to the runs.csv of the
// whole sweep run by one process) and out/manifest.json. It refuses
// shards of different sweeps (plan hashes or columns differ), a run that
// two shards both have, and a sweep with runs missing, naming them. The
// shards' files are sorted by run index, so the merge streams them: its
// memory does not grow with the number of runs.
func Merge(out string, dirs []string) (Manifest, error) {
	var man Manifest
	if len(dirs) == 0 {
		return man, fmt.Errorf("no shard directories to merge")
	}
	type shard struct {
		dir  string
		r    *bufio.Reader
		f    *os.File
		line string // the next row, "" at the end
		run  int
		n    int // rows read
	}
	absOut, _ := filepath.Abs(out)
	var shards []*shard
	defer func() {
		for _, s := range shards {
			s.f.Close()
		}
	}()
	var header string
	for i, d := range dirs {
		if a, _ := filepath.Abs(d); a == absOut {
			return man, fmt.Errorf("the output directory %s is also a shard: merge into another directory", out)
		}
		m, err := readManifest(d)
		if err != nil {
			return man, fmt.Errorf("shard %s: cannot read its manifest: %w", d, err)
		}
		if i == 0 {
			man = m
		} else if m.PlanSHA256 != man.PlanSHA256 {
			return man, fmt.Errorf("shard %s is from another sweep than %s (plan %.12s ≠ %.12s: sweep file %.12s ≠ %.12s, days %d/%d, replications %d/%d)",
				d, dirs[0], m.PlanSHA256, man.PlanSHA256, m.SweepSHA256, man.SweepSHA256, m.Days, man.Days, m.Replications, man.Replications)
		}
		f, err := os.Open(filepath.Join(d, RunsFile))
		if err != nil {
			return man, fmt.Errorf("shard %s: %w", d, err)
		}
		s := &shard{dir: d, f: f, r: bufio.NewReaderSize(f, 1<<16)}
		shards = append(shards, s)
		h, err := s.r.ReadString('\n')
		if err != nil {
			return man, fmt.Errorf("shard %s: runs.csv has no header", d)
		}
		if i == 0 {
			header = h
		} else if h != header {
			return man, fmt.Errorf("shard %s: runs.csv has other columns than %s's (another program version?)", d, dirs[0])
		}
	}
	advance := func(s *shard) error {
		line, err := s.r.ReadString('\n')
		if err == io.EOF {
			if line != "" {
				return fmt.Errorf("shard %s: runs.csv ends in a partial row (the shard was interrupted): run it again with --resume, then merge", s.dir)
			}
			s.line = ""
			return nil
		}
		if err != nil {
			return fmt.Errorf("shard %s: %w", s.dir, err)
		}
		first, _, _ := strings.Cut(line, ",")
		run, err := strconv.Atoi(first)
		if err != nil {
			return fmt.Errorf("shard %s: runs.csv line %d does not start with a run index", s.dir, s.n+2)
		}
		s.line, s.run = line, run
		s.n++
		return nil
	}
	for _, s := range shards {
		if err := advance(s); err != nil {
			return man, err
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return man, err
	}
	tmp, err := os.CreateTemp(out, "."+RunsFile+".tmp*")
	if err != nil {
		return man, err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<16)
	w.WriteString(header)
	next := 0
	var missing []int
	for {
		var best *shard
		for _, s := range shards {
			if s.line != "" && (best == nil || s.run < best.run) {
				best = s
			}
		}
		if best == nil {
			break
		}
		if best.run < next {
			other := ""
			for _, s := range shards {
				if s != best && s.n > 0 {
					other = s.dir
				}
			}
			tmp.Close()
			return man, fmt.Errorf("run %d is in more than one shard (%s and %s, or twice in one): the same shard given twice?", best.run, best.dir, other)
		}
		for ; next < best.run && next < man.Runs; next++ {
			missing = append(missing, next)
		}
		if best.run >= man.Runs {
			tmp.Close()
			return man, fmt.Errorf("shard %s has run %d, but the sweep has %d runs", best.dir, best.run, man.Runs)
		}
		w.WriteString(best.line)
		next = best.run + 1
		if err := advance(best); err != nil {
			tmp.Close()
			return man, err
		}
	}
	for ; next < man.Runs; next++ {
		missing = append(missing, next)
	}
	if len(missing) > 0 {
		tmp.Close()
		return man, fmt.Errorf("%d of %d runs are missing (%s): a shard is missing or incomplete; run it (again with --resume) and merge again", len(missing), man.Runs, listRuns(missing))
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return man, err
	}
	if err := tmp.Close(); err != nil {
		return man, err
	}
	man.Shard = "merged"
	man.ShardRuns = man.Runs
	man.RunsDone = man.Runs
	man.Complete = true
	man.MergedFrom = append([]string(nil), dirs...)
	if err := os.Rename(tmp.Name(), filepath.Join(out, RunsFile)); err != nil {
		return man, err
	}
	return man, writeManifest(out, man)
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
