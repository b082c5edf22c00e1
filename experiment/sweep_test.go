package experiment

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"channelsim/scenarios"
)

func loadPlan(t testing.TB, ref string) *Plan {
	t.Helper()
	s, err := Load(ref)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(s, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, p *Plan, dir string, o Options) Report {
	t.Helper()
	r, err := Execute(p, dir, o)
	if err != nil {
		t.Fatalf("Execute(%s, %+v): %v", dir, o, err)
	}
	return r
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reference runs the small sweep once with one worker; the other tests
// compare their outputs with it byte for byte.
func reference(t *testing.T) (*Plan, []byte) {
	p := loadPlan(t, "testdata/small.toml")
	dir := t.TempDir()
	run(t, p, dir, Options{Workers: 1})
	return p, read(t, filepath.Join(dir, RunsFile))
}

func TestRunsCSVShape(t *testing.T) {
	p, ref := reference(t)
	lines := strings.Split(strings.TrimSuffix(string(ref), "\n"), "\n")
	if len(lines) != 1+p.Runs() || p.Runs() != 8 {
		t.Fatalf("runs.csv has %d lines for %d runs", len(lines), p.Runs())
	}
	if !strings.HasPrefix(lines[0], "run,point,replication,seed,controls.search_share,port.ships,days,lorries_arrived,") ||
		!strings.HasSuffix(lines[0], ",other_metrics") {
		t.Errorf("header: %s", lines[0])
	}
	seen := map[int]string{} // replication → its seed
	for i, l := range lines[1:] {
		f := strings.Split(l, ",")
		if f[0] != fmt.Sprint(i) {
			t.Errorf("row %d has run %s", i, f[0])
		}
		point, rep, seed := p.Run(i)
		if f[1] != fmt.Sprint(point) || f[2] != fmt.Sprint(rep) || f[3] != FormatSeed(seed) {
			t.Errorf("row %d: point/rep/seed %s/%s/%s, want %d/%d/%s", i, f[1], f[2], f[3], point, rep, FormatSeed(seed))
		}
		// Common random numbers (the default): replication r of every
		// point has one seed, and replications differ.
		if s, ok := seen[rep]; ok && s != f[3] || !ok && slices.Contains(slices.Collect(maps.Values(seen)), f[3]) {
			t.Errorf("row %d: seed %s of replication %d is not its replication's alone", i, f[3], rep)
		}
		seen[rep] = f[3]
	}
	// The first P runs are every point once.
	pts := map[int]bool{}
	for i := 0; i < len(p.Points); i++ {
		pt, rep, _ := p.Run(i)
		if rep != 0 {
			t.Errorf("run %d is replication %d before every point has run once", i, rep)
		}
		pts[pt] = true
	}
	if len(pts) != len(p.Points) {
		t.Errorf("the first %d runs cover %d points", len(p.Points), len(pts))
	}
}

func TestWorkersDoNotChangeOutput(t *testing.T) {
	p, ref := reference(t)
	dir := t.TempDir()
	run(t, p, dir, Options{Workers: 2})
	if got := read(t, filepath.Join(dir, RunsFile)); !bytes.Equal(got, ref) {
		t.Errorf("runs.csv with 2 workers differs from 1 worker:\n%s\nvs\n%s", got, ref)
	}
	dir3 := t.TempDir()
	run(t, p, dir3, Options{Workers: 5})
	if got := read(t, filepath.Join(dir3, RunsFile)); !bytes.Equal(got, ref) {
		t.Error("runs.csv with 5 workers differs from 1 worker")
	}
}

func TestShardsMergeToTheSingleProcessOutput(t *testing.T) {
	p, ref := reference(t)
	root := t.TempDir()
	var dirs []string
	for k := 1; k <= 3; k++ { // 3 shards of 8 runs: 3, 3, 2
		d := filepath.Join(root, fmt.Sprintf("shard-%d", k))
		r := run(t, p, d, Options{Workers: 2, Shard: k, Shards: 3})
		if want := []int{3, 3, 2}[k-1]; r.Total != want || r.Ran != want {
			t.Errorf("shard %d/3 ran %d of %d runs, want %d", k, r.Ran, r.Total, want)
		}
		dirs = append(dirs, d)
	}
	out := filepath.Join(root, "merged")
	if _, err := Merge(out, dirs); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, RunsFile)); !bytes.Equal(got, ref) {
		t.Errorf("merged runs.csv differs from the single process's:\n%s\nvs\n%s", got, ref)
	}
	// Order of the shard directories does not matter.
	out2 := filepath.Join(root, "merged2")
	if _, err := Merge(out2, []string{dirs[2], dirs[0], dirs[1]}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(read(t, filepath.Join(out2, RunsFile)), ref) {
		t.Error("merge depends on the order of the shards")
	}

	// Refusals: a missing shard, a shard given twice, a shard of another sweep.
	if _, err := Merge(filepath.Join(root, "x"), dirs[:2]); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("merge without shard 3: %v", err)
	}
	if _, err := Merge(filepath.Join(root, "y"), []string{dirs[0], dirs[1], dirs[2], dirs[1]}); err == nil || !strings.Contains(err.Error(), "shard-2 is given twice") {
		t.Errorf("merge with shard 2 twice: %v", err)
	}
	other, err := NewPlan(p.Sweep, 3, 0) // same file, another horizon
	if err != nil {
		t.Fatal(err)
	}
	od := filepath.Join(root, "other")
	run(t, other, od, Options{Shard: 3, Shards: 3})
	if _, err := Merge(filepath.Join(root, "z"), []string{dirs[0], dirs[1], od}); err == nil || !strings.Contains(err.Error(), "another sweep") {
		t.Errorf("merge with a shard of another sweep: %v", err)
	}
}

