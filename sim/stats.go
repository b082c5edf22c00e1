package sim

import (
	"sort"

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
	numDaily
)

// DailyColumns are the names of the daily series, after the date column.
// Mean columns are computed from hidden sums and counts.
var DailyColumns = []string{
	"lorries_arrived", "lorries_departed_port", "lorries_departed_tunnel",
	"lorries_searched", "detections", "freight_delay_mean_min",
	"queue_max_lorries", "kent_queue_max_lorries", "operation_stack",
	"xray_scans",
}

// stats are the run's metrics: data collection kept apart from behaviour.
type stats struct {
	ukArrived      int64
	departed       [NumRoutes]int64
	passedUK       int64
	searched       int64
	searchByMethod map[string]int64
	detections     int64 // people detected at the juxtaposed controls
	detByMethod    map[string]int64
	delay          *Tally
	queue          TimeWeighted
	kent           TimeWeighted
	franceArrived  int64
	franceDeparted int64
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
	day            int
}

func (s *stats) init(days int) {
	s.searchByMethod = map[string]int64{}
	s.detByMethod = map[string]int64{}
	s.delay = NewTally(0.5, 4*24*60*2) // half-minute bins up to four days
	s.days = make([][numDaily]float64, days)
}

func (s *stats) row() *[numDaily]float64 {
	if s.day < len(s.days) {
		return &s.days[s.day]
	}
	return &s.days[len(s.days)-1]
}

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

func (s *stats) search(_ float64, method string, _ Route) {
	s.searchByMethod[method]++
}

// xray records a scan by X-ray or gamma method k.
func (s *stats) xray(o scanner.Outcome, k int) {
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

func (s *stats) detected(_ float64, method string, people int) {
	s.detections += int64(people)
	s.detByMethod[method] += int64(people)
	s.row()[dDetections] += float64(people)
}

// queueLevel records the number of UK-bound lorries queuing on the
// approach roads and at check-in, the booths and the search area.
func (s *stats) queueLevel(now float64, m *Model) {
	n := 0
	for _, st := range m.sites {
		n += st.held.Len() + st.checkin.Waiting() + st.french.Waiting() + st.uk.Waiting() + st.search.Waiting()
	}
	if float64(n) != s.queue.Value() {
		s.queue.Set(now, float64(n))
	}
	row := s.row()
	if float64(n) > row[dQueueMax] {
		row[dQueueMax] = float64(n)
	}
}

// kentLevel records France-bound lorries waiting in Kent; a day on which
// any UK terminal's queue exceeds what it can hold counts as an Operation
// Stack day (lorries parked on the M20).
func (s *stats) kentLevel(now float64, total int, st *site) {
	s.kent.Set(now, float64(total))
	row := s.row()
	if float64(total) > row[dKentMax] {
		row[dKentMax] = float64(total)
	}
	if st.kent.Len() > st.cfg.UKHoldingCapacity {
		row[dStack] = 1
	}
}

// dayEnd closes a day's row and carries the levels into the next.
type dayEnd struct{ m *Model }

func (e dayEnd) Handle(int64) {
	s := &e.m.stats
	s.day++
	if s.day < len(s.days) {
		row := &s.days[s.day]
		row[dQueueMax] = s.queue.Value()
		row[dKentMax] = s.kent.Value()
		e.m.K.After(24*60, prioDaily, e, 0)
	}
}

func sortedKeys(m map[string]int64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
