package sim

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Entry is one summary metric. Value is an int64, a float64, a string or a
// map[string]int64 (written as a JSON object with sorted keys).
type Entry struct {
	Key   string
	Value any
}

// Summary is a run's summary: flat snake_case keys with units in their
// names, in a fixed order. Keys are never renamed or removed.
type Summary []Entry

// Get returns the value of key.
func (s Summary) Get(key string) (any, bool) {
	for _, e := range s {
		if e.Key == key {
			return e.Value, true
		}
	}
	return nil, false
}

// Float returns the value of a numeric key as a float64.
func (s Summary) Float(key string) (float64, bool) {
	v, ok := s.Get(key)
	if !ok {
		return 0, false
	}
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// Flat returns the numeric metrics with maps flattened to "key.sub", in
// order: the columns of sweeps and comparisons.
func (s Summary) Flat() []Entry {
	var out []Entry
	for _, e := range s {
		switch x := e.Value.(type) {
		case int64, float64:
			out = append(out, e)
		case map[string]int64:
			for _, k := range sortedKeys(x) {
				out = append(out, Entry{e.Key + "." + k, x[k]})
			}
		}
	}
	return out
}

// MarshalJSON writes the summary as one JSON object, keys in order.
func (s Summary) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.Key)
		b.Write(k)
		b.WriteByte(':')
		if err := writeJSONValue(&b, e.Value); err != nil {
			return nil, fmt.Errorf("summary key %s: %w", e.Key, err)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSONValue(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(FormatFloat(x))
	case string:
		s, _ := json.Marshal(x)
		b.Write(s)
	case map[string]int64:
		b.WriteByte('{')
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b.WriteByte(',')
			}
			ks, _ := json.Marshal(k)
			b.Write(ks)
			b.WriteByte(':')
			b.WriteString(strconv.FormatInt(x[k], 10))
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("unsupported value type %T", v)
	}
	return nil
}

// FormatFloat writes a float compactly and deterministically: at most
// 6 decimals, trailing zeros dropped; NaN and infinities as null-free
// strings are never produced (they become 0).
func FormatFloat(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "0"
	}
	s := strconv.FormatFloat(x, 'f', 6, 64)
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	s = stringsTrimDot(s)
	if s == "-0" {
		s = "0"
	}
	return s
}

func stringsTrimDot(s string) string {
	if s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

// Summary returns the run's summary at the current instant.
func (m *Model) Summary() Summary {
	st := &m.stats
	departed := st.departed[ViaPort] + st.departed[ViaTunnel]
	searchRate := 0.0
	if st.passedUK > 0 {
		searchRate = float64(st.searched) / float64(st.passedUK)
	}
	stackDays := int64(0)
	for d := 0; d <= min(st.day, len(st.days)-1); d++ {
		if st.days[d][dStack] > 0 {
			stackDays++
		}
	}
	inSystem := int64(0)
	for _, c := range m.count {
		inSystem += int64(c)
	}
	sum := Summary{
		{"scenario", m.Cfg.Name},
		{"seed", int64(m.Cfg.Seed)},
		{"days", int64(m.Cfg.Days)},
		{"start", m.Cfg.Start.String()},
		{"lorries_arrived", st.ukArrived},
		{"lorries_departed", departed},
		{"lorries_departed_port", st.departed[ViaPort]},
		{"lorries_departed_tunnel", st.departed[ViaTunnel]},
		{"lorries_searched", st.searched},
		{"search_rate", searchRate},
		{"freight_delay_mean_min", st.delay.Mean()},
		{"freight_delay_p95_min", st.delay.Quantile(0.95)},
		{"queue_max_lorries", int64(st.queue.Max())},
		{"queue_mean_lorries", st.queue.Mean(m.K.Now())},
		{"france_bound_arrived", st.franceArrived},
		{"france_bound_departed", st.franceDeparted},
		{"kent_queue_max_lorries", int64(st.kent.Max())},
		{"operation_stack_days", stackDays},
		{"lorries_in_system_end", inSystem},
		{"detections_total", st.detections},
		{"detections_by_method", copyMap(st.detByMethod)},
		{"searches_by_method", copyMap(st.searchByMethod)},
		{"false_alarms_total", st.falseAlarms},
		{"xray_scans", st.xrayScans},
		{"xray_process_time_mean_min", ratio(st.xrayTime, float64(st.xrayScans))},
		{"xray_beam_time_mean_min", ratio(st.xrayBeam, float64(st.xrayScans))},
		{"contraband_detections", st.contraband},
		{"stowaway_dose_usv_total", st.doseTotal},
		{"stowaway_dose_usv_max", m.maxStowawayDose()},
		{"driver_dose_usv_total", st.driverDose},
		{"search_share_end", m.searchShare},
		{"surge_return_days", st.surgeReturn},
	}
	for _, sub := range m.subs {
		sum = append(sum, sub.summary()...)
	}
	return sum
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// maxStowawayDose is the largest radiation dose any one person received
// from scans over the run (0 without the migrants submodel).
func (m *Model) maxStowawayDose() float64 {
	if m.camp == nil {
		return 0
	}
	return m.camp.st.doseMax
}

func copyMap(m map[string]int64) map[string]int64 {
	c := make(map[string]int64, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// WriteDailyCSV writes one row per simulated day: a date column, then
// DailyColumns.
func (m *Model) WriteDailyCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(m.DailyHeader()); err != nil {
		return err
	}
	st := &m.stats
	last := min(st.day, len(st.days)-1)
	if m.Done() {
		last = len(st.days) - 1
	}
	rec := make([]string, 0, len(DailyColumns)+1)
	for d := 0; d <= last; d++ {
		r := &st.days[d]
		mean := 0.0
		if r[dDelayN] > 0 {
			mean = r[dDelaySum] / r[dDelayN]
		}
		rec = append(rec[:0], m.Cal.Date(d).Format("2006-01-02"),
			FormatFloat(r[dArrived]), FormatFloat(r[dDepartedPort]), FormatFloat(r[dDepartedTunnel]),
			FormatFloat(r[dSearched]), FormatFloat(r[dDetections]), FormatFloat(mean),
			FormatFloat(r[dQueueMax]), FormatFloat(r[dKentMax]), FormatFloat(r[dStack]), FormatFloat(r[dXray]))
		for _, sub := range m.subs {
			for _, v := range sub.daily(d) {
				rec = append(rec, FormatFloat(v))
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// DailyHeader returns the columns of daily.csv: date, the core columns,
// then each submodel's.
func (m *Model) DailyHeader() []string {
	h := append([]string{"date"}, DailyColumns...)
	for _, sub := range m.subs {
		h = append(h, sub.dailyColumns()...)
	}
	return h
}

// DailySeries returns the daily series as columns keyed by name (for
// charts), with the dates.
func (m *Model) DailySeries() (dates []string, cols map[string][]float64, err error) {
	var b bytes.Buffer
	if err := m.WriteDailyCSV(&b); err != nil {
		return nil, nil, err
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		return nil, nil, err
	}
	cols = map[string][]float64{}
	for _, r := range recs[1:] {
		dates = append(dates, r[0])
		for j, name := range recs[0][1:] {
			v, _ := strconv.ParseFloat(r[j+1], 64)
			cols[name] = append(cols[name], v)
		}
	}
	return dates, cols, nil
}
