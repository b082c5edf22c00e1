package observed

import "time"

// Month is the daily series summed over one calendar month.
type Month struct {
	Year          int
	Month         time.Month
	People, Boats int
	Days          int // days of the month in the series
	ActiveDays    int // days with at least one person arriving
}

// Year is the daily series summed over one calendar year.
type Year struct {
	Year          int
	People, Boats int
	Days          int // days of the year in the series
	ActiveDays    int // days with at least one person arriving
}

// ActiveShare is the share of the month's days with at least one arrival
// (0 for a month without days).
func (m Month) ActiveShare() float64 {
	if m.Days == 0 {
		return 0
	}
	return float64(m.ActiveDays) / float64(m.Days)
}

// Monthly sums days by calendar month, in the order the months first
// appear (chronological for a series in date order).
func Monthly(days []Day) []Month {
	var out []Month
	index := map[[2]int]int{}
	for _, d := range days {
		k := [2]int{d.Date.Year(), int(d.Date.Month())}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Month{Year: k[0], Month: d.Date.Month()})
		}
		m := &out[i]
		m.People += d.People
		m.Boats += d.Boats
		m.Days++
		if d.People > 0 {
			m.ActiveDays++
		}
	}
	return out
}

// Yearly sums days by calendar year, in the order the years first appear.
func Yearly(days []Day) []Year {
	var out []Year
	index := map[int]int{}
	for _, d := range days {
		y := d.Date.Year()
		i, ok := index[y]
		if !ok {
			i = len(out)
			index[y] = i
			out = append(out, Year{Year: y})
		}
		t := &out[i]
		t.People += d.People
		t.Boats += d.Boats
		t.Days++
		if d.People > 0 {
			t.ActiveDays++
		}
	}
	return out
}
