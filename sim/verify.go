package sim

import (
	"fmt"
	"math"
	"time"

	"channelsim/agents"
	"channelsim/agents/freight"
	"channelsim/engine"
)

// Check is the result of one verification check.
type Check struct {
	Name          string  `json:"name"`
	Simulated     float64 `json:"simulated"`
	Expected      float64 `json:"expected"`
	RelativeError float64 `json:"relative_error"`
	Tolerance     float64 `json:"tolerance"`
	Pass          bool    `json:"pass"`
}

// VerifyAll runs the verification checks: the queue engine against Erlang C
// over c ∈ {1, 4, 12} and ρ ∈ {0.5, 0.8, 0.9}, and the arrival process
// against the integral of its rate.
func VerifyAll() []Check {
	var out []Check
	for _, c := range []int{1, 4, 12} {
		for _, rho := range []float64{0.5, 0.8, 0.9} {
			svc := 10.0
			perHour := rho * float64(c) * 60 / svc
			want, _ := engine.ErlangCWaitMin(c, perHour, svc)
			got, _ := engine.MMc(c, perHour, svc, 4_000_000, 7)
			rel := math.Abs(got-want) / want
			out = append(out, Check{
				Name:      fmt.Sprintf("M/M/%d mean wait, rho=%.1f (Erlang C)", c, rho),
				Simulated: got, Expected: want, RelativeError: rel, Tolerance: 0.02, Pass: rel <= 0.02,
			})
		}
	}
	out = append(out, verifyArrivals())
	return out
}

// verifyArrivals counts a year of UK-bound arrivals from the 2015 profile
// shape and compares with the integral of the rate; the tolerance is four
// Poisson standard deviations.
func verifyArrivals() Check {
	f := freight.Traffic{
		HourProfile:    []float64{1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1},
		WeekdayProfile: []float64{1, 1, 1, 1, 1, 0.7, 0.5},
		MonthProfile:   []float64{0.9, 1, 1, 1, 1, 1, 1, 0.9, 1, 1, 1.1, 1.1},
	}
	const days = 365
	cal := engine.NewCalendar(engine.Date{Year: 2015, Month: time.January, Day: 1}, days, agents.France)
	p := freight.NewProfile(1_000_000, &f, cal, days)
	r := engine.NewStreams(3).New("arrivals")
	var n float64
	horizon := float64(days) * engine.Day
	for t := p.Next(&cal, 0, r); t < horizon; t = p.Next(&cal, t, r) {
		n++
	}
	var want float64
	for t := 0.0; t < horizon; t += 60 {
		want += p.Rate(&cal, t) * 60
	}
	rel := math.Abs(n-want) / want
	tol := 4 * math.Sqrt(want) / want
	return Check{Name: "arrivals in a year vs integral of the rate (NHPP)", Simulated: n, Expected: want,
		RelativeError: rel, Tolerance: tol, Pass: rel <= tol}
}
