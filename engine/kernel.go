// Package engine is the discrete-event engine of channelsim: the event
// kernel and its calendar of pending events, queues with servers, named
// random streams, the run's calendar and local time, and tallies. It knows
// nothing of lorries, migrants or any other agent: the agents' packages
// schedule their own event handlers on it.
//
// Simulated time is a float64 count of minutes since the run's start
// (Calendar converts it to dates: UTC is stored, local time drives
// behaviour). Nothing ticks: every state change is an event.
package engine

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// Handler reacts to an event. arg is the value given when the event was
// scheduled (typically the index of the agent the event concerns); handlers
// that are pointers make scheduling allocation-free.
type Handler interface {
	Handle(arg int64)
}

// HandlerFunc adapts a function to a Handler. A HandlerFunc made from a
// closure allocates when it is created; keep such handlers for rare events.
type HandlerFunc func(arg int64)

// Handle calls f(arg).
func (f HandlerFunc) Handle(arg int64) { f(arg) }

// EventID names a scheduled event so that it can be cancelled. The zero
// EventID names no event.
type EventID struct {
	slot int32
	gen  uint32
}

// event is one entry of the calendar's slab: what to call. Slots are
// reused; gen tells a live event from a stale EventID.
type event struct {
	h         Handler
	arg       int64
	gen       uint32
	pending   bool
	cancelled bool
}

// entry is a heap node: 16 bytes, so that a node's four children fill one
// cache line. It carries its whole sort key, and the order of two entries is
// the unsigned order of the 128-bit number (t, key):
//
//   - t is the event's time as IEEE-754 bits. For times >= +0 (the kernel
//     rejects earlier times and NaN, and stores -0 as +0) the bits of a
//     float64 sort as unsigned integers exactly as the values do.
//   - key is the priority (top 8 bits, biased by 128 so that negatives sort
//     first), then the sequence number (32 bits, the order of scheduling),
//     then the event's slab slot (24 bits). Slots only ride along: the
//     sequence number already tells any two entries apart.
//
// So the order is (time, priority, sequence), as before the packing, and a
// comparison is a subtract and a subtract-with-borrow, with no branch.
type entry struct {
	t   uint64
	key uint64
}

const (
	slotBits = 24
	seqBits  = 32
	slotMask = 1<<slotBits - 1
	seqMask  = 1<<seqBits - 1
	// MaxPending is the most events the calendar can hold at once.
	MaxPending = 1 << slotBits
	// MinPriority and MaxPriority bound the priorities events may have.
	MinPriority = -128
	MaxPriority = 127
)

func (a *entry) before(b *entry) bool { return less(a, b) != 0 }

// less is 1 if a sorts before b, else 0: the borrow of a - b in 128 bits.
func less(a, b *entry) uint64 {
	_, c := bits.Sub64(a.key, b.key, 0)
	_, c = bits.Sub64(a.t, b.t, c)
	return c
}

func (a *entry) time() float64 { return math.Float64frombits(a.t) }
func (a *entry) slot() int32   { return int32(a.key & slotMask) }

// Kernel is the event calendar and the clock. Events fire in order of time,
// then priority (lower first), then the order they were scheduled in, so
// that simultaneous events have one deterministic order.
//
// The calendar holds keyed entries (pending.go: a small heap of the next
// minute's events, lists by minute for the next days, a heap beyond) over
// a slab of events with a free list; cancellation marks the event and the
// calendar drops it when it reaches the top. In steady state scheduling, firing and cancelling
// allocate nothing.
type Kernel struct {
	now       float64
	seq       uint64
	fired     uint64
	cancelled int
	events    []event
	free      []int32
	q         pending
	stopped   bool
}

// Now returns the current simulated time in minutes since the start.
func (k *Kernel) Now() float64 { return k.now }

// Fired returns the number of events fired so far.
func (k *Kernel) Fired() uint64 { return k.fired }

// Pending returns the number of events on the calendar.
func (k *Kernel) Pending() int { return k.q.len() - k.cancelled }

