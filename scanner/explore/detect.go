package explore

import (
	"encoding/csv"
	"fmt"
	"io"
	"text/tabwriter"

	"channelsim/scanner"
)

// Setting is the vehicle and conditions shared by detect and table: how
// many people hide where, the weather at the search area, how long the load
// space has been closed, and whether the driver stays in the cab through an
// X-ray or gamma portal.
type Setting struct {
	Hidden      int
	Place       string
	WindMS      float64
	Shed        bool
	TempC       float64
	ClosedMin   float64
	DriverInCab bool
}

func (s Setting) check() (scanner.Place, scanner.Conditions, error) {
	p, ok := scanner.ParsePlace(s.Place)
	switch {
	case !ok:
		return 0, scanner.Conditions{}, badFlag("--place: unknown place %q; want trailer, axle, roof or cab", s.Place)
	case s.Hidden < 0 || s.Hidden > 200:
		return 0, scanner.Conditions{}, badFlag("--hidden: %d is out of range; want 0–200 people", s.Hidden)
	case !(s.WindMS >= 0 && s.WindMS <= 60):
		return 0, scanner.Conditions{}, badFlag("--wind-ms: %g is out of range; want 0–60 m/s", s.WindMS)
	case !(s.TempC >= -40 && s.TempC <= 60):
		return 0, scanner.Conditions{}, badFlag("--temp-c: %g is out of range; want −40–60 °C", s.TempC)
	case !(s.ClosedMin >= 0 && s.ClosedMin <= 10000):
		return 0, scanner.Conditions{}, badFlag("--closed-min: %g is out of range; want 0–10000 minutes", s.ClosedMin)
	}
	return p, scanner.Conditions{WindMS: s.WindMS, Shed: s.Shed, TempC: s.TempC}, nil
}

// Result is one method's analytic result for one vehicle.
type Result struct {
	Method        string   `json:"method"`
	Trailer       string   `json:"trailer"`
	Cargo         string   `json:"cargo"`
	Place         string   `json:"place"`
	Hidden        int      `json:"hidden"`
	Applicable    bool     `json:"applicable"`
	Reason        string   `json:"reason,omitempty"`
	PDetect       *float64 `json:"p_detect,omitempty"`
	PFalseAlarm   *float64 `json:"p_false_alarm,omitempty"`
	DurationMin   *float64 `json:"duration_min,omitempty"`
	BeamMin       *float64 `json:"beam_min,omitempty"`
	Inconclusive  bool     `json:"inconclusive"`
	DoseUSvHidden *float64 `json:"dose_usv_hidden,omitempty"`
	DoseUSvDriver *float64 `json:"dose_usv_driver,omitempty"`
}

func ptr(x float64) *float64 { return &x }

// method builds the named method with the setting's driver position.
func method(name string, driverInCab bool) (scanner.Analyzer, error) {
	m, err := scanner.New(name)
	if err != nil {
		return nil, badFlag("--method: %v", err)
	}
	if x, ok := m.(scanner.XRay); ok {
		x.DriverInCab = driverInCab
		m = x
	}
	a, ok := m.(scanner.Analyzer)
	if !ok {
		return nil, fmt.Errorf("method %s has no analytic form", name)
	}
	return a, nil
}

func analyze(m scanner.Analyzer, v *scanner.Vehicle, c scanner.Conditions, p scanner.Place) Result {
	r := Result{Method: m.Name(), Trailer: v.Trailer.String(), Cargo: v.Cargo.String(), Place: p.String(), Hidden: v.People[p], Applicable: true}
	if err := m.Applicable(v); err != nil {
		r.Applicable, r.Reason = false, err.Error()
		return r
	}
	a := m.Analyze(v, c)
	empty := *v
	empty.People = [scanner.NumPlaces]int{}
	r.PDetect = ptr(a.Detect)
	r.PFalseAlarm = ptr(m.Analyze(&empty, c).FalseAlarm)
	r.DurationMin = ptr(a.MeanDurationMin)
	r.BeamMin = ptr(a.BeamMin)
	r.Inconclusive = a.Inconclusive
	// Dose to a person at the place, whether or not anyone is there.
	probe := *v
	if probe.People[p] == 0 {
		probe.People[p] = 1
	}
	d := m.Analyze(&probe, c)
	r.DoseUSvHidden = ptr(d.DoseUSv[p])
	r.DoseUSvDriver = ptr(d.DoseDriverUSv)
	return r
}

// Search is physics detect's input: one method on one vehicle.
type Search struct {
	Method, Cargo, Trailer string
	Setting
}

