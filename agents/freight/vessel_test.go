package freight

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"channelsim/engine"
	"channelsim/scanner"
)

// trips is a Watcher that writes down each lorry's progress after the
// controls: boarded, arrived in the UK, stopped there (leaving the map).
type trips struct {
	k   *engine.Kernel
	log map[int32][]string
}

func (w *trips) add(what string, i int32) {
	w.log[i] = append(w.log[i], fmt.Sprintf("%s@%g", what, w.k.Now()))
}
func (w *trips) LeavingRest(i int32)                  { w.add("leaving", i) }
func (w *trips) AtGate(i int32)                       { w.add("gate", i) }
func (w *trips) Searched(i int32, _ *scanner.Outcome) { w.add("searched", i) }
func (w *trips) Boarded(i int32)                      { w.add("boarded", i) }
func (w *trips) ArrivedUK(i int32)                    { w.add("arrived", i) }
func (w *trips) StoppedUK(i int32)                    { w.add("stopped", i) }

// crossingCase is UK-bound lorries a–e in the embarkation lanes of one
// site since the minutes given, France-bound lorries waiting in Kent for
// it since minute 0, and when each crossed.
type crossingCase struct {
	name    string
	setup   func(m *Model)
	lanes   []float64          // when each of a, b, … reached the lanes
	kent    int                // France-bound lorries waiting in Kent
	boarded map[string]float64 // when each UK-bound lorry boarded (absent: did not)
	france  []float64          // when the France-bound lorries left, in order
	fleet   int                // ferries or shuttles there are at the end
}

// run builds the case's model: kentModel with crossings of 40 km and
// roads to London of 100 minutes, the sites' vessels as setup leaves
// them, the lorries at site r, and runs it to minute 500.
func (c crossingCase) run(t *testing.T, r Route) {
	t.Helper()
	m := kentModel(0)
	for k := range NumRoutes {
		m.paths.crossing[k] = &Path{Name: "crossing", LengthM: 40000}
		m.paths.toLondon[k] = &Path{Name: "to London", LengthM: 120000, FreeFlowMin: 100}
	}
	c.setup(m)
	m.buildVessels()
	w := &trips{k: m.K, log: map[int32][]string{}}
	m.Watch(w)
	s := m.sites[r]
	names := map[int32]string{}
	for k, at := range c.lanes {
		i := m.newLorry(Embarking)
		m.lorries[i].laneMin = at
		s.embark.Push(i)
		s.inside++
		names[i] = string(rune('a' + k))
	}
	for range c.kent {
		s.kent.Push(m.newLorry(KentQueue))
	}
	m.K.RunUntil(500)

	cross := m.cfg.Port.Crossing.Min()
	if r == ViaTunnel {
		cross = m.cfg.Tunnel.Crossing.Min()
	}
	boarded := map[string]float64{}
	for i, name := range names {
		l := &m.lorries[i]
		if l.State == Embarking {
			if len(w.log[i]) != 0 {
				t.Errorf("%s did not board, but the watcher was told %v", name, w.log[i])
			}
			continue
		}
		boarded[name] = l.BoardMin
		b := l.BoardMin
		want := []string{fmt.Sprintf("boarded@%g", b), fmt.Sprintf("arrived@%g", b+cross), fmt.Sprintf("stopped@%g", b+cross+100)}
		if !slices.Equal(w.log[i], want) || l.live {
			t.Errorf("%s: %v, on the map %v; want %v and off the map", name, w.log[i], l.live, want)
		}
	}
	if !maps.Equal(boarded, c.boarded) {
		t.Errorf("boarded %v, want %v", boarded, c.boarded)
	}
	n := int64(len(c.boarded))
	if m.stats.departed[r] != n || m.stats.reachedLondon != n || s.inside != len(c.lanes)-len(c.boarded) {
		t.Errorf("%d departed, %d reached London, %d inside the site; want %d, %d, %d", m.stats.departed[r], m.stats.reachedLondon, s.inside, n, n, len(c.lanes)-len(c.boarded))
	}
	sum := 0.0
	for _, x := range c.france {
		sum += x
	}
	if m.stats.franceDeparted != int64(len(c.france)) || m.stats.kentWaitSum != sum || s.kent.Len() != c.kent-len(c.france) {
		t.Errorf("%d France-bound lorries left after %v minutes in all, %d still in Kent; want %d after %v, %d",
			m.stats.franceDeparted, m.stats.kentWaitSum, s.kent.Len(), len(c.france), sum, c.kent-len(c.france))
	}
	fleet := len(m.ferries)
	if r == ViaTunnel {
		fleet = len(m.shuttles)
	}
	if fleet != c.fleet {
		t.Errorf("%d vessels, want %d", fleet, c.fleet)
	}
	for _, v := range append(slices.Clone(m.ferries), m.shuttles...) {
		if len(v.load) != 0 {
			t.Errorf("vessel %d of kind %d still carries %d lorries at the end", v.index, v.kind, len(v.load))
		}
	}
	// The lorries' states as counted as they moved (the sites here have no
	// booths or search queues for CheckInvariants to look at).
	var recount [NumLorryStates]int
	for i := range m.lorries {
		if m.lorries[i].live {
			recount[m.lorries[i].State]++
		}
	}
	if recount != m.count {
		t.Errorf("lorries counted by state %v, recounted %v", m.count, recount)
	}
}

