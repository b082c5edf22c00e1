package freight

import (
	"slices"
	"testing"

	"channelsim/engine"
)

// restModel is kentModel with two rest areas on the way to Calais, A (a
// fifth of the lorries, 2 places) and B (three tenths, 50 places), its
// rest places built; *today is the day of the daily series.
func restModel() (*Model, *int) {
	today := 0
	m := kentModelOn(0, &today)
	m.cfg.Traffic.RestAreas = []RestArea{
		{Name: "A", Share: 0.2, Capacity: 2, Break: mins(30), RestShare: 1},
		{Name: "B", Share: 0.3, Capacity: 50, Break: mins(30), RestShare: 0},
	}
	m.rRest = m.env.Streams.New("rest-areas")
	m.buildRestPlaces()
	return m, &today
}

func TestRestPlacesBuilt(t *testing.T) {
	m, _ := restModel()
	if want := append(slices.Clone(dailyColumns), "lorries_at_A", "lorries_at_B"); !slices.Equal(m.cols, want) {
		t.Errorf("daily columns %v, want %v", m.cols, want)
	}
	for _, c := range []struct {
		name string
		k    int
		ok   bool
	}{{LorryParkName, lorryPark, true}, {"A", 1, true}, {"B", 2, true}, {"C", 0, false}} {
		if k, ok := m.RestPlace(c.name); k != c.k || ok != c.ok {
			t.Errorf("RestPlace(%q) = %d, %v; want %d, %v", c.name, k, ok, c.k, c.ok)
		}
	}
	if len(m.restMax) != kentDays*2 {
		t.Errorf("%d daily maxima, want %d (days × rest areas)", len(m.restMax), kentDays*2)
	}
	// Day d's column of rest area k is its own cell.
	seen := map[*float64]bool{}
	for d := range kentDays {
		for k := 1; k <= 2; k++ {
			p := m.restMaxAt(d, k)
			if seen[p] {
				t.Fatalf("restMaxAt(%d, %d) shares a cell", d, k)
			}
			seen[p] = true
		}
	}
}

// TestChooseRest: drivers stop at each rest area in its share, none at
// the lorry park (its drivers are traffic.park_share's), and drive on
// when the area is full, counted.
func TestChooseRest(t *testing.T) {
	m, _ := restModel()
	const n = 20000
	var got [3]int
	none := 0
	for range n {
		switch k := m.chooseRest(); k {
		case -1:
			none++
		default:
			got[k]++
		}
	}
	if got[lorryPark] != 0 {
		t.Errorf("%d drivers chose the lorry park", got[lorryPark])
	}
	for k, share := range map[int]float64{1: 0.2, 2: 0.3} {
		if f := float64(got[k]) / n; f < share-0.015 || f > share+0.015 {
			t.Errorf("rest area %d chosen by %.3f of the drivers, want %.1f", k, f, share)
		}
	}
	if f := float64(none) / n; f < 0.485 || f > 0.515 {
		t.Errorf("%.3f stopped nowhere, want 0.5", f)
	}
	// A full: its drivers drive on, and are counted.
	for range 2 {
		i := m.newLorry(Approaching)
		m.park(i, 1, 60)
	}
	full, chose := 0, 0
	for range n {
		if k := m.chooseRest(); k == 1 {
			chose++
		} else if k == -1 {
			full++
		}
	}
	if chose != 0 {
		t.Errorf("%d drivers chose the full rest area", chose)
	}
	if m.rest[1].full == 0 || float64(m.rest[1].full)/n < 0.185 || float64(m.rest[1].full)/n > 0.215 {
		t.Errorf("%d drivers found A full, want about a fifth of %d", m.rest[1].full, n)
	}
	if m.rest[2].full != 0 {
		t.Errorf("B counted %d full", m.rest[2].full)
	}
}

