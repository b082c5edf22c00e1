package freight

import (
	"math"
	"slices"
	"testing"
	"time"

	"channelsim/agents"
	"channelsim/engine"
)

// kentDays is the length of the small models' runs.
const kentDays = 7

// mins is a duration of m minutes, as the configuration gives them.
func mins(m float64) engine.Duration {
	return engine.Duration{Duration: time.Duration(m * float64(time.Minute))}
}

// hourly is a timetable of n departures every hour.
func hourly(n float64) []float64 {
	ds := make([]float64, 24)
	for h := range ds {
		ds[h] = n
	}
	return ds
}

// kentModel is a small freight model for Kent Police's rules, built by
// hand: a week from Wednesday 1 July 2015, French time; France-bound
// lorries at perMin a minute on a flat profile (half for each site); a
// ferry in service carrying 150 lorries every 150 minutes (1 a minute), 4
// shuttles an hour of 30 lorries (2 a minute); each terminal holding 100
// lorries and the A20 50 more for the port; three phases of Stack of 100,
// 200 and 300 lorries; a forecast two hours ahead.
func kentModel(perMin float64) *Model { return kentModelOn(perMin, new(int)) }

// kentModelOn is kentModel with *today the day of its daily series.
func kentModelOn(perMin float64, today *int) *Model {
	cal := engine.NewCalendar(engine.Date{Year: 2015, Month: time.July, Day: 1}, kentDays, agents.France)
	env := agents.NewEnv(&engine.Kernel{}, &cal, engine.NewStreams(1), nil, kentDays, today)
	tr := &Traffic{PortShare: 0.5, FranceBoundPerYear: perMin * 365 * engine.Day}
	m := &Model{env: env, K: env.K, Cal: env.Cal, cfg: Config{
		Traffic: tr,
		Port:    &Port{LorriesPerSailing: 150, Crossing: mins(45), Turnaround: mins(30)},
		Tunnel:  &Tunnel{DeparturesPerHour: hourly(4), LorriesPerShuttle: 30, SweepShare: 0.5},
		Stack: &Stack{TAP: 50, Forecast: mins(120), StandDown: mins(60),
			Phases: []StackPhase{{Capacity: 100}, {Capacity: 200}, {Capacity: 300}}},
	}}
	m.inService = 1
	for r := range m.sites {
		m.sites[r] = &site{m: m, route: Route(r), cfg: &Site{UKHoldingCapacity: 100, KentCapacity: 1000}}
	}
	m.frProfile = NewProfile(tr.FranceBoundPerYear, tr, cal, kentDays)
	m.stats.init(env, kentDays)
	m.initStack()
	return m
}

// queue puts lorries numbered from first on the queue q.
func queue(q *engine.FIFO, first, n int) {
	for i := range n {
		q.Push(int32(first + i))
	}
}

// contents lists a queue, leaving it as it was.
func contents(q *engine.FIFO) []int32 {
	var out []int32
	for k := range q.Len() {
		out = append(out, q.Peek(k))
	}
	return out
}

func TestPhasesFor(t *testing.T) {
	m := kentModel(0)
	cases := []struct{ lorries, phases int }{
		{0, 1}, {1, 1}, {100, 1}, {101, 2}, {300, 2}, {301, 3}, {600, 3},
		{601, 3}, // more than every phase holds: all of them
	}
	for _, c := range cases {
		if got := m.phasesFor(c.lorries); got != c.phases {
			t.Errorf("phasesFor(%d) = %d, want %d", c.lorries, got, c.phases)
		}
	}
	m.cfg.Stack.Phases = nil
	if got := m.phasesFor(5000); got != 1 {
		t.Errorf("no phases named: phasesFor = %d, want 1 (one phase of unlimited room)", got)
	}
}