// ferries sets the port's route: ships ferries, 45 minutes' crossing and
// 30 minutes' turnaround (a cycle of 150 minutes), 3 lorries a sailing, a
// boarding cutoff of 10 minutes; no shuttles.
func ferries(ships int) func(m *Model) {
	return func(m *Model) {
		m.cfg.Port.Ships, m.cfg.Port.LorriesPerSailing, m.cfg.Port.BoardingCutoff = ships, 3, mins(10)
		m.cfg.Tunnel.DeparturesPerHour = hourly(0)
	}
}

// then runs the setups in turn.
func then(fs ...func(m *Model)) func(m *Model) {
	return func(m *Model) {
		for _, f := range fs {
			f(m)
		}
	}
}

// TestFerries: two ships start half a cycle apart, each crossing towards
// a berth it reaches at minute 45 and is ready to leave from 80 % of a
// turnaround later (69); a sailing leaves each side every 75 minutes from
// minute 0 with the ship that has been ready longest, taking up to 3
// lorries that were in the lanes by the cutoff (France-bound ones from
// Kent); a sailing with no ship ready, or at a closed or stopped site, is
// cancelled. Lorries landed at Dover drive to London in 100 minutes.
func TestFerries(t *testing.T) {
	lanes := []float64{0, 10, 20, 65, 66}
	cases := []crossingCase{
		{name: "the timetable", setup: ferries(2), lanes: lanes, kent: 4, fleet: 2,
			boarded: map[string]float64{"a": 75, "b": 75, "c": 75, "d": 150, "e": 150}, france: []float64{75, 75, 75, 150}},
		{name: "a closure cancels the sailings of minute 75", lanes: lanes, kent: 4, fleet: 2,
			setup: then(ferries(2), func(m *Model) {
				m.K.At(60, PrioControl, closure{m, []Route{ViaPort}, false}, 0)
				m.K.At(100, PrioControl, closure{m, []Route{ViaPort}, true}, 0)
			}),
			boarded: map[string]float64{"a": 150, "b": 150, "c": 150, "d": 225, "e": 225}, france: []float64{150, 150, 150, 225}},
		{name: "departures stopped by intruders to minute 80", lanes: lanes, kent: 4, fleet: 2,
			setup:   then(ferries(2), func(m *Model) { m.sites[ViaPort].stoppedUntil = 80 }),
			boarded: map[string]float64{"a": 150, "b": 150, "c": 150, "d": 225, "e": 225}, france: []float64{150, 150, 150, 225}},
		{name: "a cutoff of an hour", lanes: lanes, kent: 4, fleet: 2,
			setup:   then(ferries(2), func(m *Model) { m.cfg.Port.BoardingCutoff = mins(60) }),
			boarded: map[string]float64{"a": 75, "b": 75, "c": 150, "d": 150, "e": 150}, france: []float64{75, 75, 75, 150}},
		// One ship: a sailing every 150 minutes, from France at 0, 150,
		// 300, from Dover at 75 and 225; it is at Dover from 45.
		{name: "one ship", setup: ferries(1), lanes: lanes, kent: 4, fleet: 1,
			boarded: map[string]float64{"a": 150, "b": 150, "c": 150, "d": 300, "e": 300}, france: []float64{75, 75, 75, 225}},
		{name: "no ship", setup: ferries(0), lanes: lanes, kent: 4},
		// Both ships out of service at minute 100: they finish their
		// crossing and lie up; no sailing after.
		{name: "the fleet taken off at minute 100", lanes: lanes, kent: 4, fleet: 2,
			setup: then(ferries(2), func(m *Model) {
				at := engine.DateTime{Time: time.Date(2015, time.July, 1, 1, 40, 0, 0, time.UTC)}
				m.cfg.Port.Fleet = []FleetChange{{From: at, Ships: 0, Diverted: 0.5}}
			}),
			boarded: map[string]float64{"a": 75, "b": 75, "c": 75}, france: []float64{75, 75, 75}},
		// A third ship from minute 100: three in service from the
		// sailings of minute 150, the headway 50 minutes from then. The
		// third lay at Dover (ready the longest) and sails from there at
		// 150; at 200 no ship is ready in France (the third lands at 195,
		// ready at 219), so g and h wait for 250.
		{name: "a third ship put back at minute 100", lanes: []float64{0, 10, 20, 65, 66, 120, 121, 122}, kent: 7, fleet: 3,
			setup: then(ferries(2), func(m *Model) {
				at := engine.DateTime{Time: time.Date(2015, time.July, 1, 1, 40, 0, 0, time.UTC)}
				m.cfg.Port.Fleet = []FleetChange{{From: at, Ships: 3}}
			}),
			boarded: map[string]float64{"a": 75, "b": 75, "c": 75, "d": 150, "e": 150, "f": 150, "g": 250, "h": 250},
			france:  []float64{75, 75, 75, 150, 150, 150, 200}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, ViaPort) })
	}
}

