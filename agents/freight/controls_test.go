package freight

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"channelsim/engine"
	"channelsim/scanner"
)

// draws is a random source that gives the Float64 values of its list in
// turn (math/rand/v2 makes a Float64 of the low 53 bits of Uint64, so a
// dyadic value comes back exactly) and fails the test when more are
// drawn: each decision of the controls is then computed by hand, and so
// is the number of draws a lorry takes, which common random numbers rely
// on.
type draws struct {
	t  *testing.T
	us []float64
}

func (d *draws) Uint64() uint64 {
	d.t.Helper()
	if len(d.us) == 0 {
		d.t.Fatal("a draw beyond those scripted")
	}
	u := d.us[0]
	d.us = d.us[1:]
	return uint64(u * (1 << 53))
}

// script makes m's selection draws the values us.
func script(t *testing.T, m *Model, us ...float64) *draws {
	d := &draws{t: t, us: us}
	m.rSelect = rand.New(d)
	return d
}

// sight is a search method for the tests: a search takes min minutes,
// finds the people at the places it sees, alarms when it finds someone
// (or always, with alarm: a false alarm when nobody is there), gives each
// person searched dose µSv and finds contraband that is there. Each
// search of the vehicle followed is written to the log as name@minute.
type sight struct {
	name  string
	min   float64
	sees  []scanner.Place
	dose  float64
	alarm bool
	log   *searchLog
}

// searchLog is the searches of one vehicle, in order.
type searchLog struct {
	k       *engine.Kernel
	follow  *scanner.Vehicle
	entries []string
}

func (l *searchLog) String() string { return strings.Join(l.entries, " ") }

func (s *sight) Name() string                      { return s.name }
func (s *sight) Resources() scanner.Resources      { return scanner.Resources{} }
func (s *sight) Applicable(*scanner.Vehicle) error { return nil }

func (s *sight) Search(v *scanner.Vehicle, _ scanner.Conditions, _ *rand.Rand) scanner.Outcome {
	o := scanner.Outcome{DurationMin: s.min, ContrabandFound: v.Contraband}
	for p, n := range v.People {
		if n == 0 {
			continue
		}
		o.DoseUSv[p] = s.dose
		if slices.Contains(s.sees, scanner.Place(p)) {
			o.Found[p], o.Alarm, o.Detected = true, true, true
		}
	}
	if s.alarm && !o.Alarm {
		o.Alarm, o.FalseAlarm = true, true
	}
	if v == s.log.follow {
		s.log.entries = append(s.log.entries, fmt.Sprintf("%s@%g", s.name, s.log.k.Now()))
	}
	return o
}

