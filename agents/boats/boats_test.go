package boats_test

import (
	"math"
	"strings"
	"testing"

	"channelsim/agents"
	"channelsim/agents/boats"
	"channelsim/engine"
)

// flatSea is a sea of the same wave height every day.
type flatSea float64

func (s flatSea) WaveM(int) float64 { return float64(s) }

// tally records what the boats told the camp, person by person.
type tally struct {
	outcome map[int32]string
	atSea   int
}

func (t *tally) set(people []int32, what string) {
	for _, i := range people {
		t.outcome[i] = what
	}
}
func (t *tally) NoBoat(p []int32)    { t.set(p, "no_boat") }
func (t *tally) Prevented(p []int32) { t.set(p, "prevented") }
func (t *tally) AtSea(p []int32)     { t.atSea += len(p); t.set(p, "at_sea") }
func (t *tally) Rescued(p []int32)   { t.set(p, "rescued") }
func (t *tally) Died(p []int32)      { t.set(p, "died") }
func (t *tally) Landed(p []int32)    { t.set(p, "landed") }

func (t *tally) count(what string) int {
	n := 0
	for _, w := range t.outcome {
		if w == what {
			n++
		}
	}
	return n
}

// config is one launch point 37.04 km away (20 nautical miles: 5 hours at
// 4 knots), seats seats, no patrols, no distress.
func config(seats int) boats.Config {
	return boats.Config{Enabled: true, MaxWaveM: 0.5, InitialBoats: 0, SpeedKnots: 4, Prevent: 0.01, PatrolFactor: 1, SupplyFactor: 1,
		Seats:    []boats.DatedSeats{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, People: seats}},
		Price:    []boats.DatedPrice{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, GBP: 3000}},
		Launches: []boats.Launch{{Name: "a", From: engine.Date{Year: 2020, Month: 1, Day: 1}, DistanceKm: 37.04, Weight: 1, Patrol: 1}}}
}

// model builds the boats on a 10-day run from 1 June 2020 with stock boats
// in stock and the sea at wave metres.
func model(t *testing.T, cfg boats.Config, stock int, wave float64, seed uint64) (*boats.Model, *engine.Kernel, *tally) {
	t.Helper()
	cfg.InitialBoats = stock
	k := &engine.Kernel{}
	cal := engine.NewCalendar(engine.Date{Year: 2020, Month: 6, Day: 1}, 10, agents.France)
	today := 0
	env := agents.NewEnv(k, &cal, engine.NewStreams(seed), nil, 10, &today)
	pax := &tally{outcome: map[int32]string{}}
	m, err := boats.New(env, &cfg, flatSea(wave), pax)
	if err != nil {
		t.Fatal(err)
	}
	return m, k, pax
}

func people(n int) []int32 {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	return p
}

func TestOpenNeedsCalmSeaAndBoats(t *testing.T) {
	for _, tc := range []struct {
		wave  float64
		stock int
		open  bool
	}{{0.3, 5, true}, {0.5, 5, true}, {0.8, 5, false}, {0.3, 0, false}} {
		m, _, _ := model(t, config(10), tc.stock, tc.wave, 1)
		if got := m.Open(); got != tc.open {
			t.Errorf("waves %g m, %d boats: Open = %v, want %v", tc.wave, tc.stock, got, tc.open)
		}
	}
}

// TestLaunchLoadsEvenlyAndLands: 25 people and boats of 10 seats make 3
// boats of 9, 8 and 8, which land after the crossing's 5 hours; with 2
// boats in stock, 20 go and 5 are left without a boat.
func TestLaunchLoadsEvenlyAndLands(t *testing.T) {
	for _, tc := range []struct {
		stock, boats, noBoat int
	}{{5, 3, 0}, {2, 2, 5}} {
		m, k, pax := model(t, config(10), tc.stock, 0.2, 1)
		var left int64
		k.At(60, agents.PrioControl, engine.HandlerFunc(func(int64) {
			m.Launch(people(25))
			left = m.Counts()[boats.AtSea]
		}), 0)
		k.RunUntil(60 + 5*60 - 1)
		if left != int64(tc.boats) || pax.count("landed") != 0 {
			t.Fatalf("stock %d: %d boats set out, %d landed before 5 h; want %d and 0", tc.stock, left, pax.count("landed"), tc.boats)
		}
		k.RunUntil(60 + 5*60 + 1)
		if got := pax.count("landed"); got != 25-tc.noBoat || pax.count("no_boat") != tc.noBoat {
			t.Errorf("stock %d: %d landed, %d without a boat; want %d and %d", tc.stock, got, pax.count("no_boat"), 25-tc.noBoat, tc.noBoat)
		}
		if err := m.CheckInvariants(); err != nil {
			t.Error(err)
		}
		if got := sum(m, "small_boat_people_per_boat"); math.Abs(got-float64(25-tc.noBoat)/float64(tc.boats)) > 1e-9 {
			t.Errorf("stock %d: %g people per boat", tc.stock, got)
		}
	}
}

