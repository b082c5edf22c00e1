package engine

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFIFOAgainstSlice is a property test of the ring buffer: random
// pushes and pops, across its growth and the wrap of its head, give the
// elements a plain slice gives, in the same order.
func TestFIFOAgainstSlice(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewPCG(seed, 3))
		var f FIFO
		var ref []int32
		for step := 0; step < 3000; step++ {
			if r.IntN(100) < 55 || len(ref) == 0 {
				x := r.Int32()
				f.Push(x)
				ref = append(ref, x)
			} else {
				got, want := f.Pop(), ref[0]
				ref = ref[1:]
				if got != want {
					t.Fatalf("seed %d, step %d: popped %d, want %d", seed, step, got, want)
				}
			}
			if f.Len() != len(ref) {
				t.Fatalf("seed %d, step %d: length %d, want %d", seed, step, f.Len(), len(ref))
			}
			if len(ref) > 0 {
				i := r.IntN(len(ref))
				if got := f.Peek(i); got != ref[i] {
					t.Fatalf("seed %d, step %d: element %d is %d, want %d", seed, step, i, got, ref[i])
				}
			}
		}
	}
}

// doneLog records the order in which a queue's customers finish.
type doneLog struct{ order []int64 }

func (d *doneLog) Handle(arg int64) { d.order = append(d.order, arg) }

// unitService serves every customer in one minute.
type unitService struct{}

func (unitService) ServiceMin(int64) float64 { return 1 }

// arrival makes customer arg arrive at a queue.
type arrival struct{ q *Queue }

func (a arrival) Handle(arg int64) { a.q.Arrive(arg) }

// TestQueueFIFOAndSharedCount is a property test of Queue: customers
// arriving in bursts at random instants (so that the ring grows past its
// first 64 and its head wraps) are served first come, first served; At
// names the waiting ones in order; and a counter shared by two queues
// always holds the sum of their waiting customers.
func TestQueueFIFOAndSharedCount(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		r := rand.New(rand.NewPCG(seed, 9))
		k := &Kernel{}
		var logA, logB doneLog
		shared := 0
		a := NewQueue("a", k, 2, unitService{}, &logA, 0)
		b := NewQueue("b", k, 1, unitService{}, &logB, 0)
		a.ShareWaiting(&shared)
		b.ShareWaiting(&shared)
		var wantA, wantB []int64
		id := int64(0)
		for burst := 0; burst < 40; burst++ {
			at := float64(burst)*50 + 50*r.Float64()
			for range r.IntN(150) {
				q, want := a, &wantA
				if r.IntN(3) == 0 {
					q, want = b, &wantB
				}
				k.At(at, 1, arrival{q}, id)
				*want = append(*want, id)
				id++
			}
		}
		for k.Step() {
			if shared != a.Waiting()+b.Waiting() {
				t.Fatalf("seed %d: shared count %d, queues hold %d + %d", seed, shared, a.Waiting(), b.Waiting())
			}
			for _, q := range []*Queue{a, b} {
				log := &logA
				want := wantA
				if q == b {
					log, want = &logB, wantB
				}
				// The waiting customers are the next ones after those
				// finished and those in service.
				next := len(log.order) + q.Busy()
				for i := range q.Waiting() {
					if got := q.At(i); got != want[next+i] {
						t.Fatalf("seed %d, queue %s: waiting customer %d is %d, want %d", seed, q.Name, i, got, want[next+i])
					}
				}
			}
		}
		if !slices.Equal(logA.order, wantA) || !slices.Equal(logB.order, wantB) {
			t.Fatalf("seed %d: customers not served in order of arrival", seed)
		}
		if shared != 0 {
			t.Fatalf("seed %d: %d still counted as waiting after the run", seed, shared)
		}
	}
}
