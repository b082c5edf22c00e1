package engine

import (
	"time"
)

// Calendar converts simulated minutes to calendar time in a local time
// zone. The run starts at local midnight on its start date; instants are
// stored as UTC and shown in the zone's local time, which is what
// behaviour keys on (night, shifts). Which zone, and what its hours mean
// (night, a shift), is the model's business (package agents).
type Calendar struct {
	startUTC time.Time
	loc      *time.Location
	// offsetMin[d] is the zone's UTC offset, minutes, at noon of day d.
	offsetMin []int
}

// NewCalendar returns the calendar of a run in the zone loc, starting at
// local midnight on d and lasting days.
func NewCalendar(d Date, days int, loc *time.Location) Calendar {
	start := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	c := Calendar{startUTC: start.UTC(), loc: loc, offsetMin: make([]int, days+2)}
	for i := range c.offsetMin {
		noon := time.Date(d.Year, d.Month, d.Day+i, 12, 0, 0, 0, loc)
		_, off := noon.Zone()
		c.offsetMin[i] = off / 60
	}
	return c
}

// Location returns the calendar's local time zone.
func (c Calendar) Location() *time.Location { return c.loc }

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

// Day returns the index of the local calendar day of minute t (0 is the
// start date). Days change at local midnight, close enough to the DST
// switch for daily statistics.
func (c Calendar) Day(t float64) int {
	if t < 0 {
		return 0
	}
	return int(t / Day)
}

// Date returns the local calendar date of day index d.
func (c Calendar) Date(d int) time.Time {
	s := c.startUTC.In(c.loc)
	return time.Date(s.Year(), s.Month(), s.Day()+d, 0, 0, 0, 0, c.loc)
}

// minuteOfDay returns minutes after local midnight at minute t; it is
// cheap (no time.Time) and is used on every arrival.
func (c Calendar) minuteOfDay(t float64) float64 {
	d := c.Day(t)
	if d >= len(c.offsetMin) {
		d = len(c.offsetMin) - 1
	}
	// The run started at local midnight with offset offsetMin[0]; a
	// later change of offset shifts local clock time.
	m := t + float64(c.offsetMin[d]-c.offsetMin[0])
	m -= Day * float64(int(m/Day))
	if m < 0 {
		m += Day
	}
	return m
}

// Hour returns the local hour (0–23) at minute t.
func (c Calendar) Hour(t float64) int { return int(c.minuteOfDay(t) / 60) }

// Local returns the simulated minute of local time minOfDay (minutes
// after midnight) on date d. The minute may fall before the run's start
// (negative) or after its end.
func (c Calendar) Local(d Date, minOfDay int) float64 {
	return c.Minutes(time.Date(d.Year, d.Month, d.Day, 0, minOfDay, 0, 0, c.loc))
}

// DayDate returns the date of day index i of the run.
func (c Calendar) DayDate(i int) Date {
	t := c.Date(i)
	return Date{t.Year(), t.Month(), t.Day()}
}

// NextLocal returns the first simulated minute after t at which the local
// clock shows minOfDay. It follows the calendar across the changes
// to and from summer time, where a fixed 24 hours would drift by an hour.
func (c Calendar) NextLocal(t float64, minOfDay int) float64 {
	u := c.Time(t).In(c.loc)
	for d := 0; d <= 2; d++ {
		next := c.Minutes(time.Date(u.Year(), u.Month(), u.Day()+d, 0, minOfDay, 0, 0, c.loc))
		if next > t {
			return next
		}
	}
	panic("engine: no local time after t") // unreachable: two days always hold one
}

// Wall reads a zone-less wall-clock time (a scenario's DateTime) as local
// time.
func (c Calendar) Wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, c.loc)
}
