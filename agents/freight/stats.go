package freight

import (
	"channelsim/agents"
	"channelsim/engine"
	"channelsim/scanner"
)

// Daily columns, in the order they are written to daily.csv (after date).
const (
	dArrived = iota
	dDepartedPort
	dDepartedTunnel
	dSearched
	dDetections
	dDelaySum
	dDelayN
	dQueueMax
	dKentMax
	dStack
	dXray
	dStoppedMin
	dKentWaitMax
	dOnRoadMax
	dPhases
	dTAP
	dKentWaitSum
	dKentWaitN
	numDaily
)

// stats are the run's metrics: data collection kept apart from behaviour.
type stats struct {
	ukArrived      int64
	departed       [NumRoutes]int64
	passedUK       int64
	screened       int64 // lorries the screening layer took
	referrals      int64 // lorries the screening layer referred to Border Force
	skipped        int64 // methods skipped because their queue was too long
	searched       int64
	searchBy       [numMethods]int64 // searches by method
	detections     int64             // people detected at the juxtaposed controls
	detBy          [numFinders]int64 // people detected, by who found them
	delay          *engine.Tally
	queue          engine.TimeWeighted
	kent           engine.TimeWeighted
	franceArrived  int64
	franceDeparted int64
	kentWaitSum    float64 // minutes France-bound lorries waited in Kent, summed
	kentWaitMax    float64
	onRoad         engine.TimeWeighted // France-bound lorries on the M20 beyond the terminals and TAP
	banned         int64               // France-bound lorries held in Kent by the weekend ban
	diverted       int64               // lorries, both ways, that crossed by another port (port.fleet)
	turnedAway     int64               // lorries, both ways, that found their queue at its bound
	stops          int64               // stops of departures by intruders (overlapping ones count once)
	stoppedMin     float64             // minutes of departures stopped, both sites
	reachedLondon  int64
	falseAlarms    int64
	contraband     int64
	xrayScans      int64
	xrayTime       float64
	xrayBeam       float64
	surgeReturn    float64 // days from a surge's shock to within 10 % of the prior level
	driverDose     float64
	doseTotal      float64 // stowaways' dose, person-µSv
	days           [][numDaily]float64
	env            *agents.Env
}

func (s *stats) init(env *agents.Env, days int) {
	s.env = env
	s.delay = engine.NewTally(0.5, 4*engine.Day*2) // half-minute bins up to four days
	s.days = make([][numDaily]float64, days)
}

func (s *stats) row() *[numDaily]float64 { return &s.days[s.env.Today()] }

func (s *stats) arrived(float64) {
	s.ukArrived++
	s.row()[dArrived]++
}

func (s *stats) depart(_ float64, r Route, delayMin float64) {
	s.departed[r]++
	s.delay.Add(delayMin)
	row := s.row()
	if r == ViaPort {
		row[dDepartedPort]++
	} else {
		row[dDepartedTunnel]++
	}
	row[dDelaySum] += delayMin
	row[dDelayN]++
}

// xray records a scan by X-ray or gamma method k.
func (s *stats) xray(o scanner.Outcome) {
	s.xrayScans++
	s.xrayTime += o.DurationMin
	s.xrayBeam += o.BeamMin
	s.driverDose += o.DoseDriverUSv
	s.row()[dXray]++
}

func (s *stats) lorrySearched() {
	s.searched++
	s.row()[dSearched]++
}

func (s *stats) detected(by finder, people int) {
	s.detections += int64(people)
	s.detBy[by] += int64(people)
	s.row()[dDetections] += float64(people)
}

// queueLevel records the number of UK-bound lorries queuing on the
// approach roads and at check-in, the booths and the search area.
func (s *stats) queueLevel(now float64, m *Model) {
	n := 0
	for _, st := range m.sites {
		n += st.queued()
	}
	if float64(n) != s.queue.Value() {
		s.queue.Set(now, float64(n))
	}
	row := s.row()
	if float64(n) > row[dQueueMax] {
		row[dQueueMax] = float64(n)
	}
}

// kentLevel records France-bound lorries waiting in Kent, those on the
// M20 and Kent Police's measures; a day on which Operation Stack is in
// force at any time counts as a Stack day.
func (s *stats) kentLevel(now float64, total, onRoad int, kp *kentPolice) {
	s.kent.Set(now, float64(total))
	if float64(onRoad) != s.onRoad.Value() {
		s.onRoad.Set(now, float64(onRoad))
	}
	row := s.row()
	row[dKentMax] = max(row[dKentMax], float64(total))
	row[dOnRoadMax] = max(row[dOnRoadMax], float64(onRoad))
	row[dPhases] = max(row[dPhases], float64(kp.phases))
	if kp.on {
		row[dStack] = 1
	}
	if kp.tap {
		row[dTAP] = 1
	}
}

