package experiment

import (
	"context"
	"strings"
	"testing"

	"channelsim/internal/worker"
)

// TestWorkerPanicReachesTheCaller: a worker's panic is raised again on
// the goroutine that called Ordered (or waits for Go), with the worker's
// stack, so that the program's top-level recover reports it.
func TestWorkerPanicReachesTheCaller(t *testing.T) {
	catch := func(f func()) (wp *worker.Panic) {
		defer func() { wp, _ = recover().(*worker.Panic) }()
		f()
		return nil
	}
	wp := catch(func() {
		Ordered(context.Background(), 20, 3, func(j int) int {
			if j == 7 {
				var s []int
				return s[j] // index out of range
			}
			return j
		}, func(int, int) error { return nil })
	})
	if wp == nil || !strings.Contains(wp.Error(), "index out of range") || !strings.Contains(string(wp.Stack), "pool_panic_test.go") {
		t.Fatalf("Ordered: %v", wp)
	}
	wp = catch(func() { worker.Go(func() { panic("boom") })() })
	if wp == nil || wp.Value != "boom" {
		t.Fatalf("Go: %v", wp)
	}
}
