package freight

import (
	"fmt"
	"math"

	"channelsim/engine"

	"channelsim/scanner"
)

// method is a search method, by its index in the order of scanner.Names().
type method int

// Search methods.
const (
	mManual method = iota
	mDog
	mCO2
	mHeartbeat
	mPMMW
	mXray
	mGamma
	numMethods
)

var methodNames = [numMethods]string{"manual", "dog", "co2", "heartbeat", "pmmw", "xray", "gamma"}

// methodByName parses a method name from a scenario.
func methodByName(name string) (method, error) {
	for k, n := range methodNames {
		if n == name {
			return method(k), nil
		}
	}
	return 0, fmt.Errorf("unknown search method %q", name)
}

func (k method) ionising() bool { return k == mXray || k == mGamma }

// finder is who found people at a hiding place: a method looking for
// people, or an X-ray or gamma scan for contraband that showed them
// (incidental).
type finder int

const (
	xrayIncidental  = finder(numMethods)
	gammaIncidental = finder(numMethods + 1)
	numFinders      = numMethods + 2
)

var finderNames = [numFinders]string{"manual", "dog", "co2", "heartbeat", "pmmw", "xray", "gamma", "xray_incidental", "gamma_incidental"}

// searchRules are the controls' policy rules, parsed once from the
// scenario so that the per-lorry path compares no strings.
type searchRules struct {
	methods [numMethods]scanner.Method
	// meanMin[k] is method k's mean time per lorry (for the skip rule).
	meanMin [numMethods]float64
	// doseOK[k] is whether method k is allowed to look for people.
	doseOK     [numMethods]bool
	thorough   scanner.Method
	applicable [numMethods][scanner.NumTrailers][scanner.NumCargoKinds]bool
	// sequence is the screening layer's methods, in order.
	sequence   []method
	screenMax  float64 // max_wait, minutes (0: always wait)
	risk       bool    // risk-based selection (else random)
	onAlarm    method  // Border Force's search
	xray       method  // the site's scanner: xray or gamma
	incidental bool    // people seen on a contraband scan are reported
}

// buildSearch makes every search method with the scenario's times and
// attention, and decides, once, which may be used to look for people:
// non-ionising methods always; X-ray and gamma only when xray_for_people is
// on and their dose to a hidden person (the largest over hiding places, for
// a person in a general load) is within dose_cap_usv.
func (m *Model) buildSearch() error {
	c := m.cfg.Controls
	r := &m.search
	for k := range numMethods {
		meth, err := newMethod(k, &c.Methods)
		if err != nil {
			return fmt.Errorf("controls: %w", err)
		}
		// Tabulated: what a method's physics takes from its configuration
		// is computed once, not for every lorry (same results).
		meth = scanner.Tabulate(meth)
		r.methods[k] = meth
		r.doseOK[k] = true
		if k.ionising() {
			r.doseOK[k] = c.XrayForPeople && (c.DoseCapUSv == 0 || maxDoseUSv(meth) <= c.DoseCapUSv)
		}
		if a, ok := meth.(scanner.Analyzer); ok {
			v := scanner.Vehicle{Trailer: scanner.Box, Cargo: scanner.General}
			r.meanMin[k] = a.Analyze(&v, scanner.Conditions{}).MeanDurationMin
		}
	}
	// An alarm makes the follow-up search thorough (EST: half as long again).
	r.thorough = scanner.Manual{Thoroughness: 1.5}
	// Whether each method can search each kind of vehicle, decided once:
	// the hot path must not build the errors that say why not.
	for k, meth := range r.methods {
		for t := scanner.Trailer(0); t < scanner.NumTrailers; t++ {
			for g := scanner.CargoKind(0); g < scanner.NumCargoKinds; g++ {
				v := scanner.Vehicle{Trailer: t, Cargo: g}
				r.applicable[k][t][g] = meth.Applicable(&v) == nil
			}
		}
	}
	for _, name := range m.cfg.Screening.Sequence {
		k, err := methodByName(name)
		if err != nil || k == mManual || k.ionising() {
			return fmt.Errorf("screening.sequence: %q is not a screening method (pmmw, heartbeat, dog, co2)", name)
		}
		r.sequence = append(r.sequence, k)
	}
	r.screenMax = m.cfg.Screening.MaxWait.Min()
	var err error
	if r.onAlarm, err = methodByName(c.OnAlarm); err != nil {
		return fmt.Errorf("controls.on_alarm: %w", err)
	}
	if r.xray, err = methodByName(c.XraySource); err != nil || !r.xray.ionising() {
		return fmt.Errorf("controls.xray_source: %q is not an X-ray or gamma scanner", c.XraySource)
	}
	r.risk = c.Selection == "risk"
	r.incidental = c.Incidental == "report"
	m.surge.base = c.SearchShare
	m.screenShare = m.cfg.Screening.Share
	m.scheduleSurges()
	return nil
}