// shuttles sets the tunnel: departures each way at perHour an hour, 2
// lorries a shuttle, 35 minutes platform to platform, no cutoff; no
// ferries.
func shuttles(perHour float64) func(m *Model) {
	return func(m *Model) {
		m.cfg.Port.Ships = 0
		m.cfg.Tunnel.DeparturesPerHour, m.cfg.Tunnel.LorriesPerShuttle, m.cfg.Tunnel.Crossing = hourly(perHour), 2, mins(35)
	}
}

// TestShuttles: a shuttle leaves each way at the timetable's rate from
// minute 0, with up to 2 lorries; shuttles come back to the pool when they
// arrive, so the pool is as large as the departures under way at once. A
// stop or a closure cancels departures; a sweep thins them; an hour
// without departures is looked at again an hour later.
func TestShuttles(t *testing.T) {
	lanes := []float64{0, 0, 0, 0, 0}
	cases := []crossingCase{
		// Departures at 0, 15, 30, …: three each way under way at once.
		{name: "every 15 minutes", setup: shuttles(4), lanes: lanes, kent: 3, fleet: 6,
			boarded: map[string]float64{"a": 0, "b": 0, "c": 15, "d": 15, "e": 30}, france: []float64{0, 0, 15}},
		{name: "every 10 minutes", setup: shuttles(6), lanes: lanes, kent: 3, fleet: 8,
			boarded: map[string]float64{"a": 0, "b": 0, "c": 10, "d": 10, "e": 20}, france: []float64{0, 0, 10}},
		// Every 30 minutes during the sweep; three each way under way
		// once it is over.
		{name: "a sweep to minute 100: half the departures", lanes: lanes, kent: 3, fleet: 6,
			setup:   then(shuttles(4), func(m *Model) { m.sites[ViaTunnel].sweepUntil = 100 }),
			boarded: map[string]float64{"a": 0, "b": 0, "c": 30, "d": 30, "e": 60}, france: []float64{0, 0, 30}},
		{name: "departures stopped to minute 20", lanes: lanes, kent: 3, fleet: 6,
			setup:   then(shuttles(4), func(m *Model) { m.sites[ViaTunnel].stoppedUntil = 20 }),
			boarded: map[string]float64{"a": 30, "b": 30, "c": 45, "d": 45, "e": 60}, france: []float64{30, 30, 45}},
		{name: "closed to minute 40", lanes: lanes, kent: 3, fleet: 6,
			setup: then(shuttles(4), func(m *Model) {
				m.sites[ViaTunnel].closed++
				m.K.At(40, PrioControl, closure{m, []Route{ViaTunnel}, true}, 0)
			}),
			boarded: map[string]float64{"a": 45, "b": 45, "c": 60, "d": 60, "e": 75}, france: []float64{45, 45, 60}},
		{name: "no departures from midnight to 01:00", lanes: lanes, kent: 3, fleet: 6,
			setup:   then(shuttles(4), func(m *Model) { m.cfg.Tunnel.DeparturesPerHour[0] = 0 }),
			boarded: map[string]float64{"a": 60, "b": 60, "c": 75, "d": 75, "e": 90}, france: []float64{60, 60, 75}},
		{name: "a cutoff of 20 minutes", lanes: []float64{0, 10, 10, 30, 40}, kent: 0, fleet: 6,
			setup:   then(shuttles(4), func(m *Model) { m.cfg.Tunnel.BoardingCutoff = mins(20) }),
			boarded: map[string]float64{"a": 30, "b": 30, "c": 45, "d": 60, "e": 60}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, ViaTunnel) })
	}
}

