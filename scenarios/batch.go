package scenarios

import (
	"runtime"
	"sync"

	"channelsim/sim"
)

// Result is one finished run of a batch.
type Result struct {
	Index   int
	Summary sim.Summary
	Model   *sim.Model // kept only when the batch asks for it
	Err     error
}

// RunBatch runs cfgs on up to workers goroutines (0: one per CPU) and calls
// done with each result in the order of cfgs, whatever order they finish
// in, so that outputs written by done are identical for any number of
// workers. Each run has its own Model and random streams; nothing is shared.
// With keep, results carry their Model (for daily series); otherwise the
// Model is dropped as soon as its summary is taken, so memory stays bounded
// by the number of workers plus the reorder window.
func RunBatch(cfgs []*sim.Config, workers int, keep bool, done func(Result)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	results := make(chan Result, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				res := Result{Index: i}
				m, err := sim.NewDefault(cfgs[i])
				if err != nil {
					res.Err = err
				} else {
					m.Run()
					res.Summary = m.Summary()
					if keep {
						res.Model = m
					}
				}
				results <- res
			}
		}()
	}
	go func() {
		for i := range cfgs {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]Result{}
	next := 0
	for r := range results {
		pending[r.Index] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			done(p)
			next++
		}
	}
}