// newMethod makes method k with the scenario's times and attention; zero
// values keep the scanner package's defaults.
func newMethod(k method, p *Methods) (scanner.Method, error) {
	switch k {
	case mPMMW:
		return scanner.PMMW{Minutes: p.PMMWMin, Attention: p.PMMWAttention}, nil
	case mHeartbeat:
		return scanner.Heartbeat{}.WithCycleMin(p.HeartbeatMin), nil
	case mDog:
		return scanner.Dog{SweepMin: p.DogMin}, nil
	case mCO2:
		return scanner.CO2{DwellMin: p.CO2DwellMin}, nil
	case mXray, mGamma:
		x := scanner.XRay{Source: scanner.Linac6MeV, Attention: p.XrayAttention}
		if k == mGamma {
			x.Source = scanner.Cobalt60
		}
		return x.WithHandlingMin(p.XrayHandlingMin), nil
	}
	return scanner.New(methodNames[k])
}

// maxDoseUSv is the largest dose a method gives a person hidden anywhere in
// a curtain-sider with a general load.
func maxDoseUSv(meth scanner.Method) float64 {
	a, ok := meth.(scanner.Analyzer)
	if !ok {
		return 0
	}
	v := scanner.Vehicle{Trailer: scanner.CurtainSider, Cargo: scanner.General}
	for p := range v.People {
		v.People[p] = 1
	}
	an := a.Analyze(&v, scanner.Conditions{})
	d := 0.0
	for _, x := range an.DoseUSv {
		d = math.Max(d, x)
	}
	return d
}

// screenUnits returns the screening layer's units of method k at a site.
func (m *Model) screenUnits(k method) int {
	e := &m.cfg.Screening.Equipment
	switch k {
	case mDog:
		return e.Dogs
	case mCO2:
		return e.CO2
	case mHeartbeat:
		return e.Heartbeat
	case mPMMW:
		return e.PMMW
	}
	return 0
}

// searchOutcome is what the controls found on one lorry and the dose its
// hidden people received, built up by each step of the screening and the
// search and applied in one place (finish).
type searchOutcome struct {
	found [scanner.NumPlaces]bool
	by    [scanner.NumPlaces]finder // who found each place
	dose  [scanner.NumPlaces]float64
}

// add merges a method's outcome: places it found (credited to f unless
// already found), its dose.
func (o *searchOutcome) add(r *scanner.Outcome, f finder) {
	for p := range o.found {
		o.dose[p] += r.DoseUSv[p]
		if r.Found[p] && !o.found[p] {
			o.found[p], o.by[p] = true, f
		}
	}
}

// outcome returns lorry i's outcome record.
func (m *Model) outcome(i int32) *searchOutcome {
	for int(i) >= len(m.outcomes) {
		m.outcomes = append(m.outcomes, searchOutcome{})
	}
	return &m.outcomes[i]
}

// conditions draws the weather at a search area for one step.
func (m *Model) conditions() scanner.Conditions {
	c := m.cfg.Controls
	return scanner.Conditions{WindMS: c.WindMS * (0.5 + m.rSearch.Float64()), Shed: c.Shed, TempC: 15}
}

// afterBooth takes a lorry that has passed the UK document check into the
// controls: the screening layer takes the screening share of lorries;
// the others go straight to Border Force's selection.
func (s *site) afterBooth(i int32) {
	m := s.m
	l := &m.lorries[i]
	m.stats.passedUK++
	l.step, l.alarm, l.forPeople, l.contra, l.scanned, l.cleared = 0, false, false, false, false, false
	*m.outcome(i) = searchOutcome{}
	if m.rSelect.Float64() < m.screenShare {
		m.stats.screened++
		s.nextScreen(i)
		return
	}
	s.toBorderForce(i)
}

// tooLong is the screening and scanning skip rule: a lorry skips a method
// when all its units are busy and the queue ahead, at the method's mean
// time, would keep it longer than max_wait.
func (s *site) tooLong(q *engine.Queue, meanMin float64) bool {
	max := s.m.search.screenMax
	if max <= 0 || q.Busy() < q.Servers() {
		return false
	}
	return float64(q.Waiting()+1)*meanMin/float64(q.Servers()) > max
}