// kentWait records a France-bound lorry's wait in Kent, from its arrival
// at the UK terminal (or the tail of Stack) to its departure.
func (s *stats) kentWait(min float64) {
	s.kentWaitSum += min
	s.kentWaitMax = max(s.kentWaitMax, min)
	s.row()[dKentWaitSum] += min
	s.row()[dKentWaitN]++
	row := s.row()
	row[dKentWaitMax] = max(row[dKentWaitMax], min)
}

// stopped records departures stopped for min more minutes; extended says
// the stop lengthens one already in force.
func (s *stats) stopped(extended bool, min float64) {
	if !extended {
		s.stops++
	}
	s.stoppedMin += min
	s.row()[dStoppedMin] += min
}

// NewDay starts the row of the day that has just begun (the caller's
// end-of-day event has moved the day on): the levels carry over.
func (m *Model) NewDay() {
	s := &m.stats
	row := s.row()
	row[dQueueMax] = s.queue.Value()
	row[dKentMax] = s.kent.Value()
	row[dOnRoadMax] = s.onRoad.Value()
	row[dPhases] = float64(m.stack.phases)
	if m.stack.on {
		row[dStack] = 1
	}
	if m.stack.tap {
		row[dTAP] = 1
	}
	for k := 1; k < len(m.rest); k++ {
		*m.restMaxAt(m.env.Today(), k) = float64(len(m.rest[k].lorries))
	}
}

// Summary returns the freight's summary keys, in order. maxDoseUSv is the
// largest dose any one person received from scans over the run, which only
// a submodel that follows people knows (0 without one).
func (m *Model) Summary(maxDoseUSv float64) []agents.Entry {
	st := &m.stats
	departed := st.departed[ViaPort] + st.departed[ViaTunnel]
	searchRate := 0.0
	if st.passedUK > 0 {
		searchRate = float64(st.searched) / float64(st.passedUK)
	}
	stackDays, tapDays := int64(0), int64(0)
	byPhase := map[string]int64{}
	for d := 0; d <= m.env.Today(); d++ {
		r := &st.days[d]
		if r[dStack] > 0 {
			stackDays++
			byPhase[m.phaseName(int(r[dPhases]))]++
		}
		if r[dTAP] > 0 {
			tapDays++
		}
	}
	inSystem := int64(0)
	for _, c := range m.count {
		inSystem += int64(c)
	}
	return []agents.Entry{
		{Key: "lorries_arrived", Value: st.ukArrived},
		{Key: "lorries_departed", Value: departed},
		{Key: "lorries_departed_port", Value: st.departed[ViaPort]},
		{Key: "lorries_departed_tunnel", Value: st.departed[ViaTunnel]},
		{Key: "lorries_searched", Value: st.searched},
		{Key: "search_rate", Value: searchRate},
		{Key: "lorries_screened", Value: st.screened},
		{Key: "screening_rate", Value: ratio(float64(st.screened), float64(st.passedUK))},
		{Key: "screening_referrals", Value: st.referrals},
		{Key: "methods_skipped_busy", Value: st.skipped},
		{Key: "freight_delay_mean_min", Value: st.delay.Mean()},
		{Key: "freight_delay_p95_min", Value: st.delay.Quantile(0.95)},
		{Key: "queue_max_lorries", Value: int64(st.queue.Max())},
		{Key: "queue_mean_lorries", Value: st.queue.Mean(m.K.Now())},
		{Key: "france_bound_arrived", Value: st.franceArrived},
		{Key: "france_bound_departed", Value: st.franceDeparted},
		{Key: "kent_queue_max_lorries", Value: int64(st.kent.Max())},
		{Key: "operation_stack_days", Value: stackDays},
		{Key: "stack_days_by_phases", Value: byPhase},
		{Key: "stack_episodes", Value: m.stack.episodes},
		{Key: "stack_called_on_forecast", Value: m.stack.preemptive},
		{Key: "tap_days", Value: tapDays},
		{Key: "m20_lorries_max", Value: int64(st.onRoad.Max())},
		{Key: "m20_lorries_mean", Value: st.onRoad.Mean(m.K.Now())},
		{Key: "weekend_ban_held", Value: st.banned},
		{Key: "france_bound_wait_mean_min", Value: ratio(st.kentWaitSum, float64(st.franceDeparted))},
		{Key: "france_bound_wait_max_min", Value: st.kentWaitMax},
		{Key: "france_bound_lorry_hours_kent", Value: st.kentWaitSum / 60},
		{Key: "uk_bound_lorry_hours_delay", Value: st.delay.Mean() * float64(st.delay.N()) / 60},
		{Key: "lorries_diverted", Value: st.diverted},
		{Key: "lorries_turned_away", Value: st.turnedAway},
		{Key: "departure_stops", Value: st.stops},
		{Key: "departures_stopped_hours", Value: st.stoppedMin / 60},
		{Key: "lorries_in_system_end", Value: inSystem},
		{Key: "detections_total", Value: st.detections},
		{Key: "detections_by_method", Value: counts(st.detBy[:], finderNames[:])},
		{Key: "searches_by_method", Value: counts(st.searchBy[:], methodNames[:])},
		{Key: "false_alarms_total", Value: st.falseAlarms},
		{Key: "xray_scans", Value: st.xrayScans},
		{Key: "xray_process_time_mean_min", Value: ratio(st.xrayTime, float64(st.xrayScans))},
		{Key: "xray_beam_time_mean_min", Value: ratio(st.xrayBeam, float64(st.xrayScans))},
		{Key: "contraband_detections", Value: st.contraband},
		{Key: "stowaway_dose_usv_total", Value: st.doseTotal},
		{Key: "stowaway_dose_usv_max", Value: maxDoseUSv},
		{Key: "driver_dose_usv_total", Value: st.driverDose},
		{Key: "search_share_end", Value: m.SearchShare()},
		{Key: "surge_return_days", Value: st.surgeReturn},
		{Key: "rest_area_stops", Value: m.restCounts(func(rp *restPlace) int64 { return rp.stopped })},
		{Key: "rest_area_full", Value: m.restCounts(func(rp *restPlace) int64 { return rp.full })},
	}
}