// TestForecastOverflow: the forecast is the worst overflow over the
// horizon of each terminal's fluid queue, beyond its holding (and the
// A20's for the port), fed by the arrival profile and emptied by what
// crosses under the disruption Kent Police know of.
func TestForecastOverflow(t *testing.T) {
	const now = 600.0 // 10:00 on the first day
	never := math.Inf(1)
	cases := []struct {
		name      string
		perMin    float64
		port, tun int        // lorries waiting in Kent for each site
		stopped   float64    // departures stopped at both sites until
		closure   [2]float64 // a closure of the port (from, to)
		timetable float64    // departures an hour at the tunnel from minute 0 (0: the default 4)
		sweep     bool       // the tunnel's sweep runs through the horizon
		diverted  float64    // share of the port's lorries crossing elsewhere
		want      int
	}{
		{name: "queues within the holding", port: 150, tun: 100, stopped: never, want: 0},
		{name: "no departures: the queues beyond the room", port: 400, tun: 300, stopped: never, want: 250 + 200},
		// The peak is after the first step: 400 − 15 at the port, 300 − 30 at the tunnel.
		{name: "ferries and shuttles carry", port: 400, tun: 300, want: 235 + 170},
		{name: "a closure begun lasts to its end", port: 400, tun: 300, closure: [2]float64{now - 60, now + 600}, want: 250 + 170},
		{name: "a closure announced is not yet known", port: 400, tun: 300, closure: [2]float64{now + 30, now + 600}, want: 235 + 170},
		{name: "a closure ended", port: 400, tun: 300, closure: [2]float64{now - 600, now - 60}, want: 235 + 170},
		{name: "a denser timetable", port: 400, tun: 300, timetable: 8, want: 235 + 140},
		{name: "a sweep thins the shuttles", port: 400, tun: 300, sweep: true, want: 235 + 185},
		// 2 lorries a minute, half for each site: 15 a step for 8 steps.
		{name: "arrivals with no departures", perMin: 2, port: 400, tun: 300, stopped: never, want: 370 + 320},
		{name: "arrivals and departures", perMin: 2, port: 400, tun: 300, want: 250 + 185},
		{name: "diverted lorries do not come", perMin: 2, port: 400, tun: 300, stopped: never, diverted: 1, want: 250 + 320},
	}
	for _, c := range cases {
		m := kentModel(c.perMin)
		queue(&m.sites[ViaPort].kent, 0, c.port)
		queue(&m.sites[ViaTunnel].kent, c.port, c.tun)
		for _, s := range m.sites {
			s.stoppedUntil = c.stopped
		}
		if c.closure != [2]float64{} {
			m.closures[ViaPort] = [][2]float64{c.closure}
		}
		if c.timetable > 0 {
			m.cfg.Tunnel.Timetable = []Timetable{{DeparturesPerHour: hourly(c.timetable)}}
			m.timetableFrom = []float64{0}
		}
		if c.sweep {
			m.sites[ViaTunnel].sweepUntil = never
		}
		m.diverted = c.diverted
		if got := m.forecastOverflow(now); got != c.want {
			t.Errorf("%s: forecast overflow %d, want %d", c.name, got, c.want)
		}
	}
}

// TestShuttleRate: the timetable in force is the latest that has begun,
// whatever the order of the entries; a sweep after a stop thins it, and
// the stop itself does not (departures are stopped, not thinned).
func TestShuttleRate(t *testing.T) {
	m := kentModel(0)
	m.cfg.Tunnel.Timetable = []Timetable{{DeparturesPerHour: hourly(6)}, {DeparturesPerHour: hourly(2)}}
	m.timetableFrom = []float64{2 * engine.Day, engine.Day}
	tun := m.sites[ViaTunnel]
	tun.stoppedUntil, tun.sweepUntil = 3*engine.Day+60, 3*engine.Day+180
	cases := []struct {
		t, want float64
	}{
		{0, 4},                       // before any timetable: the default
		{engine.Day, 2},              // the second entry begins first
		{2*engine.Day - 1, 2},        //
		{2 * engine.Day, 6},          // the first entry, later, replaces it
		{3*engine.Day + 30, 6},       // departures stopped: the rate is the timetable's
		{3*engine.Day + 60, 3},       // the sweep: half the departures
		{3*engine.Day + 179, 3},      //
		{3*engine.Day + 180, 6},      // the sweep over
		{6*engine.Day + 23*60, 6},    // the last hour of the run
		{20 * engine.Day, 6},         // past the run
		{2*engine.Day + 0.5, 6},      // within an hour
		{engine.Day + 12*60 + 59, 2}, //
	}
	for _, c := range cases {
		if got := m.shuttleRate(c.t); got != c.want {
			t.Errorf("shuttleRate(%v) = %v, want %v", c.t, got, c.want)
		}
	}
	// Hour by hour: a timetable's own profile.
	m.cfg.Tunnel.Timetable[0].DeparturesPerHour[3] = 1
	if got := m.shuttleRate(4*engine.Day + 3*60 + 10); got != 1 {
		t.Errorf("03:10: %v departures an hour, want the timetable's 1", got)
	}
}