// controlsModel is kentModel with the two layers of controls built by
// hand at both sites, their methods the tests' sights, each method of the
// screening layer with one unit:
//
//	pmmw       1 min, sees people on the roof
//	heartbeat 10 min, sees people in the trailer
//	dog        2 min, sees the trailer and the axles
//	co2        3 min, sees the trailer
//
// and at Border Force one X-ray scanner (5 min, sees the trailer and the
// axles, 0.5 µSv to each person scanned; banned for people), one search
// team searching by hand (20 min, sees the trailer, roof and cab; after an
// alarm thoroughly: 30 min, sees every place), the skip rule's max_wait 15
// minutes; the share screened 1, selection random at 0.25 of the lorries
// with busy_queue 8, contraband scans of 0.5 of them and people seen on
// them reported. Every method can search every vehicle.
func controlsModel() (*Model, *site, *searchLog) {
	m := kentModel(0)
	m.rSvc = m.env.Streams.New("service")
	m.rSearch = m.env.Streams.New("search")
	m.rXray = m.env.Streams.New("xray")
	m.cfg.Port.Site = Site{UKBooths: 1}
	m.cfg.Tunnel.Site = Site{UKBooths: 1}
	m.cfg.Screening = &Screening{Share: 1, Equipment: ScreeningEquipment{PMMW: 1, Heartbeat: 1, Dogs: 1, CO2: 1}}
	m.cfg.Controls = &Controls{SearchShare: 0.25, BusyQueue: 8, ContrabandShare: 0.5, TamperSeen: 0.5, IntelligenceHit: 0.5, Equipment: Equipment{Xray: 1}}
	log := &searchLog{k: m.K}
	r := &m.search
	all := []scanner.Place{scanner.InTrailer, scanner.Axle, scanner.Roof, scanner.Cab}
	for k, s := range map[method]*sight{
		mPMMW:      {name: "pmmw", min: 1, sees: []scanner.Place{scanner.Roof}},
		mHeartbeat: {name: "heartbeat", min: 10, sees: []scanner.Place{scanner.InTrailer}},
		mDog:       {name: "dog", min: 2, sees: []scanner.Place{scanner.InTrailer, scanner.Axle}},
		mCO2:       {name: "co2", min: 3, sees: []scanner.Place{scanner.InTrailer}},
		mXray:      {name: "xray", min: 5, sees: []scanner.Place{scanner.InTrailer, scanner.Axle}, dose: 0.5},
		mManual:    {name: "manual", min: 20, sees: []scanner.Place{scanner.InTrailer, scanner.Roof, scanner.Cab}},
	} {
		s.log = log
		r.methods[k] = s
		r.meanMin[k] = s.min
	}
	r.thorough = &sight{name: "thorough", min: 30, sees: all, log: log}
	for k := range r.doseOK {
		r.doseOK[k] = !method(k).ionising()
		for t := range r.applicable[k] {
			for g := range r.applicable[k][t] {
				r.applicable[k][t][g] = true
			}
		}
	}
	r.sequence = []method{mPMMW, mHeartbeat, mDog, mCO2}
	r.screenMax = 15
	r.onAlarm, r.xray, r.incidental = mManual, mXray, true
	m.surge.base = m.cfg.Controls.SearchShare
	m.screenShare = m.cfg.Screening.Share
	m.buildSites()
	for _, s := range m.sites {
		s.search.SetServers(1)
	}
	return m, m.sites[ViaPort], log
}

// lorryWith puts a new lorry carrying v in state st and follows its
// searches in log.
func lorryWith(m *Model, log *searchLog, st LorryState, v scanner.Vehicle) int32 {
	i := m.newLorry(st)
	m.lorries[i].Vehicle = v
	log.follow = &m.lorries[i].Vehicle
	return i
}

// hidden is a general load on trailer tr with people at each place:
// in the trailer, on the axles, on the roof, in the cab.
func hidden(tr scanner.Trailer, trailer, axle, roof, cab int) scanner.Vehicle {
	return scanner.Vehicle{Trailer: tr, Cargo: scanner.General, People: [scanner.NumPlaces]int{trailer, axle, roof, cab}}
}

// waitFor puts n lorries in queue q before the one under test, each a
// lorry in state st with nothing to decide (its screening sequence done,
// not selected for anything).
func waitFor(m *Model, q *engine.Queue, st LorryState, n int) {
	for range n {
		i := m.newLorry(st)
		m.lorries[i].step = uint8(len(m.search.sequence))
		q.Arrive(int64(i))
	}
}

