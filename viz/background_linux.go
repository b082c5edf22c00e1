//go:build viz

package viz

import (
	"runtime"
	"syscall"
)

// backgroundNice is the raster thread's nice value.
const backgroundNice = 10

// background lowers the scheduling priority of the calling goroutine's
// thread (to nice 10) and keeps the goroutine on it, so that the thread
// ends with the goroutine. The base map's raster is then made mostly with
// the CPU time the frames, and Mesa's software renderer, leave over: on
// two CPUs it otherwise competed with them and stretched the frames drawn
// while the map was zoomed. Not the lowest priority (19): then any other
// busy process starved it, and the exact map caught up with a moving view
// in as few as 3 frames in 100 (docs/performance-viz.md).
func background() {
	runtime.LockOSThread()
	// Failure only leaves the priority as it was.
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), backgroundNice)
}