func TestTurnAway(t *testing.T) {
	cases := []struct {
		queued, capacity int
		away             bool
	}{
		{0, 0, false},    // no bound
		{5000, 0, false}, // no bound, however long the queue
		{0, 10, false},   //
		{9, 10, false},   // one place left
		{10, 10, true},   // full
		{11, 10, true},   // over (the bound lowered)
		{1, 1, true},     //
		{-1, 1, false},   //
		{100, -5, false}, // a negative bound is none
	}
	m := kentModel(0)
	var away int64
	for _, c := range cases {
		if got := m.turnAway(c.queued, c.capacity); got != c.away {
			t.Errorf("turnAway(%d, %d) = %v, want %v", c.queued, c.capacity, got, c.away)
		}
		if c.away {
			away++
		}
		if m.stats.turnedAway != away {
			t.Fatalf("turnAway(%d, %d): %d turned away counted, want %d", c.queued, c.capacity, m.stats.turnedAway, away)
		}
	}
}

func TestPrepend(t *testing.T) {
	cases := []struct {
		dst, src, want []int32
	}{
		{nil, nil, nil},
		{[]int32{1, 2}, nil, []int32{1, 2}},
		{nil, []int32{3, 4}, []int32{3, 4}},
		{[]int32{5, 6, 7}, []int32{1, 2}, []int32{1, 2, 5, 6, 7}},
		{[]int32{9}, []int32{8, 7, 6, 5, 4, 3, 2, 1, 0}, []int32{8, 7, 6, 5, 4, 3, 2, 1, 0, 9}},
	}
	for _, c := range cases {
		var dst, src engine.FIFO
		for _, i := range c.dst {
			dst.Push(i)
		}
		for _, i := range c.src {
			src.Push(i)
		}
		prepend(&dst, &src)
		if got := contents(&dst); !slices.Equal(got, c.want) {
			t.Errorf("prepend(%v, %v) = %v, want %v", c.dst, c.src, got, c.want)
		}
		if src.Len() != 0 {
			t.Errorf("prepend(%v, %v) left %d in the source", c.dst, c.src, src.Len())
		}
	}
}

