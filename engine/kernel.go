// Package engine is the discrete-event engine of channelsim: the event
// kernel and its calendar of pending events, queues with servers, named
// random streams, the run's calendar and local time, and tallies. It knows
// nothing of lorries, migrants or any other agent: the agents' packages
// schedule their own event handlers on it.
//
// Simulated time is a float64 count of minutes since the run's start
// (Calendar converts it to dates: UTC is stored, French and UK local time
// drive behaviour). Nothing ticks: every state change is an event.
package engine

import "fmt"

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

// entry is a heap node. It carries its own sort key, so that sifting reads
// contiguous memory only: the time, then priority and sequence packed into
// one word (priority in the top 16 bits, biased to sort negatives first).
type entry struct {
	t    float64
	key  uint64
	slot int32
}

func (a *entry) before(b *entry) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	return a.key < b.key
}

// Kernel is the event calendar and the clock. Events fire in order of time,
// then priority (lower first), then the order they were scheduled in, so
// that simultaneous events have one deterministic order.
//
// The calendar is a binary heap of keyed entries over a slab of events with
// a free list; cancellation marks the event and the heap drops it when it
// reaches the top. In steady state scheduling, firing and cancelling
// allocate nothing.
type Kernel struct {
	now       float64
	seq       uint64
	fired     uint64
	cancelled int
	events    []event
	free      []int32
	heap      []entry
	stopped   bool
}

// Now returns the current simulated time in minutes since the start.
func (k *Kernel) Now() float64 { return k.now }

// Fired returns the number of events fired so far.
func (k *Kernel) Fired() uint64 { return k.fired }

// Pending returns the number of events on the calendar.
func (k *Kernel) Pending() int { return len(k.heap) - k.cancelled }

// At schedules h.Handle(arg) at time t with priority prio. Scheduling in the
// past is a programming error and panics.
func (k *Kernel) At(t float64, prio int32, h Handler, arg int64) EventID {
	if t < k.now || t != t {
		panic(fmt.Sprintf("sim: event scheduled at %v, before now (%v)", t, k.now))
	}
	var s int32
	if n := len(k.free); n > 0 {
		s = k.free[n-1]
		k.free = k.free[:n-1]
	} else {
		k.events = append(k.events, event{gen: 1})
		s = int32(len(k.events) - 1)
	}
	e := &k.events[s]
	e.h, e.arg, e.pending, e.cancelled = h, arg, true, false
	key := uint64(uint16(prio+1<<15))<<48 | k.seq&(1<<48-1)
	k.seq++
	k.heap = append(k.heap, entry{t: t, key: key, slot: s})
	k.up(len(k.heap) - 1)
	return EventID{slot: s, gen: e.gen}
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
	for len(k.heap) > 0 && !k.stopped {
		top := k.heap[0]
		if top.t > horizon {
			break
		}
		k.popTop()
		e := &k.events[top.slot]
		if e.cancelled {
			k.cancelled--
			k.release(top.slot)
			continue
		}
		k.now = top.t
		h, arg := e.h, e.arg
		k.release(top.slot)
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
	for len(k.heap) > 0 && k.events[k.heap[0].slot].cancelled {
		s := k.heap[0].slot
		k.popTop()
		k.cancelled--
		k.release(s)
	}
	if len(k.heap) == 0 {
		return 0, false
	}
	return k.heap[0].t, true
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

func (k *Kernel) popTop() {
	last := len(k.heap) - 1
	k.heap[0] = k.heap[last]
	k.heap = k.heap[:last]
	if last > 0 {
		k.down(0)
	}
}

func (k *Kernel) up(i int) {
	h := k.heap
	x := h[i]
	for i > 0 {
		p := (i - 1) / 2
		if !x.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = x
}

func (k *Kernel) down(i int) {
	h := k.heap
	n := len(h)
	x := h[i]
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].before(&h[l]) {
			m = r
		}
		if !h[m].before(&x) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = x
}