// TestRestBookkeeping: parking and leaving keep each rest place's list,
// the lorries' positions in it and the day's most lorries at each area.
func TestRestBookkeeping(t *testing.T) {
	m, today := restModel()
	var at [3][]int32
	steps := []struct {
		day   int
		park  int // rest place to park a new lorry at, or −1
		leave int // position in B's list of a lorry that leaves, or −1
	}{
		{0, 2, -1}, {0, 2, -1}, {0, 2, -1}, {0, -1, 1}, {0, 1, -1},
		{1, -1, 0}, {1, 2, -1}, {1, lorryPark, -1}, {1, lorryPark, -1},
		{2, -1, 0}, {2, -1, 0}, {3, 2, -1},
	}
	for n, s := range steps {
		*today = s.day
		if s.park >= 0 {
			i := m.newLorry(Approaching)
			m.park(i, s.park, 60)
			at[s.park] = append(at[s.park], i)
		}
		if s.leave >= 0 {
			i := m.rest[2].lorries[s.leave]
			m.removeFrom(&m.rest[2].lorries, i)
			m.setState(i, Approaching)
			at[2] = slices.DeleteFunc(at[2], func(j int32) bool { return j == i })
		}
		for k := range m.rest {
			if got := slices.Sorted(slices.Values(m.rest[k].lorries)); !slices.Equal(got, slices.Sorted(slices.Values(at[k]))) {
				t.Fatalf("step %d: %s holds %v, want %v", n, m.rest[k].name, got, at[k])
			}
		}
		if err := m.checkPlaces(); err != nil {
			t.Fatalf("step %d: %v", n, err)
		}
	}
	// The most at once each day, recorded as lorries park: B 3 on day 0,
	// 2 on day 1, nothing on day 2 (only departures: the lorry still
	// there is not recorded), 1 on day 3; A 1 on day 0; the lorry park
	// has no column.
	want := map[[2]int]float64{{0, 1}: 1, {0, 2}: 3, {1, 2}: 2, {3, 2}: 1}
	for d := range kentDays {
		for k := 1; k <= 2; k++ {
			if got := *m.restMaxAt(d, k); got != want[[2]int{d, k}] {
				t.Errorf("day %d, rest area %d: most lorries %v, want %v", d, k, got, want[[2]int{d, k}])
			}
		}
	}
	if m.rest[2].stopped != 5 || m.rest[1].stopped != 1 || m.rest[lorryPark].stopped != 2 {
		t.Errorf("stops counted %d, %d, %d; want 2, 1, 5", m.rest[lorryPark].stopped, m.rest[1].stopped, m.rest[2].stopped)
	}
}

// TestRestStay: a break of at least 45 minutes; in the evening a driver
// of a rest area's rest_share stays the night, leaving between 05:00 and
// 07:00.
func TestRestStay(t *testing.T) {
	cases := []struct {
		name   string
		k      int     // A: everyone rests the night in the evening; B: no one
		now    float64 // minute of the run (day 0 is 1 July 2015)
		lo, hi float64 // the stay's bounds, minutes
	}{
		{"a daytime break at A", 1, 10 * 60, 45, 45 + 30*40},
		{"an evening at B: a break", 2, 20 * 60, 45, 45 + 30*40},
		{"an evening at A: the night", 1, 20 * 60, 9 * 60, 11 * 60},
		{"after midnight at A: the night", 1, engine.Day + 60, 4 * 60, 6 * 60},
		{"02:00 at A: a break", 1, engine.Day + 2*60, 45, 45 + 30*40},
		{"18:00 at A: the night", 1, 18 * 60, 11 * 60, 13 * 60},
	}
	for _, c := range cases {
		m, _ := restModel()
		m.K.RunUntil(c.now)
		for range 200 {
			if got := m.restStay(c.k); got < c.lo || got > c.hi {
				t.Fatalf("%s: a stay of %v minutes, want %v–%v", c.name, got, c.lo, c.hi)
			}
		}
	}
}