func TestResumeAfterKillMidLine(t *testing.T) {
	p, ref := reference(t)
	for _, cut := range []int{len(ref) / 3, len(ref)/2 + 7, len(ref) - 5, 10} {
		dir := t.TempDir()
		path := filepath.Join(dir, RunsFile)
		run(t, p, dir, Options{Workers: 2})
		if err := os.Truncate(path, int64(cut)); err != nil {
			t.Fatal(err)
		}
		kept := bytes.Count(ref[:cut], []byte("\n")) - 1 // complete rows left
		if kept < 0 {
			kept = 0
		}
		r := run(t, p, dir, Options{Workers: 2, Resume: true})
		if r.Resumed != kept || r.Ran != p.Runs()-kept {
			t.Errorf("cut at %d: resumed %d and ran %d, want %d and %d", cut, r.Resumed, r.Ran, kept, p.Runs()-kept)
		}
		if got := read(t, path); !bytes.Equal(got, ref) {
			t.Errorf("cut at %d: resumed runs.csv differs from the uninterrupted one:\n%s", cut, got)
		}
	}
}

func TestResumeAfterCancel(t *testing.T) {
	p, ref := reference(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Execute(p, dir, Options{Workers: 2, Context: ctx, Progress: func(done, total int) {
		if done == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled sweep returned %v", err)
	}
	m, _ := readManifest(dir)
	if m.Complete || m.RunsDone < 3 || m.RunsDone >= p.Runs() {
		t.Errorf("manifest of the cancelled sweep: done %d, complete %v", m.RunsDone, m.Complete)
	}
	r := run(t, p, dir, Options{Workers: 1, Resume: true})
	if r.Resumed+r.Ran != p.Runs() || r.Resumed < 3 {
		t.Errorf("resume: %+v", r)
	}
	if got := read(t, filepath.Join(dir, RunsFile)); !bytes.Equal(got, ref) {
		t.Errorf("cancelled and resumed runs.csv differs:\n%s", got)
	}
	// Resuming a finished sweep runs nothing.
	r = run(t, p, dir, Options{Resume: true})
	if r.Ran != 0 {
		t.Errorf("resuming a complete sweep ran %d runs", r.Ran)
	}
	// Without --resume an existing output is refused, not overwritten.
	if _, err := Execute(p, dir, Options{}); err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Errorf("second run into the same directory: %v", err)
	}
	// Resuming with another horizon is refused.
	other, _ := NewPlan(p.Sweep, 3, 0)
	if _, err := Execute(other, dir, Options{Resume: true}); err == nil || !strings.Contains(err.Error(), "another sweep") {
		t.Errorf("resume with other days: %v", err)
	}
	if !bytes.Equal(read(t, filepath.Join(dir, RunsFile)), ref) {
		t.Error("a refused resume changed runs.csv")
	}
}

func TestLatinHypercubeStrata(t *testing.T) {
	for seed := uint64(0); seed < 50; seed++ {
		rng := rand.New(rand.NewPCG(seed, seed*7+1))
		n := 1 + int(rng.IntN(200))
		dims := 1 + int(rng.IntN(6))
		pts := LatinHypercube(n, dims, rng)
		if len(pts) != n {
			t.Fatalf("seed %d: %d points, want %d", seed, len(pts), n)
		}
		for d := 0; d < dims; d++ {
			count := make([]int, n)
			for _, pt := range pts {
				u := pt[d]
				if u < 0 || u >= 1 {
					t.Fatalf("seed %d: coordinate %v outside [0, 1)", seed, u)
				}
				count[int(u*float64(n))]++
			}
			for k, c := range count {
				if c != 1 {
					t.Errorf("seed %d, n %d, dimension %d: stratum %d holds %d points", seed, n, d, k, c)
				}
			}
		}
	}
}

func TestLatinHypercubeDesign(t *testing.T) {
	s, err := Parse("lhs.toml", []byte(`base = "baseline-2015"
design = "latin-hypercube"
samples = 12
days = 2
[[parameters]]
key = "controls.search_share"
from = 0.2
to = 0.8
[[parameters]]
key = "controls.selection"
values = ["random", "risk"]
`), "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(s, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Points) != 12 {
		t.Fatalf("%d points", len(p.Points))
	}
	strata := make([]int, 12)
	sel := map[any]int{}
	for _, pt := range p.Points {
		x := pt[0].(float64)
		strata[int((x-0.2)/0.6*12)]++
		sel[pt[1]]++
	}
	for k, c := range strata {
		if c != 1 {
			t.Errorf("search_share stratum %d holds %d points", k, c)
		}
	}
	if sel["random"] != 6 || sel["risk"] != 6 {
		t.Errorf("selection values split %v, want 6/6", sel)
	}
}

func TestOneAtATime(t *testing.T) {
	s, err := Parse("oat.toml", []byte(`base = "baseline-2015"
design = "one-at-a-time"
[[parameters]]
key = "controls.search_share"
values = [0.3, 0.5]
[[parameters]]
key = "removals.escort.staff"
values = [50, 141, 200]
`), "")
	if err != nil {
		t.Fatal(err)
	}
	pts := s.points()
	base := s.BaseScenario.Config
	// The base, 2 search shares, and 2 staff levels (141 is the base's).
	if base.Removals.Escort.Staff != 141 || len(pts) != 5 {
		t.Fatalf("%d points: %v", len(pts), pts)
	}
	if pts[0][0] != base.Controls.SearchShare || pts[0][1] != int64(141) {
		t.Errorf("point 0 is not the base: %v", pts[0])
	}
	for i, pt := range pts[1:] {
		changed := 0
		if pt[0] != pts[0][0] {
			changed++
		}
		if pt[1] != pts[0][1] {
			changed++
		}
		if changed != 1 {
			t.Errorf("point %d changes %d parameters: %v", i+1, changed, pt)
		}
	}
}

func TestInterleave(t *testing.T) {
	for n := 1; n < 70; n++ {
		o := interleave(n)
		seen := make([]bool, n)
		for _, v := range o {
			if seen[v] {
				t.Fatalf("n %d: %d twice", n, v)
			}
			seen[v] = true
		}
		if len(o) != n {
			t.Fatalf("n %d: %d values", n, len(o))
		}
	}
	if got := fmt.Sprint(interleave(8)); got != "[0 4 2 6 1 5 3 7]" {
		t.Errorf("interleave(8) = %s", got)
	}
}

func TestRangeValues(t *testing.T) {
	p := loadPlan(t, "control-intensity")
	want := "[0.1 0.3 0.5 0.7 0.9]"
	var got []string
	for _, v := range p.Sweep.Params[0].Values {
		got = append(got, FormatValue(v))
	}
	if fmt.Sprint(got) != want {
		t.Errorf("range values %v, want %s", got, want)
	}
}

// TestBadSweepFiles: each broken file gets an error at FILE:LINE naming
// what was expected.
func TestBadSweepFiles(t *testing.T) {
	cases := []struct {
		file string
		line int
		want []string
	}{
		{"unknown-param.toml", 4, []string{"parameters[0].key", `unknown key "controls.search_shar"`, `did you mean "controls.search_share"`}},
		{"unknown-key.toml", 2, []string{"replicatons", `did you mean "replications"`}},
		{"bad-design.toml", 2, []string{"design", `"factorial", "latin-hypercube", "one-at-a-time"`, `"grid"`}},
		{"out-of-range.toml", 5, []string{"parameters[0].values", "value 2 (1.5)", "from 0 to 1"}},
		{"no-steps.toml", 0, []string{"steps ≥ 2"}},
		{"lhs-no-samples.toml", 2, []string{"samples"}},
		{"range-on-bool.toml", 4, []string{"numeric key", "list its values"}},
		{"bad-enum.toml", 4, []string{`value 2 ("risky")`, `"random", "risk"`}},
		{"bad-base.toml", 1, []string{"base", "no-such-scenario", "embedded"}},
		{"wrong-type.toml", 2, []string{"replications"}},
		{"syntax.toml", 3, []string{"syntax.toml:3"}},
		{"duplicate.toml", 6, []string{"already varied by parameters[0]"}},
		{"bad-duration.toml", 4, []string{"value 2 (90)", "duration"}},
		{"name-escapes.toml", 1, []string{"name: expected a name without / or \\ or ..", "x/../../../../../tmp/rel-escape"}},
		{"huge-steps.toml", 6, []string{"parameters[0].steps: expected at most 100000 steps (the limit of points a plan may hold), got 1000000000"}},
		{"factorial-million.toml", 2, []string{"parameters: the factorial design has more than 100000 points, over the limit of 100000 points"}},
		{"too-many-runs.toml", 2, []string{"replications: 100000 points × 20 replications = 2000000 runs, over the limit of 1000000 runs"}},
		{"zero-replications.toml", 2, []string{"replications: expected from 1 to 1000000 replications (or none: 1), got 0"}},
		{"negative-seed.toml", 2, []string{"seed: expected a master seed from 0 to 9223372036854775807", "got -1"}},
		{"zero-days.toml", 2, []string{"days: expected a horizon from 1 to 3660 days", "got 0"}},
		{"inf-value.toml", 4, []string{"value 2 (inf): expected a finite number, got inf"}},
		{"inf-to.toml", 5, []string{"expected a finite number for to, got inf"}},
	}
	for i, tc := range cases {
		path := filepath.Join("testdata", "bad", tc.file)
		_, err := Load(path)
		if err == nil {
			t.Errorf("%d %s: loaded without error", i, tc.file)
			continue
		}
		var es scenarios.Errors
		if !errors.As(err, &es) {
			t.Errorf("%d %s: %T is not scenarios.Errors: %v", i, tc.file, err, err)
			continue
		}
		msg := err.Error()
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%d %s: error %q does not contain %q", i, tc.file, msg, w)
			}
		}
		if tc.line > 0 && !strings.Contains(msg, fmt.Sprintf("%s:%d", path, tc.line)) {
			t.Errorf("%d %s: error is not at line %d: %q", i, tc.file, tc.line, msg)
		}
	}
}

