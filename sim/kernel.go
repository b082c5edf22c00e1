// Package sim is the discrete-event core of channelsim: the event calendar
// and clock, the random streams, the metrics, and the model that moves
// lorries, vessels and officers through the juxtaposed controls.
//
// Simulated time is a float64 count of minutes since the run's start
// (Clock converts it to calendar dates: UTC is stored, French and UK local
// time drive behaviour). Nothing ticks: every state change is an event, and
// movement along a road is stored as a start, an end and a speed so that a
// position at any instant is interpolated on demand (Model.Snapshot).
package sim

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

// event is one entry of the calendar's slab. Slots are reused; gen tells a
// live event from a stale EventID.
type event struct {
	t    float64
	seq  uint64
	prio int32
	pos  int32 // index in the heap, or -1 when not scheduled
	gen  uint32
	arg  int64
	h    Handler
}

// Kernel is the event calendar and the clock. Events fire in order of time,
// then priority (lower first), then the order they were scheduled in, so
// that simultaneous events have one deterministic order.
//
// The calendar is an indexed binary heap over a slab of events with a free
// list: in steady state scheduling, firing and cancelling allocate nothing.
type Kernel struct {
	now     float64
	seq     uint64
	fired   uint64
	events  []event
	free    []int32
	heap    []int32
	stopped bool
}

// Now returns the current simulated time in minutes since the start.
func (k *Kernel) Now() float64 { return k.now }

// Fired returns the number of events fired so far.
func (k *Kernel) Fired() uint64 { return k.fired }

// Pending returns the number of events on the calendar.
func (k *Kernel) Pending() int { return len(k.heap) }

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
	e.t, e.prio, e.seq, e.h, e.arg = t, prio, k.seq, h, arg
	k.seq++
	e.pos = int32(len(k.heap))
	k.heap = append(k.heap, s)
	k.up(int(e.pos))
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
	if e.gen != id.gen || e.pos < 0 {
		return false
	}
	i := int(e.pos)
	last := len(k.heap) - 1
	if i != last {
		k.swap(i, last)
	}
	k.heap = k.heap[:last]
	if i != last {
		k.down(i)
		k.up(i)
	}
	k.release(id.slot)
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
		s := k.heap[0]
		e := &k.events[s]
		if e.t > horizon {
			break
		}
		k.now = e.t
		h, arg := e.h, e.arg
		k.popTop()
		k.release(s)
		k.fired++
		h.Handle(arg)
	}
	if !k.stopped && horizon > k.now {
		k.now = horizon
	}
	return k.fired - start
}

// Step fires the next event, if any, and reports whether one fired.
func (k *Kernel) Step() bool {
	if len(k.heap) == 0 {
		return false
	}
	k.RunUntil(k.events[k.heap[0]].t)
	return true
}

// NextTime returns the time of the next event and whether there is one.
func (k *Kernel) NextTime() (float64, bool) {
	if len(k.heap) == 0 {
		return 0, false
	}
	return k.events[k.heap[0]].t, true
}

func (k *Kernel) release(s int32) {
	e := &k.events[s]
	e.pos = -1
	e.h = nil
	e.gen++
	if e.gen == 0 { // never hand out gen 0, which marks the zero EventID
		e.gen = 1
	}
	k.free = append(k.free, s)
}

func (k *Kernel) popTop() {
	last := len(k.heap) - 1
	k.swap(0, last)
	k.heap = k.heap[:last]
	if last > 0 {
		k.down(0)
	}
}

func (k *Kernel) less(i, j int) bool {
	a, b := &k.events[k.heap[i]], &k.events[k.heap[j]]
	if a.t != b.t {
		return a.t < b.t
	}
	if a.prio != b.prio {
		return a.prio < b.prio
	}
	return a.seq < b.seq
}

func (k *Kernel) swap(i, j int) {
	k.heap[i], k.heap[j] = k.heap[j], k.heap[i]
	k.events[k.heap[i]].pos = int32(i)
	k.events[k.heap[j]].pos = int32(j)
}

func (k *Kernel) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !k.less(i, p) {
			return
		}
		k.swap(i, p)
		i = p
	}
}

func (k *Kernel) down(i int) {
	n := len(k.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && k.less(r, l) {
			m = r
		}
		if !k.less(m, i) {
			return
		}
		k.swap(i, m)
		i = m
	}
}
