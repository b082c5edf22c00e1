package freight

import (
	"fmt"
	"math"
	"slices"

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
	// doseOK[k] is whether method k is allowed to look for people.
	doseOK     [numMethods]bool
	thorough   scanner.Method
	applicable [numMethods][scanner.NumTrailers][scanner.NumCargoKinds]bool
	// screening is the sequence of methods for people.
	screening  []method
	risk       bool   // risk-based selection (else random)
	onAlarm    method // the follow-up after an alarm
	xray       method // the site's scanner: xray or gamma
	incidental bool   // people seen on a contraband scan are reported
}

// buildSearch makes every search method and decides, once, which may be
// used to look for people: non-ionising methods always; X-ray and gamma
// only when xray_for_people is on and their dose to a hidden person (the
// largest over hiding places, for a person in a general load) is within
// dose_cap_usv.
func (m *Model) buildSearch() error {
	c := m.cfg.Controls
	r := &m.search
	for k := range numMethods {
		meth, err := scanner.New(methodNames[k])
		if err != nil {
			return fmt.Errorf("controls: %w", err)
		}
		r.methods[k] = meth
		r.doseOK[k] = true
		if k.ionising() {
			r.doseOK[k] = c.XrayForPeople && (c.DoseCapUSv == 0 || maxDoseUSv(meth) <= c.DoseCapUSv)
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
	for _, name := range c.Screening {
		k, err := methodByName(name)
		if err != nil {
			return fmt.Errorf("controls.screening: %w", err)
		}
		r.screening = append(r.screening, k)
	}
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
	m.scheduleSurges()
	return nil
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

// units returns how many units of method k's equipment a site has
// (manual search needs only officers).
func (m *Model) units(k method) int {
	e := &m.cfg.Controls.Equipment
	switch k {
	case mDog:
		return e.Dogs
	case mCO2:
		return e.CO2
	case mHeartbeat:
		return e.Heartbeat
	case mPMMW:
		return e.PMMW
	case mXray, mGamma:
		return e.Xray
	}
	return math.MaxInt
}

// selectForSearch draws whether the lorry just checked at the booth is
// searched, for people or (independently) for contraband. Intensity falls
// linearly to nothing as the search queue fills to busy_queue (the
// 'lottery when busy'). Under risk targeting, lorries whose tampering is
// noticed or that intelligence flags are always selected, and the rest are
// selected at the rate that keeps the overall share at the intensity.
func (s *site) selectForSearch(i int32) bool {
	m := s.m
	c := m.cfg.Controls
	l := &m.lorries[i]
	busy := math.Max(0, 1-float64(s.search.Waiting())/float64(c.BusyQueue))
	l.contra = m.rSelect.Float64() < c.ContrabandShare*busy
	p := m.SearchShare() * busy
	if m.search.risk {
		flagged := false
		if l.Vehicle.People[scanner.InTrailer] > 0 && l.Vehicle.Trailer == scanner.CurtainSider {
			flagged = m.rSelect.Float64() < c.TamperSeen
		}
		if !flagged && l.Vehicle.Hidden() > 0 {
			flagged = m.rSelect.Float64() < c.IntelligenceHit
		}
		if flagged && busy > 0 {
			return true
		}
	}
	return m.rSelect.Float64() < p || l.contra
}

// searchOutcome is what a search of one lorry found and cost, built up by
// the search's steps and applied in one place (apply).
type searchOutcome struct {
	found [scanner.NumPlaces]bool
	by    [scanner.NumPlaces]finder // who found each place
	dose  [scanner.NumPlaces]float64
	// teamMin is the search team's time; scannerMin the time the lorry
	// spends at the scanner afterwards, whose own crew (operator, image
	// analyst) runs the whole X-ray process including its follow-up.
	teamMin, scannerMin float64
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

// searchServer runs the search of a lorry when a team takes it and
// returns how long the team is busy.
type searchServer struct{ s *site }

func (ss searchServer) ServiceMin(arg int64) float64 {
	s, m := ss.s, ss.s.m
	i := int32(arg)
	l := &m.lorries[i]
	c := m.cfg.Controls
	m.setState(i, Searching)
	l.Searched = true
	cond := scanner.Conditions{WindMS: c.WindMS * (0.5 + m.rSearch.Float64()), Shed: c.Shed, TempC: 15}
	forPeople := !l.contra || m.rSelect.Float64() < m.SearchShare()
	var out searchOutcome
	used := false
	if l.contra {
		used = s.contrabandScan(i, cond, &out)
	}
	if forPeople {
		m.stats.lorrySearched()
		alarm, screened := s.screen(i, cond, &out)
		if alarm || !(used || screened) {
			s.followUp(i, cond, alarm, &out)
		}
	}
	s.apply(i, &out)
	return out.teamMin
}

// contrabandScan is a customs X-ray scan for contraband, whatever the
// policy on people; it reports whether the scanner was free. What the scan
// shows of people counts only if officers report it.
func (s *site) contrabandScan(i int32, cond scanner.Conditions, out *searchOutcome) bool {
	m := s.m
	r := &m.search
	xk := r.xray
	if !s.take(xk, i) {
		return false
	}
	l := &m.lorries[i]
	o := r.methods[xk].Search(&l.Vehicle, cond, m.rXray)
	m.stats.xray(o)
	out.scannerMin += o.DurationMin
	if o.ContrabandFound {
		m.stats.contraband++
	}
	if r.incidental {
		f := xrayIncidental
		if xk == mGamma {
			f = gammaIncidental
		}
		out.add(&o, f)
	} else {
		out.add(&scanner.Outcome{DoseUSv: o.DoseUSv}, 0)
	}
	return true
}

// screen applies the screening sequence for people, skipping methods that
// are not allowed, cannot work on this vehicle or whose equipment is busy,
// until one alarms (or a scan is inconclusive). It reports whether a
// follow-up search is needed and whether any method was used.
func (s *site) screen(i int32, cond scanner.Conditions, out *searchOutcome) (alarm, used bool) {
	m := s.m
	r := &m.search
	l := &m.lorries[i]
	for _, k := range r.screening {
		if !r.doseOK[k] || !r.applicable[k][l.Vehicle.Trailer][l.Vehicle.Cargo] || !s.take(k, i) {
			continue
		}
		rs := m.rSearch
		if k.ionising() {
			rs = m.rXray // its own stream: lifting the ban leaves other draws alone
		}
		o := r.methods[k].Search(&l.Vehicle, cond, rs)
		m.stats.searchBy[k]++
		out.add(&o, finder(k))
		used = true
		if o.FalseAlarm {
			m.stats.falseAlarms++
		}
		if k.ionising() {
			m.stats.xray(o)
			out.scannerMin += o.DurationMin
			if o.Alarm || o.Inconclusive {
				return o.Inconclusive, true
			}
			continue
		}
		out.teamMin += o.DurationMin
		if o.Alarm || o.Inconclusive {
			return true, true
		}
	}
	return false, used
}

// followUp is the search after an alarm, or the only search when no
// screening method could be used: by hand (thoroughly after an alarm) or
// with a dog.
func (s *site) followUp(i int32, cond scanner.Conditions, alarm bool, out *searchOutcome) {
	m := s.m
	r := &m.search
	meth := r.methods[r.onAlarm]
	if alarm && r.onAlarm == mManual {
		meth = r.thorough
	}
	o := meth.Search(&m.lorries[i].Vehicle, cond, m.rSearch)
	m.stats.searchBy[r.onAlarm]++
	out.teamMin += o.DurationMin
	out.add(&scanner.Outcome{Found: o.Found}, finder(r.onAlarm))
}

// apply records a search's outcome: detections credited to who found
// each place, the dose to people hidden, the time the lorry will spend at
// the scanner, and the people found, handed to whoever follows them (or
// taken off the lorry when nobody does).
func (s *site) apply(i int32, out *searchOutcome) {
	m := s.m
	l := &m.lorries[i]
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
	l.scanMin = out.scannerMin
	o := scanner.Outcome{Found: out.found, DoseUSv: out.dose}
	if m.watch != nil {
		m.watch.Searched(i, &o)
		return
	}
	for p := range l.Vehicle.People {
		if out.found[p] {
			l.Vehicle.People[p] = 0
		}
	}
}

// take claims a unit of method k's equipment for lorry i, if one is free.
func (s *site) take(k method, i int32) bool {
	if k == mManual {
		return true
	}
	l := &s.m.lorries[i]
	if l.equip&(1<<k) != 0 {
		return true
	}
	if s.inUse[k] >= s.m.units(k) {
		return false
	}
	s.inUse[k]++
	l.equip |= 1 << k
	return true
}

// scannerBits are the equipment bits of the X-ray and gamma scanners.
const scannerBits = 1<<mXray | 1<<mGamma

// releaseEquipment frees the equipment lorry i held while searched, except
// the units in keep.
func (s *site) releaseEquipment(i int32, keep uint8) {
	l := &s.m.lorries[i]
	for k := range numMethods {
		if l.equip&(1<<k) != 0 && keep&(1<<k) == 0 {
			s.inUse[k]--
			l.equip &^= 1 << k
		}
	}
}

// XrayForPeople reports whether the site's scanner may look for people now.
func (m *Model) XrayForPeople() bool { return m.search.doseOK[m.search.xray] }

// SetXrayForPeople lifts or restores the ban on X-ray for people from now
// on. Lifting it puts the site's scanner first in the screening sequence,
// subject to the scenario's dose cap.
func (m *Model) SetXrayForPeople(on bool) {
	r := &m.search
	k := r.xray
	cap := m.cfg.Controls.DoseCapUSv
	r.doseOK[k] = on && (cap == 0 || maxDoseUSv(r.methods[k]) <= cap)
	if r.doseOK[k] && !slices.Contains(r.screening, k) {
		r.screening = append([]method{k}, r.screening...)
	}
}