// TestPlanChecksEachPointsRules: values valid alone but not together
// (within_week below within_day at one point) are refused by NewPlan,
// naming the point, as a Refusal.
func TestPlanChecksEachPointsRules(t *testing.T) {
	s, err := Load(filepath.Join("testdata", "bad", "week-before-day.toml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewPlan(s, 0, 0)
	if err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), "removals.within_day = 0.6, removals.within_week = 0.5") ||
		!strings.Contains(err.Error(), "removals.within_week: expected at least within_day") {
		t.Errorf("NewPlan = %v, want a refusal naming the point", err)
	}
	// --reps may make a plan too large for the limit of runs.
	s, err = Load("scan-ban")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewPlan(s, 0, MaxRuns); !IsRefusal(err) || !strings.Contains(err.Error(), "over the limit of 1000000 runs") {
		t.Errorf("NewPlan with --reps %d = %v", MaxRuns, err)
	}
}

func TestExampleSweepsLoad(t *testing.T) {
	names := scenarios.SweepNames()
	if len(names) < 3 {
		t.Fatalf("example sweeps: %v", names)
	}
	for _, n := range names {
		p := loadPlan(t, n)
		if p.Runs() == 0 || p.Runs() > 40 || p.Days > 31 {
			t.Errorf("%s: %d runs of %d days: too big for a laptop example", n, p.Runs(), p.Days)
		}
	}
}

