package engine

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// refEvent is an event of the reference calendar: a plain list searched
// for its minimum (time, priority, sequence), the order the kernel promises.
type refEvent struct {
	t    float64
	prio int32
	seq  int
	id   EventID
}

func refBefore(a, b refEvent) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	if a.prio != b.prio {
		return a.prio < b.prio
	}
	return a.seq < b.seq
}

// reactive fires events and, from inside the handler, schedules new ones
// (some at the current instant with any priority, some later) and cancels
// some pending ones, mirroring each step on the reference list; it fails
// the test at the first event that is not the reference's minimum.
type reactive struct {
	t       *testing.T
	k       *Kernel
	r       *rand.Rand
	ref     []refEvent
	seq     int
	fired   int
	budget  int
	maxPend int
	// scale stretches the delays: at 1,000 and more, events go past the
	// calendar's ring of minute buckets into its far heap.
	scale float64
}

func (x *reactive) schedule(at float64, prio int32) {
	id := x.k.At(at, prio, x, int64(x.seq))
	x.ref = append(x.ref, refEvent{at, prio, x.seq, id})
	x.seq++
	x.maxPend = max(x.maxPend, len(x.ref))
}

// times draws event times with many exact ties: a few grid points, and
// continuous values.
func (x *reactive) time() float64 {
	now := x.k.Now()
	switch x.r.IntN(4) {
	case 0:
		return now
	case 1:
		return now + float64(x.r.IntN(5))*x.scale
	default:
		return now + x.r.ExpFloat64()*3*x.scale
	}
}

func (x *reactive) Handle(arg int64) {
	best := 0
	for i := range x.ref {
		if refBefore(x.ref[i], x.ref[best]) {
			best = i
		}
	}
	want := x.ref[best]
	if int64(want.seq) != arg {
		x.t.Fatalf("event %d fired; the reference's next is %d (t=%v prio=%d)", arg, want.seq, want.t, want.prio)
	}
	if x.k.Now() != want.t {
		x.t.Fatalf("clock %v at event %d, want %v", x.k.Now(), arg, want.t)
	}
	x.ref = append(x.ref[:best], x.ref[best+1:]...)
	x.fired++
	if x.budget > 0 {
		for n := 1 + x.r.IntN(2); n > 0; n-- {
			x.budget--
			x.schedule(x.time(), int32(x.r.IntN(7)-2))
		}
	}
	if len(x.ref) > 0 && x.r.IntN(10) == 0 {
		j := x.r.IntN(len(x.ref))
		if !x.k.Cancel(x.ref[j].id) {
			x.t.Fatalf("could not cancel pending event %d", x.ref[j].seq)
		}
		x.ref = append(x.ref[:j], x.ref[j+1:]...)
	}
}

// TestKernelMatchesReference is a property test of the 4-ary heap: with
// events scheduled before and during the run, at the current instant and
// later, with ties in time and priority and with cancellations, every
// event fires in the reference order, and every pending event fires.
func TestKernelMatchesReference(t *testing.T) {
	for trial := 0; trial < 48; trial++ {
		var k Kernel
		x := &reactive{t: t, k: &k, r: rand.New(rand.NewPCG(uint64(trial), 7)), budget: 3000,
			scale: []float64{0.001, 1, 30, 1000, 1e5, 1e9}[trial%6]}
		for i := 0; i < 1+x.r.IntN(400); i++ {
			x.schedule(x.time(), int32(x.r.IntN(7)-2))
		}
		k.RunUntil(math.Inf(1))
		if len(x.ref) != 0 || k.Pending() != 0 {
			t.Fatalf("trial %d: %d events left in the reference, %d pending", trial, len(x.ref), k.Pending())
		}
		if x.fired < 2000 {
			t.Fatalf("trial %d: only %d events fired", trial, x.fired)
		}
	}
}