// Detect is P(detect), P(false alarm), the time and the doses of one search.
func Detect(s Search) (Result, []Row, error) {
	var r Result
	err := func() error {
		m, err := method(s.Method, s.DriverInCab)
		if err != nil {
			return err
		}
		p, c, err := s.check()
		if err != nil {
			return err
		}
		tr, ok := scanner.ParseTrailer(s.Trailer)
		if !ok {
			return badFlag("--trailer: unknown trailer %q; want curtain, box, reefer, tanker or flatbed", s.Trailer)
		}
		cg, ok := scanner.ParseCargo(s.Cargo)
		if !ok {
			return badFlag("--cargo: unknown cargo %q; want empty, general, produce, paper, metal or liquid", s.Cargo)
		}
		v := scanner.Vehicle{Trailer: tr, Cargo: cg, ClosedMin: s.ClosedMin}
		v.People[p] = s.Hidden
		r = analyze(m, &v, c, p)
		if !r.Applicable {
			return badFlag("%s cannot search this vehicle: %s", m.Name(), r.Reason)
		}
		return nil
	}()
	if err != nil {
		return r, nil, err
	}
	rows := []Row{
		{"method", r.Method}, {"trailer", r.Trailer}, {"cargo", r.Cargo},
		{"place", r.Place}, {"hidden", fmt.Sprint(r.Hidden)},
		{"P(detect)", g(*r.PDetect)}, {"P(false alarm)", g(*r.PFalseAlarm)},
		{"duration (min)", g(*r.DurationMin)}, {"beam (min)", g(*r.BeamMin)},
		{"inconclusive", fmt.Sprint(r.Inconclusive)},
		{"dose to a hidden person (µSv)", g(*r.DoseUSvHidden)},
		{"dose to the driver (µSv)", g(*r.DoseUSvDriver)},
	}
	return r, rows, nil
}

// Table is every method across every trailer and cargo type in setting s.
func Table(s Setting) ([]Result, error) {
	p, c, err := s.check()
	if err != nil {
		return nil, err
	}
	var res []Result
	for _, name := range scanner.Names() {
		m, err := method(name, s.DriverInCab)
		if err != nil {
			return nil, err
		}
		for tr := scanner.Trailer(0); tr < scanner.NumTrailers; tr++ {
			for cg := scanner.CargoKind(0); cg < scanner.NumCargoKinds; cg++ {
				v := scanner.Vehicle{Trailer: tr, Cargo: cg, ClosedMin: s.ClosedMin}
				v.People[p] = s.Hidden
				res = append(res, analyze(m, &v, c, p))
			}
		}
	}
	return res, nil
}

// WriteTableCSV writes Table's results as CSV, one row a result.
func WriteTableCSV(w io.Writer, res []Result) error {
	rows := [][]string{{"method", "trailer", "cargo", "place", "hidden", "applicable", "reason", "p_detect", "p_false_alarm", "duration_min", "beam_min", "inconclusive", "dose_usv_hidden", "dose_usv_driver"}}
	opt := func(x *float64) string {
		if x == nil {
			return ""
		}
		return g(*x)
	}
	for _, r := range res {
		rows = append(rows, []string{r.Method, r.Trailer, r.Cargo, r.Place, fmt.Sprint(r.Hidden), fmt.Sprint(r.Applicable), r.Reason,
			opt(r.PDetect), opt(r.PFalseAlarm), opt(r.DurationMin), opt(r.BeamMin), fmt.Sprint(r.Inconclusive), opt(r.DoseUSvHidden), opt(r.DoseUSvDriver)})
	}
	cw := csv.NewWriter(w)
	cw.WriteAll(rows)
	return cw.Error()
}

// WriteTable writes Table's results as a right-aligned text table.
func WriteTable(w io.Writer, res []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "method\ttrailer\tcargo\tP(detect)\tP(FA)\tmin\tbeam min\tdose µSv\tnote\t\n")
	for _, r := range res {
		if !r.Applicable {
			fmt.Fprintf(tw, "%s\t%s\t%s\t-\t-\t-\t-\t-\tnot applicable\t\n", r.Method, r.Trailer, r.Cargo)
			continue
		}
		note := ""
		if r.Inconclusive {
			note = "inconclusive"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%.3f\t%.1f\t%.2f\t%.3g\t%s\t\n", r.Method, r.Trailer, r.Cargo,
			*r.PDetect, *r.PFalseAlarm, *r.DurationMin, *r.BeamMin, *r.DoseUSvHidden, note)
	}
	return tw.Flush()
}
