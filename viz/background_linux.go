//go:build viz

package viz

import (
	"runtime"
	"syscall"
)

// background lowers the scheduling priority of the calling goroutine's
// thread to the lowest (nice 19) and keeps the goroutine on it, so that
// the thread ends with the goroutine. The base map's raster is then made
// with the CPU time the frames, and Mesa's software renderer, leave over:
// on two CPUs it otherwise competed with them and stretched the frames
// drawn while the map was zoomed.
func background() {
	runtime.LockOSThread()
	// Failure only leaves the priority as it was.
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 19)
}
