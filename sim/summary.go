package sim

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"channelsim/agents"
)

// Entry is one summary metric. Value is an int64, a float64, a string or a
// map[string]int64 (written as a JSON object with sorted keys).
type Entry = agents.Entry

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
				out = append(out, Entry{Key: e.Key + "." + k, Value: x[k]})
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

// Summary returns the run's summary at the current instant: the run's
// identity, then freight's keys, then each submodel's.
func (m *Model) Summary() Summary {
	sum := Summary{
		{Key: "scenario", Value: m.Cfg.Name},
		{Key: "seed", Value: int64(m.Cfg.Seed)},
		{Key: "days", Value: int64(m.Cfg.Days)},
		{Key: "start", Value: m.Cfg.Start.String()},
	}
	maxDose := 0.0
	if m.camp != nil {
		maxDose = m.camp.MaxDoseUSv()
	}
	sum = append(sum, m.freight.Summary(maxDose)...)
	for _, sub := range m.subs {
		sum = append(sum, sub.Summary()...)
	}
	return sum
}

func sortedKeys(m map[string]int64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// WriteDailyCSV writes one row per simulated day: a date column, then
// freight's columns and each submodel's.
func (m *Model) WriteDailyCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(m.DailyHeader()); err != nil {
		return err
	}
	last := m.env.Today()
	if m.Done() {
		last = m.Cfg.Days - 1
	}
	var rec []string
	for d := 0; d <= last; d++ {
		rec = append(rec[:0], m.Cal.Date(d).Format("2006-01-02"))
		for _, v := range m.freight.Daily(d) {
			rec = append(rec, FormatFloat(v))
		}
		for _, sub := range m.subs {
			for _, v := range sub.Daily(d) {
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

// DailyHeader returns the columns of daily.csv: date, freight's columns,
// then each submodel's.
func (m *Model) DailyHeader() []string {
	h := append([]string{"date"}, m.freight.DailyColumns()...)
	for _, sub := range m.subs {
		h = append(h, sub.DailyColumns()...)
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
