package freight

import (
	"math/rand/v2"
	"time"

	"channelsim/engine"
	"channelsim/scanner"
)

// Profile is the non-homogeneous Poisson arrival rate of a flow: a yearly
// total shaped by hour of day, day of week and month, each factor normalised
// to mean 1 so that the year's expected total is the yearly figure.
type Profile struct {
	perMin  float64 // mean rate, per minute
	hour    [24]float64
	weekday [7]float64 // Monday first
	month   [12]float64
	// dayFactor[d] is weekday×month for day index d of the run.
	dayFactor []float64
	// byHour[h] is the rate over the run's hour h, [60h, 60h+60) minutes:
	// the rate is constant within an hour (the zone's offsets are whole
	// hours), and Rate is called for every arrival and every step of
	// Kent Police's forecast, so it is worked out once per hour.
	byHour []float64
}

// NewProfile builds the rate profile of a flow of perYear arrivals for a run
// on calendar cal lasting days.
func NewProfile(perYear float64, f *Traffic, cal engine.Calendar, days int) *Profile {
	p := &Profile{perMin: perYear / (365 * engine.Day)}
	norm(p.hour[:], f.HourProfile)
	norm(p.weekday[:], f.WeekdayProfile)
	// Months are weighted by their length so that the year's total holds.
	var mdays = [12]float64{31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	var sum, wsum float64
	for i := range p.month {
		v := 1.0
		if len(f.MonthProfile) == 12 {
			v = f.MonthProfile[i]
		}
		p.month[i] = v
		sum += v * mdays[i]
		wsum += mdays[i]
	}
	for i := range p.month {
		if sum > 0 {
			p.month[i] *= wsum / sum
		}
	}
	p.dayFactor = make([]float64, days+2)
	for d := range p.dayFactor {
		date := cal.Date(d)
		wd := (int(date.Weekday()) + 6) % 7 // Monday = 0
		p.dayFactor[d] = p.weekday[wd] * p.month[date.Month()-time.January] * volumeFactor(f.Volumes, cal.DayDate(d))
	}
	p.byHour = make([]float64, 24*len(p.dayFactor))
	for h := range p.byHour {
		p.byHour[h] = p.rate(&cal, float64(60*h))
	}
	return p
}

func norm(dst []float64, src []float64) {
	if len(src) != len(dst) {
		for i := range dst {
			dst[i] = 1
		}
		return
	}
	var s float64
	for _, v := range src {
		s += v
	}
	for i, v := range src {
		if s > 0 {
			dst[i] = v * float64(len(dst)) / s
		}
	}
}

// Rate returns the arrival rate per minute at minute t.
func (p *Profile) Rate(cal *engine.Calendar, t float64) float64 {
	if h := int(t / 60); t >= 0 && h < len(p.byHour) {
		return p.byHour[h]
	}
	return p.rate(cal, t)
}

// rate is Rate worked out from the day's and the local hour's factors.
func (p *Profile) rate(cal *engine.Calendar, t float64) float64 {
	d := cal.Day(t)
	if d >= len(p.dayFactor) {
		d = len(p.dayFactor) - 1
	}
	return p.perMin * p.dayFactor[d] * p.hour[cal.Hour(t)]
}

// Next returns the time of the next arrival after t. The rate is constant
// within each local hour, so the process is simulated exactly: an Exp(1)
// amount of cumulative intensity is spent hour by hour.
func (p *Profile) Next(cal *engine.Calendar, t float64, r *rand.Rand) float64 {
	need := r.ExpFloat64()
	for i := 0; i < 24*400; i++ { // at most 400 days of zero rate
		end := (float64(int(t/60)) + 1) * 60 // next hour boundary
		rate := p.Rate(cal, t)
		if have := rate * (end - t); have >= need && rate > 0 {
			return t + need/rate
		} else {
			need -= have
		}
		t = end
	}
	return t
}

// drawTrailer draws a trailer type from the fleet mix.
func (m *Model) drawTrailer() scanner.Trailer {
	u := m.rLorry.Float64()
	for i, c := range m.trailerCum {
		if u < c {
			return scanner.Trailer(i)
		}
	}
	return scanner.CurtainSider
}

// drawCargo draws a load for a trailer type (EST shares: tankers carry
// liquids, reefers produce, flatbeds metal or general; a tenth of curtain
// and box trailers run empty or near-empty).
func (m *Model) drawCargo(t scanner.Trailer) scanner.CargoKind {
	u := m.rLorry.Float64()
	switch t {
	case scanner.Tanker:
		return scanner.Liquid
	case scanner.Reefer:
		if u < 0.8 {
			return scanner.Produce
		}
		return scanner.General
	case scanner.Flatbed:
		if u < 0.5 {
			return scanner.Metal
		}
		return scanner.General
	}
	switch {
	case u < 0.1:
		return scanner.Empty
	case u < 0.6:
		return scanner.General
	case u < 0.75:
		return scanner.Paper
	case u < 0.85:
		return scanner.Produce
	case u < 0.95:
		return scanner.Liquid
	}
	return scanner.Metal
}

// ukArrivals generates UK-bound lorries arriving on the approach roads.
type ukArrivals struct{ m *Model }

func (a ukArrivals) Handle(int64) {
	m := a.m
	now := m.K.Now()
	i := m.newLorry(Approaching)
	l := &m.lorries[i]
	l.Route = ViaTunnel
	if m.rLorry.Float64() < m.cfg.Traffic.PortShare || m.unbookedToPort(now) {
		l.Route = ViaPort
	}
	l.FromEast = m.rLorry.Float64() < m.cfg.Traffic.EastShare
	l.Vehicle.Trailer = m.drawTrailer()
	l.Vehicle.Cargo = m.drawCargo(l.Vehicle.Trailer)
	l.Vehicle.Sealed = m.rLorry.Float64() < m.cfg.Traffic.SealedShare
	l.Vehicle.Contraband = m.rLorry.Float64() < m.cfg.Controls.ContrabandRate
	parks := m.rLorry.Float64() < m.cfg.Traffic.ParkShare
	stay := m.rLorry.ExpFloat64() * m.cfg.Traffic.ParkStay.Min()
	// A lorry bound for a closed site goes to the other one if it is open.
	if m.sites[l.Route].closed > 0 && m.sites[1-l.Route].closed == 0 {
		l.Route = 1 - l.Route
	}
	if m.divert(l.Route) || m.turnAway(m.sites[l.Route].held.Len(), m.sites[l.Route].cfg.ApproachCapacity) {
		m.removeLorry(i)
		m.K.At(m.ukProfile.Next(m.Cal, now, m.rArrive), PrioLorry, a, 0)
		return
	}
	m.stats.arrived(now)
	if m.drivers != nil {
		m.drivers.hire(l)
	}
	// Some drivers take their break in a lorry park near Calais first
	// (complicit drivers always do: that is where they meet their
	// passengers); of the others, some stopped at a rest area on the way.
	if parks || l.Complicit {
		m.park(i, lorryPark, stay)
	} else if k := m.chooseRest(); k > 0 {
		m.park(i, k, m.restStay(k))
	} else {
		m.sites[l.Route].approach(i)
	}
	m.K.At(m.ukProfile.Next(m.Cal, now, m.rArrive), PrioLorry, a, 0)
}

// leavePark sends a parked lorry on to its site. Before setting off, the
// driver may check the load (the watcher decides what the check finds).
// The drive from a rest area to Calais is not simulated: the lorry joins
// the approach road as it leaves.
type leavePark struct{ m *Model }

func (e leavePark) Handle(arg int64) {
	m, i := e.m, int32(arg)
	m.removeFrom(&m.rest[m.lorries[i].rest].lorries, i)
	if m.watch != nil {
		m.watch.LeavingRest(i)
	}
	m.setState(i, Approaching)
	m.sites[m.lorries[i].Route].approach(i)
}

// frArrivals generates France-bound lorries arriving at Dover or Folkestone.
type frArrivals struct{ m *Model }

func (a frArrivals) Handle(int64) {
	m := a.m
	now := m.K.Now()
	i := m.newLorry(KentQueue)
	l := &m.lorries[i]
	l.Route = ViaTunnel
	if m.rArriveFR.Float64() < m.cfg.Traffic.PortShare || m.unbookedToPort(now) {
		l.Route = ViaPort
	}
	l.Vehicle.Trailer = m.drawTrailer()
	l.GateMin = now
	if m.divert(l.Route) || m.turnAway(m.sites[l.Route].kentLen(), m.sites[l.Route].cfg.KentCapacity) {
		m.removeLorry(i)
		m.K.At(m.frProfile.Next(m.Cal, now, m.rArriveFR), PrioLorry, a, 0)
		return
	}
	s := m.sites[l.Route]
	s.kent.Push(i)
	m.stats.franceArrived++
	m.kentChanged(now)
	m.K.At(m.frProfile.Next(m.Cal, now, m.rArriveFR), PrioLorry, a, 0)
}

// turnAway reports whether a lorry finds the queue it would join (queued
// lorries) at its bound and crosses by another port. A zero bound (a
// model built without a checked scenario) is none.
func (m *Model) turnAway(queued, capacity int) bool {
	if capacity <= 0 || queued < capacity {
		return false
	}
	m.stats.turnedAway++
	return true
}

// volumeFactor is the freight.volumes factor on date (1 before the first
// entry).
func volumeFactor(steps []VolumeStep, date engine.Date) float64 {
	f := 1.0
	for _, v := range steps {
		if !date.Before(v.From) {
			f = v.Factor
		}
	}
	return f
}
