package freight

import (
	"math"
	"testing"
	"time"

	"channelsim/engine"
)

// TestSurge: a surge lifts the control intensity, on the day of its
// shock, from the base level then in force to its peak, and takes the
// offset back day by day, exponentially with its half-life or linearly
// over linear_days (neither: no surge at all), to nothing; a lever moved
// meanwhile moves the base and the offset stays on top; the intensity is
// within 0–1. The summary's surge_return is the first day after the shock
// on which the intensity is within 10 % of the prior level.
func TestSurge(t *testing.T) {
	july := func(d int) engine.Date { return engine.Date{Year: 2015, Month: time.July, Day: d} }
	half := 0.125 + 0.5*math.Sqrt2/2 // a day into a half-life of two days
	type lever struct{ at, share float64 }
	cases := []struct {
		name   string
		base   float64
		s      Surge
		levers []lever
		want   map[int]float64 // the intensity at noon of some days of the run
		ret    float64         // surge_return, days
		over   float64         // the day from which no surge event is left
	}{
		{name: "a half-life of two days", base: 0.125, s: Surge{From: july(3), Peak: 0.625, HalfLife: mins(2 * engine.Day)},
			want: map[int]float64{0: 0.125, 1: 0.125, 2: 0.625, 3: half, 4: 0.375, 6: 0.25, 8: 0.1875}, ret: 11, over: 2 + 31},
		{name: "linear over four days", base: 0.125, s: Surge{From: july(3), Peak: 0.625, LinearDays: 4},
			want: map[int]float64{0: 0.125, 1: 0.125, 2: 0.625, 3: 0.5, 4: 0.375, 5: 0.25, 6: 0.125, 7: 0.125}, ret: 4, over: 2 + 4},
		{name: "neither: no surge", base: 0.125, s: Surge{From: july(3), Peak: 0.625},
			want: map[int]float64{0: 0.125, 1: 0.125, 2: 0.125, 3: 0.125}, over: 2},
		{name: "a peak below the base", base: 0.5, s: Surge{From: july(2), Peak: 0.25, LinearDays: 2},
			want: map[int]float64{0: 0.5, 1: 0.25, 2: 0.375, 3: 0.5, 4: 0.5}, ret: 1, over: 1 + 2},
		{name: "a lever moved in a surge moves the base under it", base: 0.125, s: Surge{From: july(3), Peak: 0.625, LinearDays: 4},
			levers: []lever{{3*engine.Day + 30, 0.25}},
			want:   map[int]float64{0: 0.125, 1: 0.125, 2: 0.625, 3: 0.625, 4: 0.5, 5: 0.375, 6: 0.25, 7: 0.25}, ret: 4, over: 2 + 4},
		{name: "no more than 1", base: 0.5, s: Surge{From: july(1), Peak: 1, LinearDays: 2},
			levers: []lever{{6 * 60, 0.75}},
			want:   map[int]float64{0: 1, 1: 1, 2: 0.75}, ret: 2, over: 2},
		{name: "no less than 0", base: 0.25, s: Surge{From: july(1), Peak: 0, LinearDays: 2},
			levers: []lever{{6 * 60, 0.125}},
			want:   map[int]float64{0: 0, 1: 0, 2: 0.125}, ret: 1, over: 2},
		{name: "a shock before the run: at its peak from the start", base: 0.125, s: Surge{From: engine.Date{Year: 2015, Month: time.June, Day: 20}, Peak: 0.625, LinearDays: 4},
			want: map[int]float64{0: 0.625, 1: 0.5, 2: 0.375, 3: 0.25, 4: 0.125}, ret: 4, over: 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := kentModel(0)
			m.cfg.Controls = &Controls{SearchShare: c.base, Surges: []Surge{c.s}}
			m.SetSearchShare(c.base)
			m.scheduleSurges()
			for _, l := range c.levers {
				m.K.At(l.at, PrioControl, engine.HandlerFunc(func(int64) { m.SetSearchShare(l.share) }), 0)
			}
			for d := range 9 {
				want, ok := c.want[d]
				if !ok {
					continue
				}
				m.K.RunUntil(float64(d)*engine.Day + 12*60)
				if got := m.SearchShare(); math.Abs(got-want) > 1e-12 {
					t.Errorf("day %d: intensity %v, want %v", d, got, want)
				}
			}
			m.K.RunUntil(c.over * engine.Day)
			if m.K.Pending() != 0 {
				t.Errorf("surge events left after day %v", c.over)
			}
			if m.SurgeOffset() != 0 {
				t.Errorf("an offset of %v left after the surge", m.SurgeOffset())
			}
			if m.stats.surgeReturn != c.ret {
				t.Errorf("surge_return %v days, want %v", m.stats.surgeReturn, c.ret)
			}
		})
	}
}
