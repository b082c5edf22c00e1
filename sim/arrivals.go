package sim

import (
	"math/rand/v2"
	"time"
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
}

// NewProfile builds the rate profile of a flow of perYear arrivals for a run
// on calendar cal lasting days.
func NewProfile(perYear float64, f *Freight, cal Calendar, days int) *Profile {
	p := &Profile{perMin: perYear / (365 * 24 * 60)}
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
		p.dayFactor[d] = p.weekday[wd] * p.month[date.Month()-time.January]
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
func (p *Profile) Rate(cal *Calendar, t float64) float64 {
	d := cal.Day(t)
	if d >= len(p.dayFactor) {
		d = len(p.dayFactor) - 1
	}
	return p.perMin * p.dayFactor[d] * p.hour[cal.ParisHour(t)]
}

// Next returns the time of the next arrival after t. The rate is constant
// within each local hour, so the process is simulated exactly: an Exp(1)
// amount of cumulative intensity is spent hour by hour.
func (p *Profile) Next(cal *Calendar, t float64, r *rand.Rand) float64 {
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