// nextScreen sends lorry i to its next screening method that can work on
// it and has a unit within max_wait, or on to Border Force when none is
// left.
func (s *site) nextScreen(i int32) {
	m := s.m
	r := &m.search
	l := &m.lorries[i]
	for int(l.step) < len(r.sequence) {
		k := r.sequence[l.step]
		l.step++
		q := s.screen[k]
		if !r.applicable[k][l.Vehicle.Trailer][l.Vehicle.Cargo] || q.Servers() == 0 {
			continue
		}
		if s.tooLong(q, r.meanMin[k]) {
			m.stats.skipped++
			continue
		}
		m.setState(i, AtScreening)
		q.Arrive(int64(i))
		return
	}
	s.toBorderForce(i)
}

// screenServer screens a lorry with method k when a unit takes it, and
// returns how long the unit is busy.
type screenServer struct {
	s *site
	k method
}

func (ss screenServer) ServiceMin(arg int64) float64 {
	m := ss.s.m
	i := int32(arg)
	l := &m.lorries[i]
	l.Searched = true
	o := m.search.methods[ss.k].Search(&l.Vehicle, m.conditions(), m.rSearch)
	m.stats.searchBy[ss.k]++
	if o.FalseAlarm {
		m.stats.falseAlarms++
	}
	m.outcome(i).add(&o, finder(ss.k))
	l.alarm = o.Alarm || o.Inconclusive
	return o.DurationMin
}

// screenDone: a lorry leaves a screening unit; an alarm refers it to
// Border Force, otherwise it goes on to the next method.
type screenDone struct{ s *site }

func (e screenDone) Handle(arg int64) {
	s, i := e.s, int32(arg)
	if s.m.lorries[i].alarm {
		s.m.stats.referrals++
		s.toBorderForce(i)
	} else {
		s.nextScreen(i)
	}
	s.m.stats.queueLevel(s.m.K.Now(), s.m)
}

// toBorderForce is Border Force's selection: every lorry the screening
// referred is searched for people; the others are selected at the control
// intensity, lowered linearly as the search queue fills to busy_queue (the
// 'lottery when busy'). Under risk targeting, lorries whose tampering is
// noticed or that intelligence flags are always selected, and the rest at
// the intensity. Customs select lorries for a contraband scan apart.
func (s *site) toBorderForce(i int32) {
	m := s.m
	c := m.cfg.Controls
	l := &m.lorries[i]
	busy := max(0, 1-float64(s.search.Waiting())/float64(c.BusyQueue))
	l.contra = m.rSelect.Float64() < c.ContrabandShare*busy
	l.forPeople = l.alarm
	if !l.forPeople && m.search.risk && busy > 0 {
		if l.Vehicle.People[scanner.InTrailer] > 0 && l.Vehicle.Trailer == scanner.CurtainSider {
			l.forPeople = m.rSelect.Float64() < c.TamperSeen
		}
		if !l.forPeople && l.Vehicle.Hidden() > 0 {
			l.forPeople = m.rSelect.Float64() < c.IntelligenceHit
		}
	}
	if !l.forPeople {
		l.forPeople = m.rSelect.Float64() < m.SearchShare()*busy
	}
	if l.forPeople {
		m.stats.lorrySearched()
	}
	s.toScanner(i)
}

// toScanner sends lorry i to the site's scanner when it is to be scanned
// (for contraband, or for people where X-ray for people is allowed) and a
// scanner is free within max_wait; otherwise on to the team's search.
func (s *site) toScanner(i int32) {
	m := s.m
	r := &m.search
	l := &m.lorries[i]
	xk := r.xray
	forPeople := l.forPeople && r.doseOK[xk] && r.applicable[xk][l.Vehicle.Trailer][l.Vehicle.Cargo]
	if (l.contra || forPeople) && s.scan.Servers() > 0 {
		if !s.tooLong(s.scan, r.meanMin[xk]) {
			m.setState(i, SearchQueue)
			s.scan.Arrive(int64(i))
			return
		}
		m.stats.skipped++
	}
	s.toTeam(i)
}

// scanServer runs the whole X-ray or gamma process on a lorry: a scan for
// contraband, and for people where allowed.
type scanServer struct{ s *site }

