package engine

import (
	"fmt"
	"strings"
	"time"
)

// Minutes in an hour and in a day: simulated time is a float64 count of
// minutes since the run's start.
const (
	Hour = 60.0
	Day  = 24 * Hour
)

// Duration is a span of simulated time, written in scenarios as a Go
// duration string ("90m", "1h30m", "45s"). Bare numbers are refused: they
// would silently mean nanoseconds.
type Duration struct {
	time.Duration
}

// Min returns the duration in minutes.
func (d Duration) Min() float64 { return d.Minutes() }

// UnmarshalText parses a duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	s := string(b)
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("expected a duration string such as \"90m\" or \"1h30m\", got %q", s)
	}
	if v < 0 {
		return fmt.Errorf("expected a duration ≥ 0, got %q", s)
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Clock is a time of day, written "HH:MM".
type Clock struct {
	Minute int // minutes after midnight
}

// UnmarshalText parses "HH:MM".
func (c *Clock) UnmarshalText(b []byte) error {
	t, err := time.Parse("15:04", strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("expected a time of day \"HH:MM\", got %q", b)
	}
	c.Minute = t.Hour()*60 + t.Minute()
	return nil
}

// MarshalText writes "HH:MM".
func (c Clock) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("%02d:%02d", c.Minute/60, c.Minute%60)), nil
}

// Date is a calendar day (a TOML local date such as 2015-07-01).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// UnmarshalTOML accepts a TOML date (or date-time, whose time is ignored).
func (d *Date) UnmarshalTOML(v any) error {
	t, ok := v.(time.Time)
	if !ok {
		return fmt.Errorf("expected a TOML date such as 2015-07-01, got %T %v", v, v)
	}
	d.Year, d.Month, d.Day = t.Date()
	return nil
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String writes 2006-01-02.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText writes 2006-01-02.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// MarshalTOML writes a TOML local date, unquoted, so that a scenario
// written out (scenarios --show, calibrate's centre.toml) reads back.
func (d Date) MarshalTOML() ([]byte, error) { return []byte(d.String()), nil }

// DateTime is a wall-clock date and time without a zone (a TOML local
// date-time); the site it applies to gives the zone.
type DateTime struct {
	time.Time // in UTC fields, read as wall-clock values
}

// UnmarshalTOML accepts a TOML local date-time or date.
func (d *DateTime) UnmarshalTOML(v any) error {
	t, ok := v.(time.Time)
	if !ok {
		return fmt.Errorf("expected a TOML date-time such as 2015-07-01T06:00:00, got %T %v", v, v)
	}
	y, mo, dd := t.Date()
	d.Time = time.Date(y, mo, dd, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	return nil
}

// MarshalText writes 2006-01-02T15:04:05.
func (d DateTime) MarshalText() ([]byte, error) {
	return []byte(d.Time.Format("2006-01-02T15:04:05")), nil
}

// MarshalTOML writes a TOML local date-time, unquoted.
func (d DateTime) MarshalTOML() ([]byte, error) { return d.MarshalText() }
