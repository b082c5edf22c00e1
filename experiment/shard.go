package experiment

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"channelsim/internal/safefile"
)

// A Refusal is an error in what a sweep or a merge was asked to do (the
// output of another sweep, a directory that holds another shard, shards
// that do not fit together): bad input, not a failure of the program.
// Its message says what to run instead.
type Refusal struct{ msg string }

func (r *Refusal) Error() string { return r.msg }

func refuse(format string, a ...any) error { return &Refusal{fmt.Sprintf(format, a...)} }

// IsRefusal reports whether err is, or wraps, a Refusal, or an input or
// output path refused by package safefile (a directory another process
// holds, a path that names a file where a directory is needed).
func IsRefusal(err error) bool {
	var r *Refusal
	return errors.As(err, &r) || safefile.IsRefusal(err)
}

// ParseShard reads a shard written as "K/N" with 1 ≤ K ≤ N. A merged
// output ("merged") is the whole sweep, 1/1.
func ParseShard(s string) (k, n int, err error) {
	if s == "merged" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("expected a shard K/N with 1 ≤ K ≤ N, such as 2/8; got %q", s)
	}
	if n > MaxRuns {
		return 0, 0, fmt.Errorf("expected at most %d shards (the limit of runs in a plan), got %q", MaxRuns, s)
	}
	return k, n, nil
}

// Record is what a sweep's output directory says of itself: its
// manifest, written when the sweep starts, so that a task that is run
// again (a re-submitted Slurm array task, a replaced pod) learns which
// shard of which sweep the directory holds.
type Record struct {
	Manifest
	K, N int // the shard, from Manifest.Shard
}

// ReadRecord reads dir's manifest.json. It returns (nil, nil) when the
// directory or its manifest does not exist, and an error naming the file
// when the manifest cannot be read or names no shard.
func ReadRecord(dir string) (*Record, error) {
	m, err := readManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	k, n, err := ParseShard(m.Shard)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: shard: %v", dir, ManifestFile, err)
	}
	return &Record{Manifest: m, K: k, N: n}, nil
}

// SweepRef is the sweep as given on the command line of the run that
// wrote the manifest: the embedded sweep's name, or the sweep file's path
// (relative to the directory that run started in).
func (m Manifest) SweepRef() string {
	if name, ok := strings.CutSuffix(m.SweepFile, ".toml (embedded)"); ok {
		return name
	}
	return m.SweepFile
}

// ResumeArgs are the arguments of channelsim that continue shard k of n
// of the sweep ref (a sweep file or an embedded sweep's name) with the
// given horizon and replications in dir: every option that the plan and
// the shard depend on, so that the command needs nothing from the
// environment (no Slurm or Kubernetes variables) to do the same runs.
func ResumeArgs(ref string, days, reps, k, n int, dir string) []string {
	args := []string{"sweep", ref, "--days", strconv.Itoa(days), "--reps", strconv.Itoa(reps)}
	if n > 1 {
		args = append(args, "--shard", fmt.Sprintf("%d/%d", k, n))
	}
	return append(args, "--out", dir, "--resume")
}

// ShellJoin writes args as one POSIX shell command line, quoting the
// words that need it, so that the line can be pasted into a shell.
func ShellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,+@%", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// resumeHint is the command, for a message, that continues the shard
// recorded in m in dir.
func resumeHint(m Manifest, dir string) string {
	k, n, err := ParseShard(m.Shard)
	if err != nil {
		k, n = 1, 1
	}
	return "channelsim " + ShellJoin(ResumeArgs(m.SweepRef(), m.Days, m.Replications, k, n, dir))
}