// TestSelectionForSearch is Border Force's selection of a lorry that has
// passed the UK booth (and the screening layer): a draw for a contraband
// scan at contraband_share × busy; a referral always searched for people;
// under risk targeting, a cut curtain noticed (tamper_seen) or an
// intelligence flag (intelligence_hit) while the search area is not full;
// else a draw at the control intensity × busy, busy = 1 − queue /
// busy_queue. Selected lorries wait for a search team; the others go to
// the lanes (there is no scanner here).
func TestSelectionForSearch(t *testing.T) {
	curtain := func(trailer, axle int) scanner.Vehicle { return hidden(scanner.CurtainSider, trailer, axle, 0, 0) }
	cases := []struct {
		name           string
		risk, alarm    bool
		waiting        int     // lorries waiting for the search team (busy_queue 8)
		offset         float64 // a surge's offset on the intensity 0.25
		v              scanner.Vehicle
		draws          []float64
		contra, people bool
	}{
		{name: "quiet: selected under the intensity", draws: []float64{0.5, 0.125}, people: true},
		{name: "quiet: the intensity is a strict bound", draws: []float64{0.25, 0.25}, contra: true},
		{name: "half busy: the shares halve", waiting: 4, draws: []float64{0.25, 0.125}},
		{name: "half busy: under the halved shares", waiting: 4, draws: []float64{0.1875, 0.0625}, contra: true, people: true},
		{name: "a queue of busy_queue: no one selected", waiting: 8, draws: []float64{0, 0}},
		{name: "a queue beyond busy_queue: no one selected", waiting: 10, draws: []float64{0, 0}},
		{name: "a referral: searched without a draw", alarm: true, draws: []float64{0.75}, people: true},
		{name: "a referral: searched however busy", alarm: true, waiting: 8, draws: []float64{0}, people: true},
		{name: "a surge raises the intensity", offset: 0.25, draws: []float64{0.5, 0.375}, people: true},
		{name: "risk: a cut curtain noticed", risk: true, v: curtain(2, 0), draws: []float64{0.5, 0.25}, people: true},
		{name: "risk: not noticed, flagged by intelligence", risk: true, v: curtain(2, 0), draws: []float64{0.5, 0.5, 0.25}, people: true},
		{name: "risk: neither, selected at the intensity", risk: true, v: curtain(2, 0), draws: []float64{0.5, 0.5, 0.5, 0.125}, people: true},
		{name: "risk: neither, not selected", risk: true, v: curtain(2, 0), draws: []float64{0.5, 0.5, 0.5, 0.25}},
		{name: "risk: a box trailer shows no cut curtain", risk: true, v: hidden(scanner.Box, 2, 0, 0, 0), draws: []float64{0.5, 0.25}, people: true},
		{name: "risk: people on the axles only", risk: true, v: curtain(0, 1), draws: []float64{0.5, 0.25}, people: true},
		{name: "risk: nobody hidden, the intensity alone", risk: true, v: curtain(0, 0), draws: []float64{0.5, 0.125}, people: true},
		{name: "risk: targeting is not lowered by a half-busy queue", risk: true, waiting: 4, v: curtain(2, 0), draws: []float64{0.5, 0.25}, people: true},
		{name: "risk: no targeting when the queue is full", risk: true, waiting: 8, v: curtain(2, 0), draws: []float64{0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, s, log := controlsModel()
			s.scan.SetServers(0)
			s.search.SetServers(0)
			m.search.risk = c.risk
			m.surge.offset = c.offset
			waitFor(m, s.search, SearchQueue, c.waiting)
			d := script(t, m, c.draws...)
			i := lorryWith(m, log, UKControl, c.v)
			m.lorries[i].alarm = c.alarm
			s.toBorderForce(i)
			l := &m.lorries[i]
			if l.contra != c.contra || l.forPeople != c.people {
				t.Errorf("selected for contraband %v, for people %v; want %v, %v", l.contra, l.forPeople, c.contra, c.people)
			}
			if len(d.us) != 0 {
				t.Errorf("%d of the scripted draws not taken", len(d.us))
			}
			wantState, searched := Embarking, int64(0)
			if c.people {
				wantState, searched = SearchQueue, 1
			}
			if l.State != wantState || m.stats.searched != searched {
				t.Errorf("the lorry is %s, %d searched; want %s, %d", l.State, m.stats.searched, wantState, searched)
			}
			if got := s.search.Waiting(); got != c.waiting+int(searched) {
				t.Errorf("%d waiting for the search team, want %d", got, c.waiting+int(searched))
			}
		})
	}
}

// controlsCase is a lorry through the controls at the port and what the
// controls did with it.
type controlsCase struct {
	name     string
	v        scanner.Vehicle
	referred bool // the lorry comes to Border Force referred by the screening layer
	setup    func(m *Model, s *site)
	draws    []float64
	until    float64 // run to this minute (default 100)
	log      string  // the lorry's searches, name@minute
	lanes    float64 // when it reached the lanes
	found    map[string]int64
	left     [scanner.NumPlaces]int // people still on the lorry after the controls
	dose     float64                // the dose to the people hidden, person-µSv
	counts   string                 // screened, referred, skipped, searched, false alarms, contraband found, scans
}

