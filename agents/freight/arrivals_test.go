package freight

import (
	"math/rand/v2"
	"testing"
	"time"

	"channelsim/agents"
	"channelsim/engine"
)

// TestRateTableIsTheFormula checks that the hourly table Rate reads gives
// the rate worked out from the day's and the local hour's factors, at the
// starts, middles and last representable instants of hours, over a run
// that spans both changes of the clocks (2015-03-29 and 2015-10-25 in
// Paris) and past its last day.
func TestRateTableIsTheFormula(t *testing.T) {
	f := Traffic{
		HourProfile:    []float64{1, 1, 1, 1, 1, 1, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0.5},
		WeekdayProfile: []float64{1, 1, 1, 1, 1, 0.7, 0.5},
		MonthProfile:   []float64{0.9, 1, 1, 1, 1, 1, 1, 0.9, 1, 1, 1.1, 1.1},
		Volumes:        []VolumeStep{{From: engine.Date{Year: 2015, Month: time.June, Day: 1}, Factor: 1.2}},
	}
	const days = 300
	cal := engine.NewCalendar(engine.Date{Year: 2015, Month: time.March, Day: 1}, days, agents.France)
	p := NewProfile(1_000_000, &f, cal, days)
	r := rand.New(rand.NewPCG(1, 2))
	for h := 0; h < 24*(days+5); h++ {
		start := float64(60 * h)
		for _, x := range []float64{start, start + 30, start + 59.999, start + 60*r.Float64()} {
			if got, want := p.Rate(&cal, x), p.rate(&cal, x); got != want {
				t.Fatalf("Rate(%v) = %v from the table, %v from the factors (%v)", x, got, want, cal.Time(x))
			}
		}
	}
	// After each change of the clocks, 07:00 local time has the factor of
	// hour 7, which differs from its neighbours'.
	for _, d := range []int{28, 29, 30, 237, 238, 239} {
		at := cal.Minutes(time.Date(2015, time.March, 1+d, 7, 30, 0, 0, agents.France))
		if got, want := p.Rate(&cal, at), p.perMin*p.dayFactor[d]*p.hour[7]; got != want {
			t.Errorf("rate at 07:30 local on %v = %v, want hour 7's %v", cal.Time(at), got, want)
		}
	}
}
