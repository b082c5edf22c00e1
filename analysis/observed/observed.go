// Package observed holds published series of the record that the model is
// set against, embedded in the binary: for now the Home Office series of
// small-boat arrivals across the Channel (daily, weekly with the French
// preventions, and irregular arrivals by method per quarter), copied in
// smallboats/ with their source and licence (smallboats/README.md).
//
// The files are parsed strictly: a header that is not the expected one, a
// record with a missing or extra field, a date out of sequence or a count
// that is not a whole number is an error naming the file, the line and the
// column. The package uses only the standard library.
package observed

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

//go:embed smallboats/*.csv
var files embed.FS

// The embedded files.
const (
	DailyFile     = "smallboats/ho-small-boats-daily.csv"
	WeeklyFile    = "smallboats/ho-small-boats-weekly.csv"
	QuarterlyFile = "smallboats/ho-irregular-arrivals-quarterly-2018-2023.csv"
)

// Day is one day of the Home Office daily series (table SB_01): the people
// and boats detected arriving in the UK by small boat that day.
type Day struct {
	Date          time.Time // midnight UTC
	People, Boats int
}

// Week is one week of the weekly series (table SB_02), ending on a Sunday.
// The French authorities' preventions are published from the week ending
// 5 May 2024; before, HasPrevented is false and both prevented counts are
// −1.
type Week struct {
	Ending          time.Time // midnight UTC of the Sunday
	People, Boats   int
	PreventedPeople int // people prevented from departing or returned to France, −1 when not published
	PreventedEvents int // launches prevented, −1 when not published
	HasPrevented    bool
}

// Quarter is one quarter of the irregular arrivals by method (Irr_D01).
type Quarter struct {
	End       time.Time // midnight UTC of the quarter's last day
	SmallBoat int       // arrivals by small boat
	Air       int       // arrivals by air without adequate documents
	UKPorts   int       // detected at UK ports (mostly in vehicles)
	InUK      int       // detected in the UK within 72 hours of arrival
}

// SmallBoatsDaily returns the embedded daily series, 1 Jan 2018 onwards,
// one record a day.
func SmallBoatsDaily() ([]Day, error) {
	return readEmbedded(DailyFile, ParseDaily)
}

// SmallBoatsWeekly returns the embedded weekly series.
func SmallBoatsWeekly() ([]Week, error) {
	return readEmbedded(WeeklyFile, ParseWeekly)
}

// IrregularQuarterly returns the embedded quarterly arrivals by method,
// 2018–2023.
func IrregularQuarterly() ([]Quarter, error) {
	return readEmbedded(QuarterlyFile, ParseQuarterly)
}

func readEmbedded[T any](name string, parse func(string, io.Reader) ([]T, error)) ([]T, error) {
	f, err := files.Open(name)
	if err != nil {
		return nil, fmt.Errorf("observed: embedded %s: %w", name, err)
	}
	defer f.Close()
	return parse(name, f)
}

// ParseDaily reads a daily series in the format of DailyFile (header
// date,people,boats; consecutive days). name is used in errors.
func ParseDaily(name string, r io.Reader) ([]Day, error) {
	var out []Day
	err := scan(name, r, []string{"date", "people", "boats"}, func(rec *record) {
		d := Day{Date: rec.date(0), People: rec.count(1), Boats: rec.count(2)}
		if rec.ok() && len(out) > 0 {
			rec.follows(0, out[len(out)-1].Date.AddDate(0, 0, 1), d.Date, "the day after")
		}
		out = append(out, d)
	})
	return out, err
}

// ParseWeekly reads a weekly series in the format of WeeklyFile: weeks
// ending on Sundays, consecutive; the two prevented columns both empty or
// both set.
func ParseWeekly(name string, r io.Reader) ([]Week, error) {
	var out []Week
	header := []string{"week_ending", "people_arrived", "boats_arrived", "people_prevented", "events_prevented"}
	err := scan(name, r, header, func(rec *record) {
		w := Week{Ending: rec.date(0), People: rec.count(1), Boats: rec.count(2), PreventedPeople: -1, PreventedEvents: -1}
		switch {
		case rec.fields[3] == "" && rec.fields[4] == "":
		case rec.fields[3] == "" || rec.fields[4] == "":
			col := 3
			if rec.fields[4] == "" {
				col = 4
			}
			rec.fail(col, rec.header(col)+": expected both prevented counts or neither, got one")
		default:
			w.PreventedPeople, w.PreventedEvents, w.HasPrevented = rec.count(3), rec.count(4), true
		}
		if rec.ok() && w.Ending.Weekday() != time.Sunday {
			rec.fail(0, "expected a Sunday, got a "+w.Ending.Weekday().String())
		}
		if rec.ok() && len(out) > 0 {
			rec.follows(0, out[len(out)-1].Ending.AddDate(0, 0, 7), w.Ending, "a week after")
		}
		out = append(out, w)
	})
	return out, err
}