// TestPrevention: with n officers on the one launch point, a launch is
// stopped with the chance 1 − exp(−k·n); taxi boats escape it.
func TestPrevention(t *testing.T) {
	for _, tc := range []struct {
		officers, taxi float64
	}{{0, 0}, {50, 0}, {150, 0}, {150, 1}, {150, 0.5}} {
		cfg := config(1)
		cfg.Patrols = []boats.DatedOfficers{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, Officers: tc.officers}}
		cfg.Taxi = []boats.DatedShare{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, Share: tc.taxi}}
		cfg.Seize = 0
		const n = 20000
		m, k, pax := model(t, cfg, n, 0.2, 7)
		k.At(60, agents.PrioControl, engine.HandlerFunc(func(int64) { m.Launch(people(n)) }), 0)
		k.RunUntil(61)
		want := (1 - tc.taxi) * (1 - math.Exp(-cfg.Prevent*tc.officers))
		got := float64(pax.count("prevented")) / n
		if sd := math.Sqrt(want * (1 - want) / n); math.Abs(got-want) > 4*sd+1e-12 {
			t.Errorf("%g officers, taxi %g: %.4f prevented, want %.4f ± %.4f", tc.officers, tc.taxi, got, want, 4*sd)
		}
		if m.Counts()[boats.InStock]+m.Counts()[boats.AtSea] != n {
			t.Errorf("boats lost without seizure: %v", m.Counts())
		}
	}
}

// TestDistress: every boat in distress; with no deaths everyone is
// rescued, with certain death everyone dies; the boats are lost.
func TestDistress(t *testing.T) {
	for _, tc := range []struct {
		fatality    float64
		want        string
		wantDeaths  float64
		wantRescued float64
	}{{0, "rescued", 0, 30}, {1, "died", 30, 0}} {
		cfg := config(10)
		cfg.Distress, cfg.Fatality = 1, tc.fatality
		m, k, pax := model(t, cfg, 3, 0.2, 3)
		k.At(60, agents.PrioControl, engine.HandlerFunc(func(int64) { m.Launch(people(30)) }), 0)
		k.RunUntil(engine.Day)
		if pax.count(tc.want) != 30 || m.Counts()[boats.Lost] != 3 {
			t.Errorf("fatality %g: %d %s, %v boats", tc.fatality, pax.count(tc.want), tc.want, m.Counts())
		}
		if sum(m, "small_boat_deaths") != tc.wantDeaths || sum(m, "small_boat_people_rescued") != tc.wantRescued {
			t.Errorf("fatality %g: summary deaths %g, rescued %g", tc.fatality, sum(m, "small_boat_deaths"), sum(m, "small_boat_people_rescued"))
		}
		if err := m.CheckInvariants(); err != nil {
			t.Error(err)
		}
	}
}

// TestSupplyAndDatedInputs: the week's supply arrives day by day; the
// price and the load follow their dates.
func TestSupplyAndDatedInputs(t *testing.T) {
	cfg := config(10)
	cfg.Supply = []boats.DatedRate{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, PerWeek: 70}}
	cfg.Price = append(cfg.Price, boats.DatedPrice{From: engine.Date{Year: 2020, Month: 6, Day: 5}, GBP: 5000})
	m, k, _ := model(t, cfg, 0, 0.2, 5)
	k.RunUntil(2 * engine.Day)
	if p := m.Price(); p != 3000 {
		t.Errorf("price on 3 June %g, want 3000", p)
	}
	k.RunUntil(9*engine.Day + 13*60) // after the tenth day's noon supply
	if p := m.Price(); p != 5000 {
		t.Errorf("price on 10 June %g, want 5000", p)
	}
	// Ten days' Poisson supply of mean 10 a day: 100 ± 4 sd.
	if n := m.Counts()[boats.InStock]; math.Abs(float64(n)-100) > 40 {
		t.Errorf("%d boats supplied in 10 days at 70 a week", n)
	}
	if err := m.CheckInvariants(); err != nil {
		t.Error(err)
	}
}