func TestSeeds(t *testing.T) {
	seen := map[uint64]bool{}
	for pt := 0; pt < 100; pt++ {
		for r := 0; r < 100; r++ {
			s := RunSeed(1, pt, r, false)
			if seen[s] {
				t.Fatalf("seed collision at point %d rep %d", pt, r)
			}
			seen[s] = true
			if s >= 1<<63 {
				t.Fatalf("seed %d does not fit int64", s)
			}
		}
	}
	if RunSeed(1, 3, 2, true) != RunSeed(1, 8, 2, true) {
		t.Error("common seeds differ between points")
	}
	if RunSeed(1, 3, 2, false) == RunSeed(2, 3, 2, false) {
		t.Error("the master seed does not change run seeds")
	}
}

// TestMeanCICoverage: on normal data of known mean, the 95 % Student-t
// interval covers the mean in about 95 % of trials, for small n too
// (where a normal-quantile interval would cover only ≈ 88 % at n = 5).
// With 2,000 trials the binomial sd of the coverage is 0.5 %, so
// [0.93, 0.97] is four sd either side.
func TestMeanCICoverage(t *testing.T) {
	for _, n := range []int{3, 5, 10, 30} {
		rng := rand.New(rand.NewPCG(uint64(n), 42))
		const trials, mu, sigma = 2000, 12.5, 4.0
		hits := 0
		xs := make([]float64, n)
		for k := 0; k < trials; k++ {
			for i := range xs {
				xs[i] = mu + sigma*rng.NormFloat64()
			}
			if iv := MeanCI(xs, 0.95); iv.Lo <= mu && mu <= iv.Hi {
				hits++
			}
		}
		cov := float64(hits) / trials
		if cov < 0.93 || cov > 0.97 {
			t.Errorf("n = %d: coverage %.3f, want 0.93–0.97", n, cov)
		}
	}
}