// ParseQuarterly reads quarterly arrivals by method in the format of
// QuarterlyFile: the last day of each quarter, consecutive.
func ParseQuarterly(name string, r io.Reader) ([]Quarter, error) {
	var out []Quarter
	header := []string{"quarter_end", "small_boat", "air_inadequately_documented", "detected_at_uk_ports", "detected_in_uk"}
	err := scan(name, r, header, func(rec *record) {
		q := Quarter{End: rec.date(0), SmallBoat: rec.count(1), Air: rec.count(2), UKPorts: rec.count(3), InUK: rec.count(4)}
		if rec.ok() && (q.End.AddDate(0, 0, 1).Day() != 1 || q.End.Month()%3 != 0) {
			rec.fail(0, "expected the last day of a quarter (31 Mar, 30 Jun, 30 Sep, 31 Dec), got "+q.End.Format(dateLayout))
		}
		if rec.ok() && len(out) > 0 {
			rec.follows(0, nextQuarterEnd(out[len(out)-1].End), q.End, "the end of the next quarter")
		}
		out = append(out, q)
	})
	return out, err
}

const dateLayout = "2006-01-02"

// record is one CSV record being read; the first problem found is kept.
type record struct {
	name   string
	cr     *csv.Reader
	fields []string
	// headerNames are the file's column names, for messages.
	headerNames []string
	err         error
}

func (rec *record) ok() bool { return rec.err == nil }

// fail records a problem with field i (0-based) unless one is recorded.
func (rec *record) fail(i int, msg string) {
	if rec.err != nil {
		return
	}
	line, col := rec.cr.FieldPos(i)
	rec.err = fmt.Errorf("%s:%d:%d: %s", rec.name, line, col, msg)
}

// date reads field i as a date YYYY-MM-DD.
func (rec *record) date(i int) time.Time {
	t, err := time.Parse(dateLayout, rec.fields[i])
	if err != nil {
		rec.fail(i, fmt.Sprintf("%s: expected a date YYYY-MM-DD, got %q", rec.header(i), rec.fields[i]))
	}
	return t
}

// count reads field i as a whole number ≥ 0 written in decimal digits only.
func (rec *record) count(i int) int {
	s := rec.fields[i]
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || strings.TrimLeft(s, "0123456789") != "" {
		rec.fail(i, fmt.Sprintf("%s: expected a whole number ≥ 0, got %q", rec.header(i), s))
		return 0
	}
	return n
}

// nextQuarterEnd is the last day of the quarter after the one that ends on
// end.
func nextQuarterEnd(end time.Time) time.Time {
	return end.AddDate(0, 0, 1).AddDate(0, 3, -1)
}

// follows checks that field i, the date next, is want.
func (rec *record) follows(i int, want, next time.Time, what string) {
	if !next.Equal(want) {
		rec.fail(i, fmt.Sprintf("%s: expected %s, %s, got %s", rec.header(i), what, want.Format(dateLayout), next.Format(dateLayout)))
	}
}

func (rec *record) header(i int) string { return rec.headerNames[i] }

// scan reads a CSV file with the given header and calls each for every
// record; it stops at the first problem.
func scan(name string, r io.Reader, header []string, each func(*record)) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(header)
	got, err := cr.Read()
	if err != nil {
		return csvError(name, err, "the header line")
	}
	for i, h := range header {
		if strings.TrimPrefix(got[i], "\ufeff") != h {
			line, col := cr.FieldPos(i)
			return fmt.Errorf("%s:%d:%d: expected the header %s, got %q in column %d", name, line, col, strings.Join(header, ","), got[i], i+1)
		}
	}
	n := 0
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return csvError(name, err, "a record")
		}
		rec := &record{name: name, cr: cr, fields: fields, headerNames: header}
		each(rec)
		if rec.err != nil {
			return rec.err
		}
		n++
	}
	if n == 0 {
		return fmt.Errorf("%s: expected at least one record after the header, got none", name)
	}
	return nil
}

// csvError names the file, line and column of an error of the CSV reader.
func csvError(name string, err error, what string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "expected the header's number of fields: " + msg
		}
		return fmt.Errorf("%s:%d:%d: %s", name, pe.Line, pe.Column, msg)
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s:1:1: expected %s, got an empty file", name, what)
	}
	return fmt.Errorf("%s: %w", name, err)
}
