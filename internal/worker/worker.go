// Package worker carries a panic of a worker goroutine back to the
// goroutine that waits for it, for every package that starts workers
// (experiment's pools, render's GIF quantiser).
package worker

import (
	"fmt"
	"runtime/debug"
)

// A Panic is a panic of a worker goroutine, raised again on the
// goroutine that waits for the work: a panic left on another goroutine
// would end the process (with status 2, the status of bad input) before
// the program's top-level recover could report it as an internal error.
type Panic struct {
	Value any
	Stack []byte // the worker's stack when it panicked
}

func (p *Panic) Error() string { return fmt.Sprintf("panic in a worker: %v", p.Value) }

// Recover, deferred on a worker goroutine, stores its panic in *p.
func Recover(p **Panic) {
	if r := recover(); r != nil {
		*p = &Panic{Value: r, Stack: debug.Stack()}
	}
}

// Go runs f on a goroutine and returns a function that waits for it and
// raises its panic, if any, on the waiting goroutine.
func Go(f func()) (wait func()) {
	var wp *Panic
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer Recover(&wp)
		f()
	}()
	return func() {
		<-done
		if wp != nil {
			panic(wp)
		}
	}
}