// TestPairedCI: with common random numbers the paired interval is far
// narrower than the difference of two independent intervals, and it
// covers the true difference at about the nominal rate.
func TestPairedCI(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	const trials, n, delta = 2000, 10, 0.7
	hits, narrower := 0, 0
	a, b := make([]float64, n), make([]float64, n)
	for k := 0; k < trials; k++ {
		for i := 0; i < n; i++ {
			common := 10 * rng.NormFloat64() // shared by both (CRN)
			a[i] = 50 + common + rng.NormFloat64()
			b[i] = 50 + delta + common + rng.NormFloat64()
		}
		d := PairedCI(a, b, 0.95)
		if d.Lo <= delta && delta <= d.Hi {
			hits++
		}
		ia, ib := MeanCI(a, 0.95), MeanCI(b, 0.95)
		if d.HalfWidth() < (ia.HalfWidth()+ib.HalfWidth())/4 {
			narrower++
		}
	}
	if cov := float64(hits) / trials; cov < 0.93 || cov > 0.97 {
		t.Errorf("paired coverage %.3f, want 0.93–0.97", cov)
	}
	if narrower < trials*9/10 {
		t.Errorf("paired interval narrower in only %d of %d trials", narrower, trials)
	}
	// A known case: differences 1, 2, 3 ⇒ mean 2, sd 1, t(2, 0.975) = 4.3027.
	iv := PairedCI([]float64{0, 0, 0}, []float64{1, 2, 3}, 0.95)
	if math.Abs(iv.Mean-2) > 1e-12 || math.Abs(iv.HalfWidth()-4.302653*1/math.Sqrt(3)) > 1e-5 {
		t.Errorf("PairedCI(1, 2, 3) = %+v", iv)
	}
}

func FuzzParse(f *testing.F) {
	for _, n := range scenarios.SweepNames() {
		b, _ := scenarios.SweepFile(n)
		f.Add(b)
	}
	ents, _ := os.ReadDir("testdata/bad")
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join("testdata/bad", e.Name()))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data, "")
		if err != nil {
			var es scenarios.Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T is not scenarios.Errors: %v", err, err)
			}
			return
		}
		if s.BaseScenario == nil || len(s.Params) == 0 {
			t.Fatal("a parsed sweep without base or parameters")
		}
		for _, p := range s.Params {
			if len(p.Values) == 0 && !(p.IsRange && s.Design == "latin-hypercube") {
				t.Fatalf("parameter %s without values", p.Key)
			}
		}
	})
}
