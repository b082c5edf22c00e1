package engine

import (
	"testing"
	"time"
)

// TestDateBefore: days compare by year, then month, then day.
func TestDateBefore(t *testing.T) {
	d := func(y, m, day int) Date { return Date{Year: y, Month: time.Month(m), Day: day} }
	for _, c := range []struct {
		a, b Date
		want bool
	}{
		{d(2015, 7, 1), d(2015, 7, 2), true},
		{d(2015, 7, 2), d(2015, 7, 1), false},
		{d(2015, 7, 1), d(2015, 7, 1), false},
		{d(2015, 12, 31), d(2016, 1, 1), true},
		{d(2016, 1, 31), d(2015, 12, 1), false},
		{d(2015, 6, 30), d(2015, 7, 1), true},
	} {
		if got := c.a.Before(c.b); got != c.want {
			t.Errorf("%s before %s = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
