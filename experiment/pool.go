package experiment

import (
	"context"
	"runtime"
	"sync"

	"channelsim/internal/worker"
)

// Ordered is the one worker pool of every batch command (validate,
// compare, sweep, sensitivity): it runs work(j) for j = 0…n-1 on up to workers goroutines (0: one
// per CPU) and calls emit(j, result) in the order of j, whatever order the
// work finishes in. At most window results wait to be emitted, so memory
// is bounded by the window whatever n is: a worker does not start job j
// until job j-window has been emitted. When ctx is cancelled or emit
// fails, no new job starts; jobs already running finish and the ones
// next in order are still emitted, then ordered returns the error.
func Ordered[T any](ctx context.Context, n, workers int, work func(j int) T, emit func(j int, r T) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := 4 * workers
	type res struct {
		j int
		r T
		p *worker.Panic
	}
	jobs := make(chan int)
	results := make(chan res, workers)
	tokens := make(chan struct{}, window)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var r res
				r.j = j
				func() {
					defer worker.Recover(&r.p)
					r.r = work(j)
				}()
				results <- r
			}
		}()
	}
	go func() {
		defer func() {
			close(jobs)
			wg.Wait()
			close(results)
		}()
		for j := 0; j < n; j++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			case <-stop:
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			case <-stop:
				return
			}
		}
	}()
	pending := map[int]T{}
	next := 0
	var err error
	var panicked *worker.Panic
	for r := range results {
		if r.p != nil && panicked == nil {
			panicked = r.p
			if err == nil {
				err = r.p
				close(stop)
			}
		}
		if err != nil {
			continue // drain
		}
		pending[r.j] = r.r
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if e := emit(next, v); e != nil {
				err = e
				close(stop)
				break
			}
			next++
			<-tokens
		}
	}
	if panicked != nil {
		panic(panicked)
	}
	if err != nil {
		return err
	}
	if next < n {
		return ctx.Err()
	}
	return nil
}