// At schedules h.Handle(arg) at time t with priority prio (MinPriority to
// MaxPriority). Scheduling in the past, at a priority outside that range or
// with more than MaxPending events pending is a programming error and
// panics.
func (k *Kernel) At(t float64, prio int32, h Handler, arg int64) EventID {
	if t < k.now || t != t {
		panic(fmt.Sprintf("sim: event scheduled at %v, before now (%v)", t, k.now))
	}
	if prio < MinPriority || prio > MaxPriority {
		panic(fmt.Sprintf("sim: event priority %d outside [%d, %d]", prio, MinPriority, MaxPriority))
	}
	if t == 0 {
		t = 0 // -0 has the sign bit set and would sort after every time
	}
	var s int32
	if n := len(k.free); n > 0 {
		s = k.free[n-1]
		k.free = k.free[:n-1]
	} else {
		if len(k.events) == MaxPending {
			panic(fmt.Sprintf("sim: more than %d events pending", MaxPending))
		}
		k.events = append(k.events, event{gen: 1})
		s = int32(len(k.events) - 1)
	}
	e := &k.events[s]
	e.h, e.arg, e.pending, e.cancelled = h, arg, true, false
	if k.seq > seqMask {
		k.renumber()
	}
	key := uint64(uint8(prio+128))<<(seqBits+slotBits) | k.seq<<slotBits | uint64(s)
	k.seq++
	k.q.push(entry{t: math.Float64bits(t), key: key}, t)
	return EventID{slot: s, gen: e.gen}
}

// renumber gives the pending entries the sequence numbers 0, 1, … in the
// order of their present ones, when the 32-bit sequence would overflow
// (after 4.3 billion events). The map is increasing, so the order of any two
// entries, and the heap, are unchanged.
func (k *Kernel) renumber() {
	seqs := make([]uint64, 0, k.q.len())
	k.q.each(func(e *entry) { seqs = append(seqs, e.key>>slotBits&seqMask) })
	slices.Sort(seqs)
	k.q.each(func(e *entry) {
		r, _ := slices.BinarySearch(seqs, e.key>>slotBits&seqMask)
		e.key = e.key&^(seqMask<<slotBits) | uint64(r)<<slotBits
	})
	k.seq = uint64(len(seqs))
}

// After schedules h.Handle(arg) delay minutes from now.
func (k *Kernel) After(delay float64, prio int32, h Handler, arg int64) EventID {
	return k.At(k.now+delay, prio, h, arg)
}

// Cancel removes a scheduled event. It reports whether the event was still
// pending (false for an event that has fired, was cancelled, or the zero ID).
func (k *Kernel) Cancel(id EventID) bool {
	if id.gen == 0 || int(id.slot) >= len(k.events) {
		return false
	}
	e := &k.events[id.slot]
	if e.gen != id.gen || !e.pending || e.cancelled {
		return false
	}
	e.cancelled = true
	e.h = nil
	k.cancelled++
	return true
}

// Stop makes the running RunUntil return after the current event.
func (k *Kernel) Stop() { k.stopped = true }

// RunUntil fires events in order until the next one is later than horizon,
// the calendar is empty or Stop is called. The clock then reads horizon
// (unless stopped early, when it reads the time of the last event). It
// returns the number of events fired.
func (k *Kernel) RunUntil(horizon float64) uint64 {
	k.stopped = false
	start := k.fired
	for !k.stopped {
		p := k.q.top()
		if p == nil {
			break
		}
		top := *p
		t := top.time()
		if t > horizon {
			break
		}
		k.q.pop()
		s := top.slot()
		e := &k.events[s]
		if e.cancelled {
			k.cancelled--
			k.release(s)
			continue
		}
		k.now = t
		h, arg := e.h, e.arg
		k.release(s)
		k.fired++
		h.Handle(arg)
	}
	if !k.stopped && horizon > k.now {
		k.now = horizon
	}
	return k.fired - start
}

// Step fires the events at the time of the next event, if any, and
// reports whether one fired.
func (k *Kernel) Step() bool {
	t, ok := k.NextTime()
	if !ok {
		return false
	}
	k.RunUntil(t)
	return true
}

// NextTime returns the time of the next event and whether there is one.
func (k *Kernel) NextTime() (float64, bool) {
	for {
		p := k.q.top()
		if p == nil {
			return 0, false
		}
		s := p.slot()
		if !k.events[s].cancelled {
			return p.time(), true
		}
		k.q.pop()
		k.cancelled--
		k.release(s)
	}
}

func (k *Kernel) release(s int32) {
	e := &k.events[s]
	e.pending, e.cancelled = false, false
	e.h = nil
	e.gen++
	if e.gen == 0 { // never hand out gen 0, which marks the zero EventID
		e.gen = 1
	}
	k.free = append(k.free, s)
}
