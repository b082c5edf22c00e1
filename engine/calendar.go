package engine

import (
	"time"
	_ "time/tzdata" // French and UK zones on cluster nodes without zoneinfo
)

// Calendar converts simulated minutes to calendar time. The run starts at
// 00:00 French local time on its start date; instants are stored as UTC and
// shown in French (Europe/Paris) or UK (Europe/London) local time, which is
// what behaviour keys on (night, shifts). The two zones change to and from
// summer time at the same instant (01:00 UTC, EU rule), so UK time is always
// French time less one hour.
type Calendar struct {
	startUTC time.Time
	// parisOffsetMin[d] is Paris's UTC offset, minutes, at noon of day d.
	parisOffsetMin []int
}

var (
	paris  = mustZone("Europe/Paris")
	london = mustZone("Europe/London")
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("engine: time zone " + name + ": " + err.Error())
	}
	return loc
}

// Paris and London are the French and UK time zones.
func Paris() *time.Location  { return paris }
func London() *time.Location { return london }

// NewCalendar returns the calendar of a run starting on d and lasting days.
func NewCalendar(d Date, days int) Calendar {
	start := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, paris)
	c := Calendar{startUTC: start.UTC(), parisOffsetMin: make([]int, days+2)}
	for i := range c.parisOffsetMin {
		noon := time.Date(d.Year, d.Month, d.Day+i, 12, 0, 0, 0, paris)
		_, off := noon.Zone()
		c.parisOffsetMin[i] = off / 60
	}
	return c
}

// Start returns the run's first instant.
func (c Calendar) Start() time.Time { return c.startUTC }

// Time returns the UTC instant of simulated minute t.
func (c Calendar) Time(t float64) time.Time {
	return c.startUTC.Add(time.Duration(t * float64(time.Minute)))
}

// Minutes returns the simulated minute of instant u.
func (c Calendar) Minutes(u time.Time) float64 {
	return u.Sub(c.startUTC).Minutes()
}

// Day returns the index of the French calendar day of minute t (0 is the
// start date). Days change at French midnight, close enough to the DST
// switch for daily statistics.
func (c Calendar) Day(t float64) int {
	if t < 0 {
		return 0
	}
	return int(t / Day)
}

// Date returns the French calendar date of day index d.
func (c Calendar) Date(d int) time.Time {
	s := c.startUTC.In(paris)
	return time.Date(s.Year(), s.Month(), s.Day()+d, 0, 0, 0, 0, paris)
}

// parisMinuteOfDay returns minutes after French midnight at minute t; it is
// cheap (no time.Time) and is used on every arrival.
func (c Calendar) parisMinuteOfDay(t float64) float64 {
	d := c.Day(t)
	if d >= len(c.parisOffsetMin) {
		d = len(c.parisOffsetMin) - 1
	}
	// The run started at French midnight with offset parisOffsetMin[0]; a
	// later change of offset shifts local clock time.
	m := t + float64(c.parisOffsetMin[d]-c.parisOffsetMin[0])
	m -= Day * float64(int(m/Day))
	if m < 0 {
		m += Day
	}
	return m
}

// ParisHour returns the French local hour (0–23) at minute t.
func (c Calendar) ParisHour(t float64) int { return int(c.parisMinuteOfDay(t) / 60) }

// LondonHour returns the UK local hour (0–23) at minute t.
func (c Calendar) LondonHour(t float64) int { return (c.ParisHour(t) + 23) % 24 }

// IsNight reports whether it is dark enough in Calais at minute t for night
// behaviour: 22:00–06:00 French time (EST; sunset in Calais is 20:00–22:00
// in summer and about 17:00 in November).
func (c Calendar) IsNight(t float64) bool {
	h := c.ParisHour(t)
	return h >= 22 || h < 6
}

// Local returns the simulated minute of French local time minOfDay (minutes
// after midnight) on date d. The minute may fall before the run's start
// (negative) or after its end.
func (c Calendar) Local(d Date, minOfDay int) float64 {
	return c.Minutes(time.Date(d.Year, d.Month, d.Day, 0, minOfDay, 0, 0, paris))
}

// DayDate returns the date of day index i of the run.
func (c Calendar) DayDate(i int) Date {
	t := c.Date(i)
	return Date{t.Year(), t.Month(), t.Day()}
}

// NextLocal returns the first simulated minute after t at which the French
// local clock shows minOfDay. It follows the calendar across the changes
// to and from summer time, where a fixed 24 hours would drift by an hour.
func (c Calendar) NextLocal(t float64, minOfDay int) float64 {
	u := c.Time(t).In(paris)
	for d := 0; d <= 2; d++ {
		next := c.Minutes(time.Date(u.Year(), u.Month(), u.Day()+d, 0, minOfDay, 0, 0, paris))
		if next > t {
			return next
		}
	}
	panic("engine: no local time after t") // unreachable: two days always hold one
}

// FrenchWall reads a zone-less wall-clock time (a scenario's DateTime) as
// French local time.
func FrenchWall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, paris)
}
