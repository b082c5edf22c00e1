package experiment

import (
	"context"

	"channelsim/sim"
)

// RunBatch runs cfgs on up to workers goroutines (0: one per CPU) through
// Ordered, and calls done with each run's measure in the order of cfgs,
// whatever order they finish in, so that outputs written by done are
// identical for any number of workers. Each run has its own Model and
// random streams; nothing is shared. measure takes what the caller needs
// from the finished model on the worker, and the model is dropped there:
// memory is bounded by the workers and Ordered's window, whatever the
// number of runs. done's error stops the batch (runs under way finish).
func RunBatch[T any](ctx context.Context, cfgs []*sim.Config, workers int, measure func(*sim.Model) (T, error), done func(i int, r T, err error) error) error {
	type result struct {
		r   T
		err error
	}
	return Ordered(ctx, len(cfgs), workers, func(i int) result {
		m, err := sim.NewDefault(cfgs[i])
		if err != nil {
			return result{err: err}
		}
		m.Run()
		r, err := measure(m)
		return result{r, err}
	}, func(i int, r result) error { return done(i, r.r, r.err) })
}