// check runs the case's lorry from start and compares.
func (c controlsCase) check(t *testing.T, start func(m *Model, s *site, i int32)) {
	t.Helper()
	m, s, log := controlsModel()
	if c.setup != nil {
		c.setup(m, s)
	}
	d := script(t, m, c.draws...)
	i := lorryWith(m, log, UKControl, c.v)
	s.inside++
	start(m, s, i)
	until := c.until
	if until == 0 {
		until = 100
	}
	m.K.RunUntil(until)
	l := &m.lorries[i]
	if got := log.String(); got != c.log {
		t.Errorf("searches %q, want %q", got, c.log)
	}
	if l.State != Embarking || l.laneMin != c.lanes {
		t.Errorf("the lorry is %s, in the lanes from %v; want embarking from %v", l.State, l.laneMin, c.lanes)
	}
	found := map[string]int64{}
	total := int64(0)
	for f, n := range m.stats.detBy {
		if n > 0 {
			found[finderNames[f]] = n
			total += n
		}
	}
	if !sameCounts(found, c.found) || m.stats.detections != total {
		t.Errorf("people found %v (%d in all), want %v", found, m.stats.detections, c.found)
	}
	if l.Vehicle.People != c.left {
		t.Errorf("people left on the lorry %v, want %v", l.Vehicle.People, c.left)
	}
	st := &m.stats
	if st.doseTotal != c.dose {
		t.Errorf("a dose of %v person-µSv, want %v", st.doseTotal, c.dose)
	}
	if got := fmt.Sprint(st.screened, st.referrals, st.skipped, st.searched, st.falseAlarms, st.contraband, st.xrayScans); got != c.counts {
		t.Errorf("screened, referred, skipped, searched, false alarms, contraband, scans: %s, want %s", got, c.counts)
	}
	if len(d.us) != 0 {
		t.Errorf("%d of the scripted draws not taken", len(d.us))
	}
	if err := m.CheckInvariants(); err != nil {
		t.Error(err)
	}
}

