package sim_test

import (
	"testing"
	"time"

	"channelsim/agents/camp"
	"channelsim/engine"
	"channelsim/sim"
)

// TestCampKeepsLocalTimeAcrossDST: the camp's evening wave goes out at
// 21:00 French time and everyone is back by dawn, before and after both
// changes of 2015 (to summer time on 29 March, back on 25 October). A
// schedule that adds 24 hours to the last event drifts by an hour there.
func TestCampKeepsLocalTimeAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		start engine.Date
		after engine.Date // a day after the change
	}{
		{engine.Date{Year: 2015, Month: time.March, Day: 20}, engine.Date{Year: 2015, Month: time.March, Day: 30}},
		{engine.Date{Year: 2015, Month: time.October, Day: 15}, engine.Date{Year: 2015, Month: time.October, Day: 26}},
	} {
		cfg := load(t, "baseline-2015", 14)
		cfg.Start = tc.start
		m2, err := sim.NewDefault(cfg)
		if err != nil {
			t.Fatal(err)
		}
		out := func(minOfDay int) int {
			m2.RunUntil(m2.Cal.Local(tc.after, minOfDay))
			return m2.MigrantCounts()[camp.OutTonight]
		}
		if n := out(20*60 + 30); n != 0 {
			t.Errorf("%s: %d people out at 20:30, before the 21:00 wave", tc.after, n)
		}
		if n := out(21*60 + 30); n == 0 {
			t.Errorf("%s: nobody out at 21:30, after the 21:00 wave", tc.after)
		}
		next := tc.after
		next.Day++
		m2.RunUntil(m2.Cal.Local(next, 5*60+30))
		if n := m2.MigrantCounts()[camp.OutTonight]; n == 0 {
			t.Errorf("%s: nobody out at 05:30, before dawn", next)
		}
		m2.RunUntil(m2.Cal.Local(next, 6*60+30))
		if n := m2.MigrantCounts()[camp.OutTonight]; n != 0 {
			t.Errorf("%s: %d people still out at 06:30, after dawn", next, n)
		}
	}
}