func (ss scanServer) ServiceMin(arg int64) float64 {
	m := ss.s.m
	r := &m.search
	i := int32(arg)
	l := &m.lorries[i]
	xk := r.xray
	m.setState(i, Searching)
	l.Searched, l.scanned = true, true
	o := r.methods[xk].Search(&l.Vehicle, m.conditions(), m.rXray)
	m.stats.xray(o)
	if o.ContrabandFound {
		m.stats.contraband++
	}
	out := m.outcome(i)
	if l.forPeople && r.doseOK[xk] {
		m.stats.searchBy[xk]++
		if o.FalseAlarm {
			m.stats.falseAlarms++
		}
		out.add(&o, finder(xk))
		if o.Alarm || o.Inconclusive {
			l.alarm = true
		} else {
			l.cleared = true // the scan was the search for people
		}
	} else if r.incidental {
		f := xrayIncidental
		if xk == mGamma {
			f = gammaIncidental
		}
		out.add(&o, f)
	} else {
		out.add(&scanner.Outcome{DoseUSv: o.DoseUSv}, 0)
	}
	return o.DurationMin
}

// scanDone: a lorry leaves the scanner for the team's search or the lanes.
type scanDone struct{ s *site }

func (e scanDone) Handle(arg int64) {
	e.s.toTeam(int32(arg))
	e.s.m.stats.queueLevel(e.s.m.K.Now(), e.s.m)
}

// toTeam sends a lorry selected for people, and not cleared by a scan for
// people, to a Border Force search team; the others finish the controls.
func (s *site) toTeam(i int32) {
	l := &s.m.lorries[i]
	if l.forPeople && !l.cleared {
		s.m.setState(i, SearchQueue)
		s.search.Arrive(int64(i))
		return
	}
	s.finish(i)
}

// searchServer is a Border Force team's search: by hand (thoroughly after
// an alarm) or with a dog.
type searchServer struct{ s *site }

func (ss searchServer) ServiceMin(arg int64) float64 {
	m := ss.s.m
	r := &m.search
	i := int32(arg)
	l := &m.lorries[i]
	m.setState(i, Searching)
	l.Searched = true
	meth := r.methods[r.onAlarm]
	if l.alarm && r.onAlarm == mManual {
		meth = r.thorough
	}
	o := meth.Search(&l.Vehicle, m.conditions(), m.rSearch)
	m.stats.searchBy[r.onAlarm]++
	m.outcome(i).add(&scanner.Outcome{Found: o.Found}, finder(r.onAlarm))
	return o.DurationMin
}

// finish records the controls' outcome on lorry i — detections credited to
// who found each place, the dose to people hidden, the people found handed
// to whoever follows them (or taken off the lorry when nobody does) — and
// sends it to the lanes.
func (s *site) finish(i int32) {
	m := s.m
	l := &m.lorries[i]
	if l.Searched {
		out := m.outcome(i)
		for p, k := range l.Vehicle.People {
			if out.found[p] && k > 0 {
				m.stats.detected(out.by[p], k)
			}
		}
		for p, k := range l.Vehicle.People {
			if k > 0 {
				m.stats.doseTotal += out.dose[p] * float64(k)
			}
		}
		// One outcome reused for every lorry: handing a fresh one to the
		// watcher through the interface would allocate per search.
		o := &m.searched
		*o = scanner.Outcome{Found: out.found, DoseUSv: out.dose}
		if m.watch != nil {
			m.watch.Searched(i, o)
		} else {
			for p := range l.Vehicle.People {
				if out.found[p] {
					l.Vehicle.People[p] = 0
				}
			}
		}
	}
	s.toLanes(i)
}

// XrayForPeople reports whether the site's scanner may look for people now.
func (m *Model) XrayForPeople() bool { return m.search.doseOK[m.search.xray] }

// SetXrayForPeople lifts or restores the ban on X-ray for people from now
// on, subject to the scenario's dose cap: every lorry Border Force searches
// for people is then scanned first when a scanner is free.
func (m *Model) SetXrayForPeople(on bool) {
	r := &m.search
	k := r.xray
	cap := m.cfg.Controls.DoseCapUSv
	r.doseOK[k] = on && (cap == 0 || maxDoseUSv(r.methods[k]) <= cap)

}

// ScreeningShare returns the screening layer's intensity: the share of
// UK-bound lorries it takes.
func (m *Model) ScreeningShare() float64 { return m.screenShare }

// SetScreeningShare sets the screening layer's intensity from now on.
func (m *Model) SetScreeningShare(x float64) { m.screenShare = x }
