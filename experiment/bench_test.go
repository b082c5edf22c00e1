package experiment

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkSweep measures whole sweeps (plan, runs, ordered writing) with
// 1 and 2 workers: the ratio of their times is the parallel speed-up
// (docs/performance-sweeps.md). "baseline-3d" runs the real model (8 runs
// of 3 days); "tiny" runs 400 one-day runs of a scenario with a hundredth
// of the traffic, where the sweep machinery weighs most.
func BenchmarkSweep(b *testing.B) {
	cases := []struct {
		name, file string
		days, reps int
	}{
		{"baseline-3d", "testdata/small.toml", 3, 2},
		{"tiny", "testdata/tiny-sweep.toml", 0, 4},
	}
	for _, c := range cases {
		s, err := Load(c.file)
		if err != nil {
			b.Fatal(err)
		}
		p, err := NewPlan(s, c.days, c.reps)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", c.name, w), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					dir := b.TempDir()
					if _, err := Execute(p, dir, Options{Workers: w}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(p.Runs())*float64(b.N)/b.Elapsed().Seconds(), "runs/s")
			})
		}
	}
}

// BenchmarkSweepMemory runs the tiny sweep at 1,000 and 10,000 runs and
// reports the peak heap in use (sampled every 10 ms): it must not grow
// with the number of runs. Run with -benchtime=1x.
func BenchmarkSweepMemory(b *testing.B) {
	s, err := Load("testdata/tiny-sweep.toml")
	if err != nil {
		b.Fatal(err)
	}
	for _, reps := range []int{10, 100, 300} {
		p, err := NewPlan(s, 0, reps)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("runs=%d", p.Runs()), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dir := b.TempDir()
				runtime.GC()
				var peak atomic.Uint64
				stop := make(chan struct{})
				done := make(chan struct{})
				go func() {
					defer close(done)
					var ms runtime.MemStats
					for {
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > peak.Load() {
							peak.Store(ms.HeapInuse)
						}
						select {
						case <-stop:
							return
						case <-time.After(10 * time.Millisecond):
						}
					}
				}()
				if _, err := Execute(p, dir, Options{Workers: 2}); err != nil {
					b.Fatal(err)
				}
				close(stop)
				<-done
				st, _ := os.Stat(filepath.Join(dir, RunsFile))
				b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(st.Size())/(1<<20), "runs.csv-MB")
			}
		})
	}
}