// sameCounts reports whether two counts by name are equal, nil being
// empty.
func sameCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestScreeningSteps follows a lorry through the screening layer: each
// method of the sequence in turn, passing over those that cannot search
// the vehicle or have no unit, and skipping one whose queue would keep
// it beyond max_wait; the first alarm refers it to Border Force, which
// searches it thoroughly; at the end of the sequence it goes to Border
// Force's selection. What a method finds is credited to it.
func TestScreeningSteps(t *testing.T) {
	nobody := hidden(scanner.CurtainSider, 0, 0, 0, 0)
	cases := []controlsCase{
		{name: "nobody hidden: every method, then the selection", v: nobody,
			draws: []float64{0, 0.5, 0.5}, log: "pmmw@0 heartbeat@1 dog@11 co2@13", lanes: 16, counts: "1 0 0 0 0 0 0"},
		{name: "the heartbeat finds them: referred, searched thoroughly", v: hidden(scanner.CurtainSider, 2, 0, 0, 0),
			draws: []float64{0, 0.5}, log: "pmmw@0 heartbeat@1 thorough@11", lanes: 41,
			found: map[string]int64{"heartbeat": 2}, counts: "1 1 0 1 0 0 0"},
		{name: "on the axles: the dog finds them", v: hidden(scanner.CurtainSider, 0, 1, 0, 0),
			draws: []float64{0, 0.5}, log: "pmmw@0 heartbeat@1 dog@11 thorough@13", lanes: 43,
			found: map[string]int64{"dog": 1}, counts: "1 1 0 1 0 0 0"},
		{name: "the portal finds the roof first, the search the cab", v: hidden(scanner.CurtainSider, 0, 0, 1, 1),
			draws: []float64{0, 0.5}, log: "pmmw@0 thorough@1", lanes: 31,
			found: map[string]int64{"pmmw": 1, "manual": 1}, counts: "1 1 0 1 0 0 0"},
		{name: "a false alarm: referred, nothing found", v: nobody,
			setup: func(m *Model, _ *site) { m.search.methods[mHeartbeat].(*sight).alarm = true },
			draws: []float64{0, 0.5}, log: "pmmw@0 heartbeat@1 thorough@11", lanes: 41, counts: "1 1 0 1 1 0 0"},
		{name: "a box trailer: the portal cannot search it", v: hidden(scanner.Box, 0, 0, 0, 0),
			setup: func(m *Model, _ *site) { m.search.applicable[mPMMW][scanner.Box][scanner.General] = false },
			draws: []float64{0, 0.5, 0.5}, log: "heartbeat@0 dog@10 co2@12", lanes: 15, counts: "1 0 0 0 0 0 0"},
		{name: "no dog team: passed over", v: nobody,
			setup: func(_ *Model, s *site) { s.screen[mDog].SetServers(0) },
			draws: []float64{0, 0.5, 0.5}, log: "pmmw@0 heartbeat@1 co2@11", lanes: 14, counts: "1 0 0 0 0 0 0"},
		// Two lorries at the shed from minute 0: at minute 1, (1 waiting
		// + this one) × 10 min > 15 min.
		{name: "the shed's queue too long: skipped", v: nobody,
			setup: func(m *Model, s *site) { waitFor(m, s.screen[mHeartbeat], AtScreening, 2) },
			draws: []float64{0, 0.5, 0.5}, until: 8, log: "pmmw@0 dog@1 co2@3", lanes: 6, counts: "1 0 1 0 0 0 0"},
		// One lorry in the shed: (0 + 1) × 10 min is within 15; it leaves
		// at minute 10 (its selection draws first) and this one goes in.
		{name: "one lorry in the shed: waits for it", v: nobody,
			setup: func(m *Model, s *site) { waitFor(m, s.screen[mHeartbeat], AtScreening, 1) },
			draws: []float64{0, 0.5, 0.5, 0.5, 0.5}, log: "pmmw@0 heartbeat@10 dog@20 co2@22", lanes: 25, counts: "1 0 0 0 0 0 0"},
		{name: "max_wait 0: always waits", v: nobody,
			setup: func(m *Model, s *site) {
				m.search.screenMax = 0
				waitFor(m, s.screen[mHeartbeat], AtScreening, 2)
			},
			draws: []float64{0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, log: "pmmw@0 heartbeat@20 dog@30 co2@32", lanes: 35, counts: "1 0 0 0 0 0 0"},
		{name: "not taken by the screening layer: selected, searched by hand", v: hidden(scanner.CurtainSider, 0, 1, 1, 0),
			setup: func(m *Model, _ *site) { m.screenShare = 0.5 },
			draws: []float64{0.5, 0.5, 0.125}, log: "manual@0", lanes: 20,
			found: map[string]int64{"manual": 1}, left: [scanner.NumPlaces]int{0, 1, 0, 0}, counts: "0 0 0 1 0 0 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.check(t, func(m *Model, s *site, i int32) { stage{s, SearchQueue}.Handle(int64(i)) })
		})
	}
}