// TestFerryDeparture is one timetabled sailing at minute 100 with ships
// set by hand: the ship at that side's berth that has been ready the
// longest sails (45 minutes' crossing), a ship still turning round or
// beyond the number in service does not, and a closed or stopped port
// cancels the sailing; the next sailing is a cycle of 150 minutes over
// the ships in service later (an hour while none is).
func TestFerryDeparture(t *testing.T) {
	type ship struct {
		state VesselState
		ready float64
	}
	cases := []struct {
		name      string
		toFrance  bool
		ships     []ship
		inService int
		closed    bool
		stopped   float64
		sails     int     // the ship that sails, or −1
		next      float64 // the next sailing
	}{
		{name: "the ship ready the longest", ships: []ship{{AtFrance, 50}, {AtFrance, 40}, {AtUK, 0}}, inService: 3, sails: 1, next: 150},
		{name: "ready at this very minute", ships: []ship{{AtFrance, 100}, {ToUK, 0}}, inService: 2, sails: 0, next: 175},
		{name: "still turning round", ships: []ship{{AtFrance, 101}, {ToUK, 0}}, inService: 2, sails: -1, next: 175},
		{name: "from Dover", toFrance: true, ships: []ship{{AtFrance, 0}, {AtUK, 90}, {AtUK, 95}}, inService: 3, sails: 1, next: 150},
		{name: "a ship beyond those in service lies up", ships: []ship{{ToUK, 0}, {AtFrance, 0}}, inService: 1, sails: -1, next: 250},
		{name: "the port closed", ships: []ship{{AtFrance, 0}}, inService: 1, closed: true, sails: -1, next: 250},
		{name: "departures stopped", ships: []ship{{AtFrance, 0}}, inService: 1, stopped: 101, sails: -1, next: 250},
		{name: "departures stopped until now", ships: []ship{{AtFrance, 0}}, inService: 1, stopped: 100, sails: 0, next: 250},
		{name: "no ship in service", ships: []ship{{AtFrance, 0}}, inService: 0, sails: -1, next: 160},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := kentModel(0)
			m.paths.crossing[ViaPort] = &Path{LengthM: 40000}
			m.K.RunUntil(100)
			for j, sh := range c.ships {
				m.ferries = append(m.ferries, &vessel{m: m, kind: Ferry, index: j, state: sh.state, readyMin: sh.ready, live: true})
			}
			m.inService = c.inService
			s := m.sites[ViaPort]
			s.closed, s.stoppedUntil = b2i(c.closed), c.stopped
			(&ferryDeparture{m, c.toFrance}).Handle(0)
			sailed := -1
			for j, v := range m.ferries {
				if v.state != c.ships[j].state {
					sailed = j
				}
			}
			if sailed != c.sails {
				t.Fatalf("ship %d sailed, want %d", sailed, c.sails)
			}
			events := 1
			if sailed >= 0 {
				events = 2
				v := m.ferries[sailed]
				want := ToUK
				if c.toFrance {
					want = ToFrance
				}
				if v.state != want || v.move.T0 != 100 || v.move.T1 != 145 {
					t.Errorf("the ship is %d from %v to %v, want %d from 100 to 145", v.state, v.move.T0, v.move.T1, want)
				}
			}
			if m.K.Pending() != events {
				t.Errorf("%d events pending, want %d", m.K.Pending(), events)
			}
			// Past the arrival: the next event is the next sailing.
			m.K.RunUntil(146)
			if next, ok := m.K.NextTime(); !ok || next != c.next {
				t.Errorf("next sailing at %v, want %v", next, c.next)
			}
		})
	}
}