// TestLevers: the patrol factor scales the officers on the beaches (and
// so the chance of a prevented launch); a supply factor of 0 stops the
// boats reaching the coast.
func TestLevers(t *testing.T) {
	cfg := config(1)
	cfg.Patrols = []boats.DatedOfficers{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, Officers: 100}}
	cfg.Supply = []boats.DatedRate{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, PerWeek: 700}}
	m, k, pax := model(t, cfg, 0, 0.2, 9)
	if m.Patrols() != 100 {
		t.Fatalf("%g officers, want 100", m.Patrols())
	}
	m.SetPatrolFactor(3)
	m.SetSupplyFactor(0)
	if m.Patrols() != 300 || m.PatrolFactor() != 3 || m.SupplyFactor() != 0 {
		t.Fatalf("after the levers: %g officers, factors %g and %g", m.Patrols(), m.PatrolFactor(), m.SupplyFactor())
	}
	k.RunUntil(3 * engine.Day)
	if n := m.Counts()[boats.InStock]; n != 0 {
		t.Errorf("%d boats supplied with the supply cut to 0", n)
	}
	m.SetSupplyFactor(1)
	k.RunUntil(5 * engine.Day)
	n := int(m.Counts()[boats.InStock])
	if n == 0 {
		t.Fatal("no boats supplied after the supply was restored")
	}
	k.At(5*engine.Day+60, agents.PrioControl, engine.HandlerFunc(func(int64) { m.Launch(people(n)) }), 0)
	k.RunUntil(5*engine.Day + 61)
	want := 1 - math.Exp(-cfg.Prevent*300)
	if got := float64(pax.count("prevented")) / float64(n); math.Abs(got-want) > 4*math.Sqrt(want*(1-want)/float64(n)) {
		t.Errorf("%.3f of %d launches prevented with 300 officers, want %.3f", got, n, want)
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*boats.Config)
		want string
	}{
		{"good", func(*boats.Config) {}, ""},
		{"no points", func(c *boats.Config) { c.Launches = nil }, "launch_points: expected at least one launch point"},
		{"twice", func(c *boats.Config) { c.Launches = append(c.Launches, c.Launches[0]) }, `launch_points[1].name: expected a name not used before, got "a" again`},
		{"zero weights", func(c *boats.Config) { c.Launches[0].Weight = 0 }, "launch_points: expected launch point weights with a positive sum"},
		{"no seats", func(c *boats.Config) { c.Seats = nil }, "seats: expected at least one entry"},
		{"off", func(c *boats.Config) { c.Enabled, c.Launches = false, nil }, ""},
	} {
		cfg := config(10)
		tc.edit(&cfg)
		var got []string
		cfg.Check(func(path, msg string) { got = append(got, path+": "+msg) })
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: unexpected %q", tc.name, got)
		case tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)):
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func sum(m *boats.Model, key string) float64 {
	for _, e := range m.Summary() {
		if e.Key == key {
			switch v := e.Value.(type) {
			case int64:
				return float64(v)
			case float64:
				return v
			}
		}
	}
	return math.NaN()
}

// daySea is a sea given day by day.
type daySea []float64

func (s daySea) WaveM(d int) float64 { return s[d] }

// TestOpenOnTheLaunchNightsSea: the boats go at 03:00, so in the evening
// the camp is told the next day's sea, and in the small hours (the
// midnight wave) the same day's: never the night after.
func TestOpenOnTheLaunchNightsSea(t *testing.T) {
	cfg := config(10)
	cfg.InitialBoats = 5
	k := &engine.Kernel{}
	cal := engine.NewCalendar(engine.Date{Year: 2020, Month: 6, Day: 1}, 4, agents.France)
	today := 0
	env := agents.NewEnv(k, &cal, engine.NewStreams(1), nil, 4, &today)
	m, err := boats.New(env, &cfg, daySea{0.2, 1.5, 0.2, 0.2}, &tally{outcome: map[int32]string{}})
	if err != nil {
		t.Fatal(err)
	}
	var turn engine.HandlerFunc // the day turns at midnight, as in sim
	turn = func(int64) {
		today++
		k.After(engine.Day, agents.PrioDaily, turn, 0)
	}
	k.At(engine.Day, agents.PrioDaily, turn, 0)
	for _, tc := range []struct {
		day, hour int
		open      bool
	}{{0, 21, false}, {1, 1, false}, {1, 2, false}, {1, 4, true}, {1, 21, true}, {2, 1, true}} {
		k.RunUntil(float64(tc.day)*engine.Day + float64(tc.hour)*60) // June: no change of clocks
		if got := m.Open(); got != tc.open {
			t.Errorf("day %d %02d:00: Open = %v, want %v (seas %v)", tc.day, tc.hour, got, tc.open, daySea{0.2, 1.5, 0.2, 0.2})
		}
	}
}

// TestStockHeldToWeeksOfSupply: with stock_weeks, the smugglers hold at
// most that many weeks of the supply on the coast.
func TestStockHeldToWeeksOfSupply(t *testing.T) {
	cfg := config(10)
	cfg.Supply = []boats.DatedRate{{From: engine.Date{Year: 2020, Month: 1, Day: 1}, PerWeek: 70}}
	cfg.StockWeeks = 0.5
	m, k, _ := model(t, cfg, 0, 0.2, 5)
	k.RunUntil(9*engine.Day + 13*60)
	if n := m.Counts()[boats.InStock]; n != 35 {
		t.Errorf("%d boats in stock after 10 days at 70 a week, held to half a week: want 35", n)
	}
	if err := m.CheckInvariants(); err != nil {
		t.Error(err)
	}
}
