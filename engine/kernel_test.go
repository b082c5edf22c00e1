package engine

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

type recorder struct {
	k   *Kernel
	got []int64
}

func (r *recorder) Handle(arg int64) { r.got = append(r.got, arg) }

// TestKernelOrder checks the deterministic order of simultaneous events:
// time, then priority, then scheduling order.
func TestKernelOrder(t *testing.T) {
	var k Kernel
	r := &recorder{k: &k}
	k.At(5, 1, r, 1)
	k.At(5, 0, r, 2) // same time, higher priority
	k.At(1, 9, r, 3)
	k.At(5, 1, r, 4) // same time and priority: after 1
	k.At(3, 0, r, 5)
	k.RunUntil(10)
	if want := []int64{3, 5, 2, 1, 4}; !slices.Equal(r.got, want) {
		t.Fatalf("order %v, want %v", r.got, want)
	}
	if k.Now() != 10 {
		t.Errorf("clock reads %v after RunUntil(10), want 10", k.Now())
	}
}

func TestKernelCancel(t *testing.T) {
	var k Kernel
	r := &recorder{k: &k}
	ids := make([]EventID, 10)
	for i := range ids {
		ids[i] = k.At(float64(i), 0, r, int64(i))
	}
	for _, i := range []int{0, 3, 9, 5} {
		if !k.Cancel(ids[i]) {
			t.Errorf("Cancel(%d) = false for a pending event", i)
		}
	}
	if k.Cancel(ids[3]) {
		t.Error("cancelling twice succeeded")
	}
	if k.Cancel(EventID{}) {
		t.Error("cancelling the zero EventID succeeded")
	}
	k.RunUntil(100)
	if want := []int64{1, 2, 4, 6, 7, 8}; !slices.Equal(r.got, want) {
		t.Fatalf("fired %v, want %v", r.got, want)
	}
	// A fired event's ID is stale even after its slot is reused.
	id := k.At(200, 0, r, 99)
	if k.Cancel(ids[1]) {
		t.Error("cancelled a fired event through a stale ID")
	}
	if !k.Cancel(id) {
		t.Error("could not cancel the event in the reused slot")
	}
}

// TestKernelRandomOrder is a property test: random schedules and
// cancellations fire in sorted (time, priority, sequence) order.
func TestKernelRandomOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 50; trial++ {
		var k Kernel
		type ev struct {
			t    float64
			prio int32
			seq  int64
		}
		var want []ev
		rec := &recorder{k: &k}
		var ids []EventID
		var evs []ev
		for i := 0; i < 300; i++ {
			e := ev{float64(r.IntN(50)), int32(r.IntN(3)), int64(i)}
			evs = append(evs, e)
			ids = append(ids, k.At(e.t, e.prio, rec, e.seq))
		}
		cancelled := map[int64]bool{}
		for i := 0; i < 60; i++ {
			j := r.IntN(len(ids))
			if k.Cancel(ids[j]) {
				cancelled[int64(j)] = true
			}
		}
		for _, e := range evs {
			if !cancelled[e.seq] {
				want = append(want, e)
			}
		}
		slices.SortStableFunc(want, func(a, b ev) int {
			if a.t != b.t {
				if a.t < b.t {
					return -1
				}
				return 1
			}
			return int(a.prio - b.prio)
		})
		k.RunUntil(1000)
		if len(rec.got) != len(want) {
			t.Fatalf("trial %d: fired %d events, want %d", trial, len(rec.got), len(want))
		}
		for i := range want {
			if rec.got[i] != want[i].seq {
				t.Fatalf("trial %d: event %d is %d, want %d", trial, i, rec.got[i], want[i].seq)
			}
		}
	}
}

func TestKernelRejectsPast(t *testing.T) {
	var k Kernel
	k.RunUntil(10)
	defer func() {
		if recover() == nil {
			t.Error("scheduling in the past did not panic")
		}
	}()
	k.At(5, 0, HandlerFunc(func(int64) {}), 0)
}

func TestStreamsIndependentAndReproducible(t *testing.T) {
	a := NewStreams(42).New("arrivals")
	b := NewStreams(42).New("arrivals")
	c := NewStreams(42).New("service")
	d := NewStreams(43).New("arrivals")
	for i := 0; i < 100; i++ {
		x, y, z, w := a.Uint64(), b.Uint64(), c.Uint64(), d.Uint64()
		if x != y {
			t.Fatal("same seed and name gave different streams")
		}
		if x == z || x == w {
			t.Fatal("different name or seed gave the same draw")
		}
	}
}

// TestTallyQuantile checks the histogram quantiles against exact ones for
// a uniform sample: the error is at most one bin width.
func TestTallyQuantile(t *testing.T) {
	tl := NewTally(0.5, 1000)
	for i := 0; i < 1000; i++ {
		tl.Add(float64(i) / 10) // 0 … 99.9
	}
	for _, p := range []float64{0.1, 0.5, 0.95} {
		want := p * 100
		if got := tl.Quantile(p); got < want-0.5 || got > want+0.5 {
			t.Errorf("Quantile(%v) = %v, want %v ± 0.5", p, got, want)
		}
	}
	if m := tl.Mean(); m < 49.94 || m > 49.96 {
		t.Errorf("Mean = %v, want 49.95", m)
	}
}

func TestTimeWeighted(t *testing.T) {
	var w TimeWeighted
	w.Set(0, 2)
	w.Set(10, 4)
	w.Set(20, 0)
	if m := w.Mean(40); m != (2*10+4*10)/40.0 {
		t.Errorf("Mean = %v, want 1.5", m)
	}
	if w.Max() != 4 {
		t.Errorf("Max = %v", w.Max())
	}
}

type chain struct {
	k *Kernel
	n int
}

func (c *chain) Handle(arg int64) {
	c.n++
	c.k.After(1+float64(arg%7), int32(arg%3), c, arg+1)
}

// BenchmarkKernel measures ns and allocations per event with 1,000 events
// pending (a steady state like a run's calendar).
func BenchmarkKernel(b *testing.B) {
	var k Kernel
	c := &chain{k: &k}
	for i := 0; i < 1000; i++ {
		k.At(float64(i%97), 0, c, int64(i))
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := k.Fired()
	for i := 0; i < b.N; i++ {
		k.Step()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(k.Fired()-start), "ns/event")
}

// hold is the classic hold model of calendar benchmarks: every event
// schedules its successor an exponential delay later, so the number
// pending stays constant, as a run's lorries each keep one event pending.
type hold struct {
	k *Kernel
	r *rand.Rand
}

func (h *hold) Handle(arg int64) {
	h.k.After(h.r.ExpFloat64()*60, int32(arg%6), h, arg)
}

// BenchmarkKernelHold measures ns per event of the hold model with as many
// events pending as a year of the baseline has (about 5,600 on average,
// 7,100 at most) and with fewer and more.
func BenchmarkKernelHold(b *testing.B) {
	for _, n := range []int{1000, 6000, 24000} {
		b.Run(fmt.Sprintf("pending=%d", n), func(b *testing.B) {
			var k Kernel
			h := &hold{k: &k, r: rand.New(rand.NewPCG(1, 2))}
			for i := 0; i < n; i++ {
				k.At(h.r.ExpFloat64()*60, int32(i%6), h, int64(i))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k.Step()
			}
		})
	}
}