// TestBorderForceSteps follows a lorry through Border Force's layer: the
// scanner first when it is selected for a contraband scan or, where X-ray
// for people is allowed, for people, if a scanner can take the vehicle
// within max_wait; a scan for people that sees nobody clears the lorry,
// one that sees people sends it to a team's thorough search; a contraband
// scan's sight of people is reported or ignored; a lorry selected for
// people and not cleared is searched by a team. People found are credited
// to who found them first and taken off the lorry (nobody follows them
// here); the dose of every scan counts.
func TestBorderForceSteps(t *testing.T) {
	nobody := hidden(scanner.CurtainSider, 0, 0, 0, 0)
	xrayForPeople := func(m *Model, _ *site) { m.search.doseOK[mXray] = true }
	contraband := hidden(scanner.CurtainSider, 2, 0, 0, 0)
	contraband.Contraband = true
	cases := []controlsCase{
		{name: "X-ray banned for people: searched by hand", v: hidden(scanner.CurtainSider, 1, 1, 0, 0),
			draws: []float64{0.5, 0.125}, log: "manual@0", lanes: 20,
			found: map[string]int64{"manual": 1}, left: [scanner.NumPlaces]int{0, 1, 0, 0}, counts: "0 0 0 1 0 0 0"},
		{name: "X-ray for people sees nobody: cleared without a team", v: nobody, setup: xrayForPeople,
			draws: []float64{0.5, 0.125}, log: "xray@0", lanes: 5, counts: "0 0 0 1 0 0 1"},
		{name: "X-ray for people sees them: then a thorough search", v: hidden(scanner.CurtainSider, 0, 1, 1, 0), setup: xrayForPeople,
			draws: []float64{0.5, 0.125}, log: "xray@0 thorough@5", lanes: 35,
			found: map[string]int64{"xray": 1, "manual": 1}, dose: 1, counts: "0 0 0 1 0 0 1"},
		{name: "a referral cleared by the scan is not searched by hand", v: nobody, referred: true, setup: xrayForPeople,
			draws: []float64{0.5}, log: "xray@0", lanes: 5, counts: "0 0 0 1 0 0 1"},
		{name: "a contraband scan shows people: reported", v: contraband,
			draws: []float64{0.25, 0.5}, log: "xray@0", lanes: 5,
			found: map[string]int64{"xray_incidental": 2}, dose: 1, counts: "0 0 0 0 0 1 1"},
		{name: "a contraband scan shows people: ignored", v: contraband,
			setup: func(m *Model, _ *site) { m.search.incidental = false },
			draws: []float64{0.25, 0.5}, log: "xray@0", lanes: 5,
			left: [scanner.NumPlaces]int{2, 0, 0, 0}, dose: 1, counts: "0 0 0 0 0 1 1"},
		{name: "a contraband scan, then the search for people by hand", v: hidden(scanner.CurtainSider, 1, 0, 0, 1),
			draws: []float64{0.25, 0.125}, log: "xray@0 manual@5", lanes: 25,
			found: map[string]int64{"xray_incidental": 1, "manual": 1}, dose: 1, counts: "0 0 0 1 0 0 1"},
		{name: "no scanner: searched by hand", v: hidden(scanner.CurtainSider, 1, 0, 0, 0),
			setup: func(m *Model, s *site) { xrayForPeople(m, s); s.scan.SetServers(0) },
			draws: []float64{0.5, 0.125}, log: "manual@0", lanes: 20, found: map[string]int64{"manual": 1}, counts: "0 0 0 1 0 0 0"},
		{name: "the scanner cannot take a tanker: searched by hand", v: hidden(scanner.Tanker, 0, 1, 0, 0),
			setup: func(m *Model, s *site) {
				xrayForPeople(m, s)
				m.search.applicable[mXray][scanner.Tanker][scanner.General] = false
			},
			draws: []float64{0.5, 0.125}, log: "manual@0", lanes: 20, left: [scanner.NumPlaces]int{0, 1, 0, 0}, counts: "0 0 0 1 0 0 0"},
		// One lorry scanned and three waiting: (3 + 1) × 5 min > 15 min.
		{name: "the scanner's queue too long: skipped, searched by hand", v: hidden(scanner.CurtainSider, 1, 0, 0, 0),
			setup: func(m *Model, s *site) { xrayForPeople(m, s); waitFor(m, s.scan, SearchQueue, 4) },
			draws: []float64{0.5, 0.125}, log: "manual@0", lanes: 20, found: map[string]int64{"manual": 1}, counts: "0 0 1 1 0 0 4"},
		// Two waiting: (2 + 1) × 5 min is within 15 min; its turn at 15.
		{name: "the scanner's queue within max_wait: waits for it", v: nobody,
			setup: func(m *Model, s *site) { xrayForPeople(m, s); waitFor(m, s.scan, SearchQueue, 3) },
			draws: []float64{0.5, 0.125}, log: "xray@15", lanes: 20, counts: "0 0 0 1 0 0 4"},
		{name: "a dog after an alarm, not a thorough search", v: hidden(scanner.CurtainSider, 1, 0, 0, 0), referred: true,
			setup: func(m *Model, _ *site) { m.search.onAlarm = mDog },
			draws: []float64{0.5}, log: "dog@0", lanes: 2, found: map[string]int64{"dog": 1}, counts: "0 0 0 1 0 0 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.check(t, func(m *Model, s *site, i int32) {
				m.lorries[i].alarm = c.referred
				s.toBorderForce(i)
			})
		})
	}
}

