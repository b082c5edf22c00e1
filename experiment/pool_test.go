package experiment

import (
	"channelsim/scenarios"
	"channelsim/sim"
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// TestOrderedEmitsInOrderWithinWindow: results come out in job order for
// any number of workers, and no job starts more than the window ahead of
// the last one emitted (memory bounded whatever n is).
func TestOrderedEmitsInOrderWithinWindow(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		var started, emitted, ahead atomic.Int64
		next := 0
		err := Ordered(context.Background(), 500, workers, func(j int) int {
			s := started.Add(1)
			if d := s - emitted.Load(); d > ahead.Load() {
				ahead.Store(d)
			}
			x := 0
			for k := 0; k < (j*7919)%5000; k++ { // uneven work, so jobs finish out of order
				x += k
			}
			sink.Add(int64(x))
			return j * j
		}, func(j, r int) error {
			if j != next || r != j*j {
				t.Fatalf("workers %d: emitted job %d (result %d), want job %d", workers, j, r, next)
			}
			next++
			emitted.Add(1)
			return nil
		})
		if err != nil || next != 500 {
			t.Fatalf("workers %d: %v after %d jobs", workers, err, next)
		}
		if max := int64(4*workers + workers + 1); ahead.Load() > max {
			t.Errorf("workers %d: a job started %d ahead of the last emitted, window allows %d", workers, ahead.Load(), max)
		}
	}
}

// sink keeps the uneven work from being optimised away.
var sink atomic.Int64

// TestOrderedStopsOnEmitError: an error from emit stops new jobs and is
// returned.
func TestOrderedStopsOnEmitError(t *testing.T) {
	stop := errors.New("disk full")
	var ran atomic.Int64
	err := Ordered(context.Background(), 10_000, 2, func(j int) int { ran.Add(1); return j }, func(j, _ int) error {
		if j == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("got %v, want the emit error", err)
	}
	if ran.Load() > 100 {
		t.Errorf("%d jobs ran after emit failed at job 10", ran.Load())
	}
}

// TestRunBatchSameForAnyWorkers: a batch's measures are the same, in the
// same order, on one worker or three.
func TestRunBatchSameForAnyWorkers(t *testing.T) {
	sc, err := scenarios.Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	var cfgs = make([]*sim.Config, 4)
	for i := range cfgs {
		c := *sc.Config
		c.Days, c.Seed = 2, uint64(i+1)
		cfgs[i] = &c
	}
	measure := func(m *sim.Model) (float64, error) {
		v, _ := m.Summary().Float("lorries_arrived")
		return v, nil
	}
	collect := func(workers int) []float64 {
		var out []float64
		err := RunBatch(context.Background(), cfgs, workers, measure, func(i int, v float64, err error) error {
			if err != nil || i != len(out) {
				t.Fatalf("run %d: %v", i, err)
			}
			out = append(out, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	a, b := collect(1), collect(3)
	for i := range a {
		if a[i] != b[i] || a[i] == 0 {
			t.Errorf("run %d: %v on one worker, %v on three", i, a[i], b[i])
		}
	}
}
