package engine_test

import (
	"fmt"

	"channelsim/engine"
)

// A handler that reschedules itself: an hourly bell for three hours.
type bell struct {
	k    *engine.Kernel
	rung int
}

func (b *bell) Handle(int64) {
	b.rung++
	fmt.Printf("ring %d at minute %.0f\n", b.rung, b.k.Now())
	b.k.After(engine.Hour, 0, b, 0)
}

func ExampleKernel() {
	var k engine.Kernel
	b := &bell{k: &k}
	k.At(engine.Hour, 0, b, 0)
	k.RunUntil(3 * engine.Hour)
	// Output:
	// ring 1 at minute 60
	// ring 2 at minute 120
	// ring 3 at minute 180
}