// watchLog is a Watcher that writes down what it is told.
type watchLog struct {
	k      *engine.Kernel
	events []string
}

func (w *watchLog) add(what string, i int32) {
	w.events = append(w.events, fmt.Sprintf("%s %d@%g", what, i, w.k.Now()))
}
func (w *watchLog) LeavingRest(i int32) { w.add("leaving", i) }
func (w *watchLog) AtGate(i int32)      { w.add("gate", i) }
func (w *watchLog) Searched(i int32, o *scanner.Outcome) {
	w.add(fmt.Sprintf("searched found %v dose %v", o.Found, o.DoseUSv), i)
}
func (w *watchLog) Boarded(i int32)   { w.add("boarded", i) }
func (w *watchLog) ArrivedUK(i int32) { w.add("arrived", i) }
func (w *watchLog) StoppedUK(i int32) { w.add("stopped", i) }

// TestSearchedHandedToWatcher: with a watcher following the people, the
// controls hand it what they found and the dose at each place, and leave
// the people on the lorry for it; a lorry not searched is not handed on.
func TestSearchedHandedToWatcher(t *testing.T) {
	m, s, log := controlsModel()
	w := &watchLog{k: m.K}
	m.Watch(w)
	m.search.doseOK[mXray] = true
	script(t, m, 0.5, 0.125, 0.5, 0.5)
	i := lorryWith(m, log, UKControl, hidden(scanner.CurtainSider, 0, 1, 1, 0))
	j := m.newLorry(UKControl)
	s.inside += 2
	s.toBorderForce(i)
	s.toBorderForce(j)
	m.K.RunUntil(100)
	want := []string{fmt.Sprintf("searched found [false true true false] dose [0 0.5 0.5 0] %d@35", i)}
	if !slices.Equal(w.events, want) {
		t.Errorf("the watcher was told %q, want %q", w.events, want)
	}
	if got := m.lorries[i].Vehicle.People; got != [scanner.NumPlaces]int{0, 1, 1, 0} {
		t.Errorf("people on the lorry after the controls %v, want them left for the watcher", got)
	}
	if m.stats.detections != 2 || m.stats.detBy[mXray] != 1 || m.stats.detBy[mManual] != 1 {
		t.Errorf("detections %d (xray %d, manual %d), want 2 (1, 1)", m.stats.detections, m.stats.detBy[mXray], m.stats.detBy[mManual])
	}
}

// TestTooLong is the skip rule: a lorry skips a method when every unit is
// busy and the queue ahead, and itself, at the method's mean time shared
// over the units, would take longer than max_wait (0: never skip).
func TestTooLong(t *testing.T) {
	cases := []struct {
		maxWait      float64
		units, there int // units, and lorries already at the method
		mean         float64
		want         bool
	}{
		{maxWait: 0, units: 1, there: 5, mean: 10},
		{maxWait: 1, units: 2, there: 1, mean: 100},                // a unit free
		{maxWait: 15, units: 1, there: 1, mean: 10},                // 1 × 10 min
		{maxWait: 15, units: 1, there: 1, mean: 16, want: true},    // 1 × 16 min
		{maxWait: 15, units: 1, there: 2, mean: 10, want: true},    // 2 × 10 min
		{maxWait: 15, units: 2, there: 4, mean: 10},                // 3 × 10 / 2 min: not beyond
		{maxWait: 15, units: 2, there: 4, mean: 11, want: true},    // 3 × 11 / 2 min
		{maxWait: 15, units: 3, there: 3, mean: 45},                // 1 × 45 / 3 min
		{maxWait: 15, units: 3, there: 30, mean: 1},                // 28 × 1 / 3 min
		{maxWait: 15, units: 3, there: 48, mean: 1, want: true},    // 46 × 1 / 3 min
		{maxWait: 60, units: 3, there: 48, mean: 1},                // 46 × 1 / 3 min
		{maxWait: 0.5, units: 1, there: 1, mean: 0.25},             // 1 × 0.25 min
		{maxWait: 0.5, units: 1, there: 2, mean: 0.25},             // 2 × 0.25 min: not beyond
		{maxWait: 0.5, units: 1, there: 3, mean: 0.25, want: true}, // 3 × 0.25 min
	}
	for _, c := range cases {
		m, s, _ := controlsModel()
		m.search.screenMax = c.maxWait
		q := engine.NewQueue("q", m.K, c.units, serviceOf(engine.Day), engine.HandlerFunc(func(int64) {}), PrioService)
		for k := range c.there {
			q.Arrive(int64(k))
		}
		if got := s.tooLong(q, c.mean); got != c.want {
			t.Errorf("max_wait %v, %d units, %d there, %v min each: too long %v, want %v", c.maxWait, c.units, c.there, c.mean, got, c.want)
		}
	}
}