// restCounts returns a count of each rest area (not the lorry park near
// Calais) by name, zeros included.
func (m *Model) restCounts(f func(*restPlace) int64) map[string]int64 {
	out := map[string]int64{}
	for k := 1; k < len(m.rest); k++ {
		out[m.rest[k].name] = f(&m.rest[k])
	}
	return out
}

// counts returns the nonzero counts by name.
func counts(n []int64, names []string) map[string]int64 {
	out := map[string]int64{}
	for k, v := range n {
		if v != 0 {
			out[names[k]] = v
		}
	}
	return out
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// DailyColumns names the freight's daily series: the fixed columns, then
// the most lorries at each rest area at once ("lorries_at_" and its name).
func (m *Model) DailyColumns() []string { return m.cols }

var dailyColumns = []string{
	"lorries_arrived", "lorries_departed_port", "lorries_departed_tunnel",
	"lorries_searched", "detections", "freight_delay_mean_min",
	"queue_max_lorries", "kent_queue_max_lorries", "operation_stack",
	"xray_scans", "departures_stopped_min", "france_bound_wait_max_min",
	"m20_lorries_max", "stack_phases", "tap", "france_bound_wait_mean_min",
}

// Daily returns day d's values, one per column; mean columns are computed
// from hidden sums and counts.
func (m *Model) Daily(d int) []float64 {
	r := &m.stats.days[d]
	row := []float64{r[dArrived], r[dDepartedPort], r[dDepartedTunnel], r[dSearched], r[dDetections],
		ratio(r[dDelaySum], r[dDelayN]), r[dQueueMax], r[dKentMax], r[dStack], r[dXray], r[dStoppedMin], r[dKentWaitMax],
		r[dOnRoadMax], r[dPhases], r[dTAP], ratio(r[dKentWaitSum], r[dKentWaitN])}
	for k := 1; k < len(m.rest); k++ {
		row = append(row, *m.restMaxAt(d, k))
	}
	return row
}

// phaseName names a day's Stack by the last of the n phases open at once
// ("stack" when the scenario names no phases).
func (m *Model) phaseName(n int) string {
	ph := m.cfg.Stack.Phases
	if len(ph) == 0 || n < 1 {
		return "stack"
	}
	return ph[min(n, len(ph))-1].Name
}
