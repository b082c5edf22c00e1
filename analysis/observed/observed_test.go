package observed

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func daily(t *testing.T) []Day {
	t.Helper()
	ds, err := SmallBoatsDaily()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestYearTotals: the daily file sums to the year totals its README gives
// (and the research note's table of §1, with boats and days with an
// arrival).
func TestYearTotals(t *testing.T) {
	want := map[int][3]int{ // people, boats, days with ≥ 1 arrival
		2018: {299, 43, 29}, 2019: {1843, 164, 81}, 2020: {8462, 641, 130}, 2021: {28526, 1034, 154},
		2022: {45755, 1110, 162}, 2023: {29437, 602, 140}, 2024: {36816, 695, 151}, 2025: {41472, 672, 139},
	}
	seen := 0
	for _, y := range Yearly(daily(t)) {
		w, ok := want[y.Year]
		if !ok {
			continue
		}
		seen++
		if y.People != w[0] || y.Boats != w[1] || y.ActiveDays != w[2] {
			t.Errorf("%d: %d people, %d boats, %d active days; want %v", y.Year, y.People, y.Boats, y.ActiveDays, w)
		}
		if days := time.Date(y.Year+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(time.Date(y.Year, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24; y.Days != int(days) {
			t.Errorf("%d: %d days in the series, want %v", y.Year, y.Days, days)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d years", seen, len(want))
	}
}

// TestMonthlySpotChecks: months of the research note's tables
// (small-boats.md §1, from the Home Office's monthly file).
func TestMonthlySpotChecks(t *testing.T) {
	want := map[string][2]int{ // people, boats
		"2018-12": {138, 19}, "2019-08": {342, 34}, "2020-09": {1946, 147}, "2021-11": {6971, 209},
		"2021-01": {224, 15}, "2022-08": {8631, 192}, "2023-06": {3823, 78}, "2024-10": {5417, 99}, "2025-06": {5170, 80},
	}
	got := map[string]Month{}
	for _, m := range Monthly(daily(t)) {
		got[fmt.Sprintf("%d-%02d", m.Year, m.Month)] = m
	}
	for k, w := range want {
		m, ok := got[k]
		if !ok {
			t.Errorf("no month %s", k)
			continue
		}
		if m.People != w[0] || m.Boats != w[1] {
			t.Errorf("%s: %d people, %d boats; want %d, %d", k, m.People, m.Boats, w[0], w[1])
		}
	}
	if m := got["2021-11"]; m.Days != 30 || m.ActiveShare() <= 0 || m.ActiveShare() > 1 {
		t.Errorf("2021-11: %d days, active share %v", m.Days, m.ActiveShare())
	}
}

// TestActiveDaysOfTheWeatherFit: the days with an arrival by month in
// 2019–2021, as world/weather's fit uses them (docs/research/weather.md).
func TestActiveDaysOfTheWeatherFit(t *testing.T) {
	want := map[int][12]int{
		2019: {3, 7, 5, 6, 9, 4, 9, 11, 8, 5, 7, 7},
		2020: {5, 2, 4, 15, 15, 16, 14, 19, 13, 7, 14, 6},
		2021: {5, 8, 11, 10, 15, 22, 17, 8, 21, 13, 15, 9},
	}
	got := map[int][12]int{}
	for _, m := range Monthly(daily(t)) {
		if _, ok := want[m.Year]; ok {
			a := got[m.Year]
			a[m.Month-1] = m.ActiveDays
			got[m.Year] = a
		}
	}
	for y, w := range want {
		if got[y] != w {
			t.Errorf("%d: days with an arrival by month %v, want %v", y, got[y], w)
		}
	}
}

// TestDailyConsecutive: one record a day from 1 Jan 2018, no gap or
// repeat, counts not negative and no boat without people.
func TestDailyConsecutive(t *testing.T) {
	ds := daily(t)
	if first := ds[0].Date; !first.Equal(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first day %v, want 2018-01-01", first)
	}
	for i := 1; i < len(ds); i++ {
		if want := ds[i-1].Date.AddDate(0, 0, 1); !ds[i].Date.Equal(want) {
			t.Fatalf("record %d: %v after %v", i, ds[i].Date, ds[i-1].Date)
		}
	}
	for _, d := range ds {
		if d.People < 0 || d.Boats < 0 || (d.Boats > 0) != (d.People > 0) {
			t.Errorf("%v: %d people in %d boats", d.Date, d.People, d.Boats)
		}
	}
}

// TestWeekly: weeks end on Sundays a week apart, the preventions start in
// the week ending 5 May 2024, and the weeks' arrivals agree with the days'.
func TestWeekly(t *testing.T) {
	ws, err := SmallBoatsWeekly()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, 5, 5, 0, 0, 0, 0, time.UTC)
	byDay := map[time.Time]Day{}
	for _, d := range daily(t) {
		byDay[d.Date] = d
	}
	for _, w := range ws {
		if w.HasPrevented != !w.Ending.Before(start) {
			t.Errorf("week ending %v: HasPrevented %v", w.Ending.Format(dateLayout), w.HasPrevented)
		}
		if !w.HasPrevented && (w.PreventedPeople != -1 || w.PreventedEvents != -1) {
			t.Errorf("week ending %v: prevented %d, %d without the column", w.Ending.Format(dateLayout), w.PreventedPeople, w.PreventedEvents)
		}
		people, boats, n := 0, 0, 0
		for k := 0; k < 7; k++ {
			if d, ok := byDay[w.Ending.AddDate(0, 0, -k)]; ok {
				people, boats, n = people+d.People, boats+d.Boats, n+1
			}
		}
		if n == 7 && (people != w.People || boats != w.Boats) {
			t.Errorf("week ending %v: %d people, %d boats; the days sum to %d, %d", w.Ending.Format(dateLayout), w.People, w.Boats, people, boats)
		}
	}
	// 2024 from the week ending 5 May: 21,317 people and 694 events
	// prevented (research note small-boats.md §2).
	p, e := 0, 0
	for _, w := range ws {
		if w.HasPrevented && w.Ending.Year() == 2024 {
			p, e = p+w.PreventedPeople, e+w.PreventedEvents
		}
	}
	if p != 21317 || e != 694 {
		t.Errorf("2024 prevented: %d people, %d events; want 21317, 694", p, e)
	}
}

// TestQuarterly: the small-boat column sums to the final year totals
// (8,466 in 2020, 45,774 in 2022: research note §1 and §6).
func TestQuarterly(t *testing.T) {
	qs, err := IrregularQuarterly()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 24 {
		t.Fatalf("%d quarters, want 24 (2018–2023)", len(qs))
	}
	sb := map[int]int{}
	total := map[int]int{}
	for _, q := range qs {
		sb[q.End.Year()] += q.SmallBoat
		total[q.End.Year()] += q.SmallBoat + q.Air + q.UKPorts + q.InUK
	}
	for y, w := range map[int][2]int{2018: {299, 13377}, 2019: {1843, 16281}, 2020: {8466, 17100}, 2021: {28526, 36813}, 2022: {45774, 54702}, 2023: {29437, 36704}} {
		if sb[y] != w[0] || total[y] != w[1] {
			t.Errorf("%d: %d by small boat of %d; want %d of %d", y, sb[y], total[y], w[0], w[1])
		}
	}
}

// TestParseErrors: each bad input is refused with the file, line and
// column of the fault and what was expected.
func TestParseErrors(t *testing.T) {
	const h = "date,people,boats\n"
	cases := []struct {
		name, text, want string
	}{
		{"empty", "", "d.csv:1:1: expected the header line, got an empty file"},
		{"header only", h, "expected at least one record"},
		{"wrong header", "day,people,boats\n2018-01-01,0,0\n", "d.csv:1:1: expected the header date,people,boats"},
		{"missing field", h + "2018-01-01,0\n", "d.csv:2:"},
		{"extra field", h + "2018-01-01,0,0,0\n", "number of fields"},
		{"bad date", h + "2018-01-01,0,0\n2018-13-02,0,0\n", `d.csv:3:1: date: expected a date YYYY-MM-DD, got "2018-13-02"`},
		{"negative", h + "2018-01-01,-1,0\n", `d.csv:2:12: people: expected a whole number ≥ 0, got "-1"`},
		{"sign", h + "2018-01-01,+1,0\n", `d.csv:2:12: people: expected a whole number ≥ 0, got "+1"`},
		{"decimal", h + "2018-01-01,1,0.5\n", `d.csv:2:14: boats: expected a whole number ≥ 0, got "0.5"`},
		{"empty count", h + "2018-01-01,,0\n", `d.csv:2:12: people: expected a whole number ≥ 0, got ""`},
		{"gap", h + "2018-01-01,0,0\n2018-01-03,0,0\n", "d.csv:3:1: date: expected the day after, 2018-01-02, got 2018-01-03"},
		{"repeat", h + "2018-01-01,0,0\n2018-01-01,0,0\n", "d.csv:3:1: date: expected the day after"},
		{"bare quote", h + "2018-01-01,1\"2,0\n", "d.csv:2:"},
	}
	for _, c := range cases {
		_, err := ParseDaily("d.csv", strings.NewReader(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
	}
	const wh = "week_ending,people_arrived,boats_arrived,people_prevented,events_prevented\n"
	for _, c := range []struct{ text, want string }{
		{wh + "2024-05-05,1,1,3,\n", `w.csv:2:18: events_prevented: expected both prevented counts or neither, got one`},
		{wh + "2024-05-06,1,1,,\n", "w.csv:2:1: expected a Sunday, got a Monday"},
		{wh + "2024-05-05,1,1,,\n2024-05-19,1,1,,\n", "w.csv:3:1: week_ending: expected a week after, 2024-05-12"},
	} {
		if _, err := ParseWeekly("w.csv", strings.NewReader(c.text)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("weekly %q: got %v, want an error with %q", c.text, err, c.want)
		}
	}
	const qh = "quarter_end,small_boat,air_inadequately_documented,detected_at_uk_ports,detected_in_uk\n"
	for _, c := range []struct{ text, want string }{
		{qh + "2018-03-30,1,1,1,1\n", "q.csv:2:1: expected the last day of a quarter"},
		{qh + "2018-03-31,1,1,1,1\n2018-09-30,1,1,1,1\n", "q.csv:3:1: quarter_end: expected the end of the next quarter, 2018-06-30"},
	} {
		if _, err := ParseQuarterly("q.csv", strings.NewReader(c.text)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("quarterly %q: got %v, want an error with %q", c.text, err, c.want)
		}
	}
}

// TestParseAccepts: a byte-order mark and CRLF line ends are read.
func TestParseAccepts(t *testing.T) {
	ds, err := ParseDaily("d.csv", strings.NewReader("\ufeffdate,people,boats\r\n2018-01-01,3,1\r\n2018-01-02,0,0\r\n"))
	if err != nil || len(ds) != 2 || ds[0].People != 3 || ds[0].Boats != 1 {
		t.Errorf("got %v, %v", ds, err)
	}
}

// FuzzParseSeries: no input makes a parser panic, and what a parser
// accepts is consistent: dates in sequence, counts not negative, and the
// records written back read the same.
func FuzzParseSeries(f *testing.F) {
	for _, name := range []string{DailyFile, WeeklyFile, QuarterlyFile} {
		b, err := files.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		f.Add(strings.Join(lines[:min(len(lines), 6)], ""))
	}
	f.Add("date,people,boats\n2018-01-01,0,0\n2018-01-02,12,1\n")
	f.Add("date,people,boats\n2018-01-01,\"1\",0\n")
	f.Add("week_ending,people_arrived,boats_arrived,people_prevented,events_prevented\n2024-04-28,1,1,,\n2024-05-05,1,1,2,3\n")
	f.Add("date,people,boats\n2018-02-28,99999999999999999999,0\n")
	f.Fuzz(func(t *testing.T, text string) {
		if ds, err := ParseDaily("f.csv", strings.NewReader(text)); err == nil {
			var b strings.Builder
			b.WriteString("date,people,boats\n")
			for i, d := range ds {
				if d.People < 0 || d.Boats < 0 || (i > 0 && !d.Date.Equal(ds[i-1].Date.AddDate(0, 0, 1))) {
					t.Fatalf("accepted record %d: %+v", i, d)
				}
				fmt.Fprintf(&b, "%s,%d,%d\n", d.Date.Format(dateLayout), d.People, d.Boats)
			}
			again, err := ParseDaily("g.csv", strings.NewReader(b.String()))
			if err != nil || len(again) != len(ds) {
				t.Fatalf("written back: %v, %d records of %d", err, len(again), len(ds))
			}
			for i := range ds {
				if again[i] != ds[i] {
					t.Fatalf("record %d read back as %+v, was %+v", i, again[i], ds[i])
				}
			}
		}
		if ws, err := ParseWeekly("f.csv", strings.NewReader(text)); err == nil {
			for i, w := range ws {
				if w.Ending.Weekday() != time.Sunday || w.HasPrevented != (w.PreventedPeople >= 0) || w.PreventedEvents < -1 {
					t.Fatalf("accepted week %d: %+v", i, w)
				}
			}
		}
		if qs, err := ParseQuarterly("f.csv", strings.NewReader(text)); err == nil {
			for i, q := range qs {
				if q.End.AddDate(0, 0, 1).Day() != 1 || (i > 0 && !q.End.Equal(nextQuarterEnd(qs[i-1].End))) {
					t.Fatalf("accepted quarter %d: %+v", i, q)
				}
			}
		}
	})
}