// serviceOf is a service of min minutes.
type serviceOf float64

func (s serviceOf) ServiceMin(int64) float64 { return float64(s) }

// TestRoster: the officers on duty at each site are those of its shifts
// covering the UK time of day (an hour behind France), a night shift
// counting after midnight; they staff the booths first, up to their
// number, and form search teams with the rest.
func TestRoster(t *testing.T) {
	m, _, _ := controlsModel()
	m.cfg.Port.UKBooths, m.cfg.Tunnel.UKBooths = 4, 4
	at := func(h, min int) engine.Clock { return engine.Clock{Minute: h*60 + min} }
	m.cfg.Officers = &Officers{SearchTeamSize: 2, Shifts: []Shift{
		{Site: "port", Start: at(6, 0), Length: mins(12 * 60), Officers: 10},
		{Site: "port", Start: at(20, 0), Length: mins(12 * 60), Officers: 6},
		{Site: "tunnel", Start: at(7, 0), Length: mins(10 * 60), Officers: 3},
	}}
	m.scheduleShifts()
	cases := []struct {
		france                 float64 // minute of the run, French time
		port, tunnel           int     // officers on duty
		portBooths, portTeams  int
		tunnelBooth, tunnelTms int
	}{
		{france: 0, port: 6, portBooths: 4, portTeams: 1},          // 23:00 UK: the night shift
		{france: 6*60 + 30, port: 6, portBooths: 4, portTeams: 1},  // 05:30 UK
		{france: 7*60 + 30, port: 16, portBooths: 4, portTeams: 6}, // 06:30 UK: both port shifts
		{france: 8 * 60, port: 16, tunnel: 3, portBooths: 4, portTeams: 6, tunnelBooth: 3},
		{france: 9 * 60, port: 10, tunnel: 3, portBooths: 4, portTeams: 3, tunnelBooth: 3},                 // 08:00 UK: the night shift ends
		{france: 18*60 + 30, port: 10, portBooths: 4, portTeams: 3},                                        // 17:30 UK: the tunnel's shift is over
		{france: 19 * 60, port: 0},                                                                         // 18:00 UK: nobody
		{france: 21*60 + 15, port: 6, portBooths: 4, portTeams: 1},                                         // 20:15 UK
		{france: engine.Day + 8*60 + 45, port: 16, tunnel: 3, portBooths: 4, portTeams: 6, tunnelBooth: 3}, // 07:45 UK the next day
	}
	for _, c := range cases {
		m.K.RunUntil(c.france)
		p, tu := m.sites[ViaPort], m.sites[ViaTunnel]
		got := [6]int{p.onDuty, tu.onDuty, p.uk.Servers(), p.search.Servers(), tu.uk.Servers(), tu.search.Servers()}
		want := [6]int{c.port, c.tunnel, c.portBooths, c.portTeams, c.tunnelBooth, c.tunnelTms}
		if got != want {
			t.Errorf("minute %v: on duty port %d, tunnel %d; booths and teams port %d, %d, tunnel %d, %d; want %v", c.france, got[0], got[1], got[2], got[3], got[4], got[5], want)
		}
	}
}