// TestWeekendBan: at the ban's start, lorries that are not exempt and
// find no place in the French parks are set aside in their order; at its
// end they go back to the head of their queue, ahead of the lorries that
// came during the ban. A ban France has lifted holds no one.
func TestWeekendBan(t *testing.T) {
	cases := []struct {
		name           string
		parking        int
		exempt         float64
		lifted         bool
		kept, banned   []int32 // the port's queue during the ban, and the lorries set aside
		after          []int32 // the port's queue after it, lorry 100 having come during it
		held, tunnelIn int     // lorries counted held, and the tunnel's queue during the ban
	}{
		{name: "no parking, no exemption", kept: nil, banned: []int32{0, 1, 2, 3, 4},
			after: []int32{0, 1, 2, 3, 4, 100}, held: 8, tunnelIn: 0},
		{name: "two places in the parks", parking: 2, kept: []int32{0, 1}, banned: []int32{2, 3, 4},
			after: []int32{2, 3, 4, 0, 1, 100}, held: 6, tunnelIn: 0},
		{name: "places for all", parking: 10, kept: []int32{0, 1, 2, 3, 4}, banned: nil,
			after: []int32{0, 1, 2, 3, 4, 100}, held: 0, tunnelIn: 3},
		{name: "every lorry exempt", exempt: 1, kept: []int32{0, 1, 2, 3, 4}, banned: nil,
			after: []int32{0, 1, 2, 3, 4, 100}, held: 0, tunnelIn: 3},
		{name: "the ban lifted", lifted: true, kept: []int32{0, 1, 2, 3, 4}, banned: nil,
			after: []int32{0, 1, 2, 3, 4, 100}, held: 0, tunnelIn: 3},
	}
	for _, c := range cases {
		m := kentModel(0)
		m.rBan = m.env.Streams.New("weekend-ban")
		m.cfg.Traffic.WeekendBan = WeekendBan{Enabled: true, Parking: c.parking, ExemptShare: c.exempt}
		if c.lifted {
			from := engine.DateTime{Time: time.Date(2015, time.June, 1, 0, 0, 0, 0, agents.France)}
			to := engine.DateTime{Time: time.Date(2015, time.August, 1, 0, 0, 0, 0, agents.France)}
			m.cfg.Traffic.WeekendBan.Lifted = []Period{{From: from, To: to}}
		}
		port, tun := m.sites[ViaPort], m.sites[ViaTunnel]
		queue(&port.kent, 0, 5)
		queue(&tun.kent, 50, 3)
		weekendBan{m, true}.Handle(0)
		if got := contents(&port.kent); !slices.Equal(got, c.kept) {
			t.Errorf("%s: the port's queue during the ban %v, want %v", c.name, got, c.kept)
		}
		if got := contents(&port.banned); !slices.Equal(got, c.banned) {
			t.Errorf("%s: set aside %v, want %v", c.name, got, c.banned)
		}
		if got := tun.kent.Len(); got != c.tunnelIn {
			t.Errorf("%s: %d in the tunnel's queue during the ban, want %d", c.name, got, c.tunnelIn)
		}
		if m.stats.banned != int64(c.held) {
			t.Errorf("%s: %d lorries counted held, want %d", c.name, m.stats.banned, c.held)
		}
		if got := port.kentLen() + tun.kentLen(); got != 8 {
			t.Errorf("%s: %d lorries in Kent during the ban, want all 8", c.name, got)
		}
		port.kent.Push(100)
		weekendBan{m, false}.Handle(0)
		if got := contents(&port.kent); !slices.Equal(got, c.after) {
			t.Errorf("%s: the port's queue after the ban %v, want %v", c.name, got, c.after)
		}
		if port.banned.Len()+tun.banned.Len() != 0 || tun.kent.Len() != 3 {
			t.Errorf("%s: lorries still set aside after the ban", c.name)
		}
	}
}

// TestStackCalledAndStoodDown: Stack is called as soon as lorries stand on
// the road or the forecast overflows (pre-emptively when the road is
// clear), with the fewest phases that hold the need; it keeps its phases
// while the need lasts and is stood down once the queues have fitted for
// stand_down.
func TestStackCalledAndStoodDown(t *testing.T) {
	m := kentModel(0)
	port := m.sites[ViaPort]
	st := &m.stack
	queue(&port.kent, 0, 400) // 250 beyond the terminal and the A20
	m.kentChanged(0)
	if !st.on || st.phases != 2 || st.onRoad != 250 || !st.tap || st.episodes != 1 || st.preemptive != 0 {
		t.Fatalf("250 on the road: Stack %+v, want on with 2 phases and TAP", *st)
	}
	for range 300 {
		port.kent.Pop()
	}
	m.kentChanged(10) // 100 left: within the terminal's holding
	if !st.on || st.phases != 2 || st.tap {
		t.Errorf("the queue fits: Stack %+v, want still on (phases lifted at reviews) and no TAP", *st)
	}
	m.kentChanged(69)
	if !st.on {
		t.Error("Stack stood down before stand_down")
	}
	m.kentChanged(70)
	if st.on || st.phases != 0 {
		t.Errorf("after stand_down: Stack %+v, want off", *st)
	}
	st.forecast = 350
	m.kentChanged(100)
	if !st.on || st.phases != 3 || st.episodes != 2 || st.preemptive != 1 {
		t.Errorf("a forecast of 350 over: Stack %+v, want a pre-emptive second episode of 3 phases", *st)
	}
}
