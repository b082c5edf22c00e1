package viz

import (
	"sync"

	"channelsim/engine"
	"channelsim/sim"
)

// Driver runs a model on its own goroutine for a viewer: the render loop
// asks for an instant (Advance) and for policy changes (Do), and takes the
// latest captured frame (Acquire). Frames are captured into a small pool
// and handed over whole, so the render loop never sees a frame being
// written and never touches the model. The model advances only with
// RunUntil and snapshots draw no random numbers, so without policy changes
// the run is the headless run with the same seed.
type Driver struct {
	mu       sync.Mutex
	target   float64
	cmds     []func(*sim.Model)
	waiters  []chan struct{}
	stop     bool
	wake     chan struct{}
	done     chan struct{}
	free     chan *Frame
	latest   *Frame // published, not yet acquired
	acquired *Frame // held by the render loop
	err      error

	m       *sim.Model
	place   *Placement
	histDay int
	hist    *History
	nPolicy int
}

// NewDriver starts driving m, which the caller must not touch afterwards
// (other than through Do), and captures its first frame.
func NewDriver(m *sim.Model) *Driver {
	d := &Driver{wake: make(chan struct{}, 1), done: make(chan struct{}), free: make(chan *Frame, 3), m: m, place: NewPlacement(m), histDay: -1, target: m.Now()}
	for range 3 {
		d.free <- &Frame{Snap: &sim.Snapshot{}}
	}
	d.publish()
	go d.loop()
	return d
}

// Advance asks the model to run to minute t (it never goes back).
func (d *Driver) Advance(t float64) {
	d.mu.Lock()
	d.target = max(d.target, t)
	d.mu.Unlock()
	d.poke()
}

// Do runs f on the model's goroutine at the instant the model has reached
// (a live policy change), then captures a frame.
func (d *Driver) Do(f func(*sim.Model)) {
	d.mu.Lock()
	d.cmds = append(d.cmds, f)
	d.mu.Unlock()
	d.poke()
}

func (d *Driver) poke() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Acquire returns the latest frame and gives the previously acquired one
// back to the pool: the frame stays valid until the next Acquire.
func (d *Driver) Acquire() *Frame {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.latest != nil {
		if d.acquired != nil {
			d.free <- d.acquired
		}
		d.acquired, d.latest = d.latest, nil
	}
	return d.acquired
}

// Err returns the first error the model's goroutine met.
func (d *Driver) Err() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Stop ends the model's goroutine and waits for it.
func (d *Driver) Stop() {
	d.mu.Lock()
	d.stop = true
	d.mu.Unlock()
	d.poke()
	<-d.done
}

// Sync waits until the model has reached the last Advance and run every
// Do, and its frame is published (for screenshots and tests).
func (d *Driver) Sync() {
	ch := make(chan struct{})
	d.mu.Lock()
	d.waiters = append(d.waiters, ch)
	d.mu.Unlock()
	d.poke()
	<-ch
}

// chunkMin bounds how far the model runs before it looks for new
// requests, so that policy changes and Stop are not held up by a long
// advance at high speed.
const chunkMin = 60

func (d *Driver) loop() {
	defer close(d.done)
	var pending []chan struct{}
	for range d.wake {
		for {
			d.mu.Lock()
			stop, target, cmds := d.stop, d.target, d.cmds
			pending = append(pending, d.waiters...)
			d.cmds, d.waiters = nil, nil
			d.mu.Unlock()
			if stop {
				for _, w := range pending {
					close(w)
				}
				return
			}
			for _, f := range cmds {
				f(d.m)
			}
			now := d.m.Now()
			if target > now && !d.m.Done() {
				d.m.RunUntil(min(target, now+chunkMin))
				d.publish()
				continue
			}
			if len(cmds) > 0 || len(pending) > 0 {
				d.publish()
			}
			for _, w := range pending {
				close(w)
			}
			pending = nil
			break
		}
	}
}

// publish captures a frame from the model and makes it the latest.
func (d *Driver) publish() {
	f := <-d.free
	m := d.m
	m.Snapshot(f.Snap)
	d.place.Place(f.Snap)
	// The daily series only change at the end of a day (the current day
	// comes from the snapshot) or with a policy change.
	if day := int(m.Now() / engine.Day); day != d.histDay || len(m.PolicyLog()) != d.nPolicy {
		dates, cols, err := m.DailySeries()
		if err != nil {
			d.mu.Lock()
			d.err = err
			d.mu.Unlock()
		}
		d.hist, d.histDay = &History{Dates: dates, Cols: cols}, day
	}
	d.nPolicy = len(m.PolicyLog())
	f.History = d.hist
	f.Policy = append(f.Policy[:0], m.PolicyLog()...)
	f.Levers = leversOf(m)
	boatsOf(m, &f.Boats)
	f.Status.Done = m.Done()
	d.mu.Lock()
	if d.latest != nil {
		d.free <- d.latest
	}
	d.latest = f
	d.mu.Unlock()
}
