package sim

import (
	"fmt"
	"math"

	"channelsim/scanner"
)

// Method indices: the order of scanner.Names().
const (
	mManual = iota
	mDog
	mCO2
	mHeartbeat
	mPMMW
	mXray
	mGamma
	numMethods
)

var methodIndex = map[string]int{"manual": mManual, "dog": mDog, "co2": mCO2, "heartbeat": mHeartbeat, "pmmw": mPMMW, "xray": mXray, "gamma": mGamma}

// buildMethods makes every search method and decides, once, which may be
// used to look for people: non-ionising methods always; X-ray and gamma
// only when xray_for_people is on and their dose to a hidden person (the
// largest over hiding places, for a person in a general load) is within
// dose_cap_usv.
func (m *Model) buildMethods() error {
	c := &m.Cfg.Controls
	for name, k := range methodIndex {
		meth, err := scanner.New(name)
		if err != nil {
			return fmt.Errorf("controls: %w", err)
		}
		m.methods[k] = meth
		m.doseOK[k] = true
		if k == mXray || k == mGamma {
			m.doseOK[k] = c.XrayForPeople && (c.DoseCapUSv == 0 || maxDoseUSv(meth) <= c.DoseCapUSv)
		}
	}
	// An alarm makes the follow-up search thorough (EST: half as long again).
	m.thorough = scanner.Manual{Thoroughness: 1.5}
	// Whether each method can search each kind of vehicle, decided once:
	// the hot path must not build the errors that say why not.
	for k, meth := range m.methods {
		for t := scanner.Trailer(0); t < scanner.NumTrailers; t++ {
			for g := scanner.CargoKind(0); g < scanner.NumCargoKinds; g++ {
				v := scanner.Vehicle{Trailer: t, Cargo: g}
				m.applicable[k][t][g] = meth.Applicable(&v) == nil
			}
		}
	}
	m.searchShare = c.SearchShare
	for _, name := range c.Screening {
		m.screening = append(m.screening, methodIndex[name])
	}
	for _, s := range c.Surges {
		m.K.At(math.Max(0, m.localMinutes(s.From, 0)), prioControl, surgeStep{m, s, 0}, 0)
	}
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
func (m *Model) units(k int) int {
	e := &m.Cfg.Controls.Equipment
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
	c := &m.Cfg.Controls
	l := &m.lorries[i]
	busy := math.Max(0, 1-float64(s.search.Waiting())/float64(c.BusyQueue))
	l.contra = m.rSelect.Float64() < c.ContrabandShare*busy
	p := m.searchShare * busy
	if c.Selection == "risk" {
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

// searchServer searches a lorry when a team takes it and returns how long
// the search takes.
type searchServer struct{ s *site }

func (ss searchServer) ServiceMin(arg int64) float64 {
	s, m := ss.s, ss.s.m
	i := int32(arg)
	l := &m.lorries[i]
	c := &m.Cfg.Controls
	m.setState(i, Searching)
	l.Searched = true
	now := m.K.Now()
	cond := scanner.Conditions{WindMS: c.WindMS * (0.5 + m.rSearch.Float64()), Shed: c.Shed, TempC: 15}
	// total is the search team's time; extra the time the lorry spends at
	// the scanner afterwards, whose own crew (operator, image analyst) runs
	// the whole X-ray process including its follow-up (scanner.XRay).
	var total, extra float64
	var found [scanner.NumPlaces]bool
	var by [scanner.NumPlaces]string // the method that found each place
	var dose [scanner.NumPlaces]float64
	forPeople := !l.contra || m.rSelect.Float64() < m.searchShare
	followUp := false
	used := false

	// A contraband scan uses the X-ray scanner whatever the people policy.
	xk := methodIndex[c.XraySource]
	if l.contra && s.take(xk, i) {
		o := m.methods[xk].Search(&l.Vehicle, cond, m.rXray)
		m.stats.xray(o, xk)
		extra += o.DurationMin
		addDose(&dose, &o)
		if o.ContrabandFound {
			m.stats.contraband++
		}
		if c.Incidental == "report" {
			orFound(&found, &by, &o, c.XraySource+"_incidental")
		}
		used = true
	}
	if forPeople {
		m.stats.lorrySearched()
		for _, k := range m.screening {
			name := m.methods[k].Name()
			if !m.doseOK[k] || !m.applicable[k][l.Vehicle.Trailer][l.Vehicle.Cargo] || !s.take(k, i) {
				continue
			}
			r := m.rSearch
			if k == mXray || k == mGamma {
				r = m.rXray // its own stream: lifting the ban leaves other draws alone
			}
			o := m.methods[k].Search(&l.Vehicle, cond, r)
			m.stats.search(now, name, s.route)
			addDose(&dose, &o)
			orFound(&found, &by, &o, name)
			used = true
			if o.FalseAlarm {
				m.stats.falseAlarms++
			}
			if k == mXray || k == mGamma {
				m.stats.xray(o, k)
				extra += o.DurationMin
				if o.Inconclusive {
					followUp = true
				}
				if o.Alarm || o.Inconclusive {
					break
				}
				continue
			}
			total += o.DurationMin
			if o.Alarm || o.Inconclusive {
				followUp = true
				break
			}
		}
		if followUp || !used {
			meth := m.methods[methodIndex[c.OnAlarm]]
			if followUp && c.OnAlarm == "manual" {
				meth = m.thorough
			}
			o := meth.Search(&l.Vehicle, cond, m.rSearch)
			m.stats.search(now, c.OnAlarm, s.route)
			total += o.DurationMin
			orFound(&found, &by, &o, c.OnAlarm)
		}
	}
	// Detections: people at places found, credited to the method that
	// found them.
	for p, k := range l.Vehicle.People {
		if found[p] && k > 0 {
			m.stats.detected(now, by[p], k)
		}
	}
	if d := dose; true {
		for p, k := range l.Vehicle.People {
			if k > 0 {
				m.stats.doseTotal += d[p] * float64(k)
			}
		}
	}
	l.scanMin = extra
	out := scanner.Outcome{Found: found, DoseUSv: dose}
	if m.camp != nil {
		m.camp.onSearch(i, &out)
	} else {
		for p := range l.Vehicle.People {
			if found[p] {
				l.Vehicle.People[p] = 0
			}
		}
	}
	return total
}

func addDose(d *[scanner.NumPlaces]float64, o *scanner.Outcome) {
	for p := range d {
		d[p] += o.DoseUSv[p]
	}
}

func orFound(f *[scanner.NumPlaces]bool, by *[scanner.NumPlaces]string, o *scanner.Outcome, name string) {
	for p := range f {
		if o.Found[p] && !f[p] {
			f[p], by[p] = true, name
		}
	}
}

// take claims a unit of method k's equipment for lorry i, if one is free.
func (s *site) take(k int, i int32) bool {
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
	for k := 0; k < numMethods; k++ {
		if l.equip&(1<<k) != 0 && keep&(1<<k) == 0 {
			s.inUse[k]--
			l.equip &^= 1 << k
		}
	}
}

// surgeStep moves the control intensity during a surge: a jump to the peak
// on the day of the shock, then a daily step back towards the prior level.
type surgeStep struct {
	m     *Model
	s     Surge
	prior float64
}

func (e surgeStep) Handle(day int64) {
	m := e.m
	if day == 0 {
		e.prior = m.searchShare
	}
	d := float64(day)
	var level float64
	switch {
	case e.s.HalfLife.Duration > 0:
		level = e.prior + (e.s.Peak-e.prior)*math.Exp2(-d*24*60/e.s.HalfLife.Min())
	case e.s.LinearDays > 0:
		level = e.prior + (e.s.Peak-e.prior)*math.Max(0, 1-d/e.s.LinearDays)
	default:
		level = e.s.Peak
	}
	m.searchShare = level
	if day > 0 && level <= 1.1*e.prior && m.stats.surgeReturn == 0 {
		m.stats.surgeReturn = d
	}
	if math.Abs(level-e.prior) > 1e-4*math.Max(e.prior, 1e-9) && (e.s.HalfLife.Duration > 0 || d < e.s.LinearDays) {
		m.K.After(24*60, prioControl, e, day+1)
	} else {
		m.searchShare = e.prior
	}
}

// SearchShare returns the control intensity now.
func (m *Model) SearchShare() float64 { return m.searchShare }