// TestKernelSequenceOverflow: when the 32-bit sequence runs out, pending
// events are renumbered in order and the order of events, including those
// scheduled across the renumbering, is kept.
func TestKernelSequenceOverflow(t *testing.T) {
	var k Kernel
	x := &reactive{t: t, k: &k, r: rand.New(rand.NewPCG(3, 4)), budget: 2000, scale: 100}
	k.seq = seqMask - 150 // overflow after 150 events
	for i := 0; i < 300; i++ {
		x.schedule(float64(x.r.IntN(3)), int32(x.r.IntN(3)))
	}
	if k.seq > 300 {
		t.Fatalf("sequence %d: no renumbering happened", k.seq)
	}
	k.RunUntil(math.Inf(1))
	if len(x.ref) != 0 {
		t.Fatalf("%d events did not fire", len(x.ref))
	}
}

// TestKernelNegativeZero: an event at -0 (which has the sign bit set) fires
// first, as 0 does, not after every later time.
func TestKernelNegativeZero(t *testing.T) {
	var k Kernel
	r := &recorder{k: &k}
	k.At(1, 0, r, 2)
	k.At(math.Copysign(0, -1), 0, r, 1)
	k.At(math.SmallestNonzeroFloat64, 0, r, 3)
	k.RunUntil(2)
	if len(r.got) != 3 || r.got[0] != 1 || r.got[1] != 3 || r.got[2] != 2 {
		t.Fatalf("order %v, want [1 3 2]", r.got)
	}
}

func TestKernelPriorityRange(t *testing.T) {
	for _, p := range []int32{MinPriority - 1, MaxPriority + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("priority %d did not panic", p)
				}
			}()
			var k Kernel
			k.At(0, p, HandlerFunc(func(int64) {}), 0)
		}()
	}
	var k Kernel
	r := &recorder{k: &k}
	k.At(0, MaxPriority, r, 2)
	k.At(0, MinPriority, r, 1)
	k.RunUntil(1)
	if len(r.got) != 2 || r.got[0] != 1 {
		t.Fatalf("order %v, want [1 2]", r.got)
	}
}

// TestEntryOrderIsNumericOrder checks the premise of the packed key: for
// times >= 0 the IEEE-754 bits order as the values do.
func TestEntryOrderIsNumericOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	vals := []float64{0, math.SmallestNonzeroFloat64, 1e-300, 0.5, 1, 1440, 525600, 5256000, math.MaxFloat64, math.Inf(1)}
	for i := 0; i < 1000; i++ {
		vals = append(vals, r.ExpFloat64()*1e5, float64(r.IntN(100)))
	}
	for _, a := range vals {
		for _, b := range vals[:40] {
			ea := entry{t: math.Float64bits(a)}
			eb := entry{t: math.Float64bits(b)}
			if ea.before(&eb) != (a < b) {
				t.Fatalf("bits of %v before bits of %v = %v, want %v", a, b, ea.before(&eb), a < b)
			}
		}
	}
}

// TestSortedNear is a property test of near's sorted entries: appended
// lists of any length sorted at once, then insertions at any place and
// takings of the smallest, always give the smallest entry a reference
// sort gives.
func TestSortedNear(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	key := func() entry {
		return entry{t: math.Float64bits(float64(r.IntN(20))), key: r.Uint64() >> 8}
	}
	cmp := func(a, b entry) int { return int(less(&b, &a)) - int(less(&a, &b)) }
	for trial := 0; trial < 300; trial++ {
		var s sorted
		var ref []entry
		for range r.IntN([]int{5, 40, 2000}[trial%3]) {
			x := key()
			s.e = append(s.e, x)
			ref = append(ref, x)
		}
		s.sort()
		for step := 0; step < 3000 && (len(ref) > 0 || step < 10); step++ {
			slices.SortFunc(ref, cmp)
			if s.len() != len(ref) {
				t.Fatalf("trial %d, step %d: %d entries, want %d", trial, step, s.len(), len(ref))
			}
			if !slices.Equal(s.e[s.lo:], ref) {
				t.Fatalf("trial %d, step %d: entries out of order", trial, step)
			}
			if r.IntN(2) == 0 && len(ref) > 0 {
				s.pop()
				ref = ref[1:]
			} else {
				x := key()
				s.insert(x)
				ref = append(ref, x)
			}
		}
	}
}
