//go:build viz && !linux

package viz

// background does nothing where a thread's priority is not set.
func background() {}
