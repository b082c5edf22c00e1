package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"text/tabwriter"

	"channelsim/scanner"
)

func init() {
	register("physics", "explore detector physics: attenuation, transmission, CO₂, detection", runPhysics)
}

// runPhysics is the physics explorer: channelsim physics SUBCOMMAND [FLAGS].
func runPhysics(args []string) int { return physicsMain(args, os.Stdout, os.Stderr) }

// physicsSubs are the explorer's subcommands, in the order usage lists them.
var physicsSubs = []struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}{
	{"attenuation", "NIST mass attenuation and energy-absorption coefficients", physicsAttenuation},
	{"transmission", "narrow-beam transmission through a slab", physicsTransmission},
	{"co2", "CO₂ rise in a closed load space (one-zone model)", physicsCO2},
	{"detect", "P(detect), P(false alarm), time and dose of one search method", physicsDetect},
	{"table", "every method across trailer and cargo types", physicsTable},
}

func physicsUsage(w io.Writer) {
	fmt.Fprintf(w, "Usage:\n  channelsim physics SUBCOMMAND [FLAGS]\n\nSubcommands:\n")
	for _, s := range physicsSubs {
		fmt.Fprintf(w, "  %-13s %s\n", s.name, s.summary)
	}
	fmt.Fprintf(w, "\nRun 'channelsim physics SUBCOMMAND --help' for its flags. --json prints JSON.\n")
}

// physicsMain runs the explorer writing to stdout and stderr; it returns the
// exit status.
func physicsMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		physicsUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		physicsUsage(stdout)
		return exitOK
	}
	for _, s := range physicsSubs {
		if s.name == args[0] {
			return s.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "channelsim physics: unknown subcommand %q\n\n", args[0])
	physicsUsage(stderr)
	return exitUsage
}

// physUsageError is bad input: the message names the flag and what it wants.
type physUsageError struct{ msg string }

func (e physUsageError) Error() string { return e.msg }

func physBadFlag(format string, a ...any) error { return physUsageError{fmt.Sprintf(format, a...)} }

// newFlagSet makes a sub-subcommand's flag set writing help to stderr.
func physFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("channelsim physics "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage:\n  channelsim physics %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; it returns (status, done): done is true when the caller
// should return status at once (help or a flag error).
func physParse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true // the flag package has printed the error and usage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, true
	}
	return 0, false
}

// finish reports err (a usage error → exit 2, anything else → 1) or prints
// the result as JSON or as an aligned table of rows.
func physFinish(name string, err error, jsonOut bool, v any, rows [][2]string, stdout, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "channelsim physics %s: %v\n", name, err)
		var ue physUsageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitInternal
	}
	if jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(stderr, "channelsim physics %s: %v\n", name, err)
			return exitInternal
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
	}
	if err := tw.Flush(); err != nil {
		return exitInternal
	}
	return exitOK
}

// physRequired reports a float flag left at its NaN "unset" default.
func physRequired(name string, x float64) error {
	if math.IsNaN(x) {
		return physBadFlag("--%s is required", name)
	}
	return nil
}

func physCheckEnergy(e float64) error {
	if err := physRequired("energy-mev", e); err != nil {
		return err
	}
	if !(e >= scanner.MinEnergyMeV && e <= scanner.MaxEnergyMeV) {
		return physBadFlag("--energy-mev: %g is out of range; want %g–%g MeV (the NIST table)", e, scanner.MinEnergyMeV, scanner.MaxEnergyMeV)
	}
	return nil
}

func physParseMaterial(s string) (scanner.Material, error) {
	m, err := scanner.ParseMaterial(s)
	if err != nil {
		return 0, physBadFlag("--material: %v", err)
	}
	return m, nil
}

func physG(x float64) string { return fmt.Sprintf("%.6g", x) }

func physicsAttenuation(args []string, stdout, stderr io.Writer) int {
	fs := physFlagSet("attenuation", "--material M --energy-mev E [--json]", stderr)
	mat := fs.String("material", "", "material: "+strings.Join(scanner.MaterialNames(), ", "))
	e := fs.Float64("energy-mev", math.NaN(), "photon energy, MeV (0.01–20)")
	js := fs.Bool("json", false, "print a JSON object")
	if st, done := physParse(fs, args); done {
		return st
	}
	if *mat == "" {
		return physFinish("attenuation", physBadFlag("--material is required (one of %s)", strings.Join(scanner.MaterialNames(), ", ")), false, nil, nil, stdout, stderr)
	}
	type out struct {
		Material   string  `json:"material"`
		EnergyMeV  float64 `json:"energy_mev"`
		MuRho      float64 `json:"mu_rho_cm2_g"`
		MuEnRho    float64 `json:"mu_en_rho_cm2_g"`
		DensityGC  float64 `json:"density_g_cm3"`
		HVLCm      float64 `json:"half_value_layer_cm"`
		SourceNote string  `json:"source"`
	}
	var o out
	err := func() error {
		m, err := physParseMaterial(*mat)
		if err != nil {
			return err
		}
		if err := physCheckEnergy(*e); err != nil {
			return err
		}
		o = out{Material: m.String(), EnergyMeV: *e, DensityGC: scanner.Density(m), SourceNote: "NIST SRD 126 (Hubbell & Seltzer), log-log interpolation"}
		if o.MuRho, err = scanner.MuRho(m, *e); err != nil {
			return err
		}
		if o.MuEnRho, err = scanner.MuEnRho(m, *e); err != nil {
			return err
		}
		o.HVLCm, err = scanner.HalfValueLayerCm(m, *e)
		return err
	}()
	rows := [][2]string{
		{"material", o.Material}, {"energy (MeV)", physG(o.EnergyMeV)},
		{"mu/rho (cm²/g)", physG(o.MuRho)}, {"mu_en/rho (cm²/g)", physG(o.MuEnRho)},
		{"density (g/cm³)", physG(o.DensityGC)}, {"half-value layer (cm)", physG(o.HVLCm)},
		{"source", o.SourceNote},
	}
	return physFinish("attenuation", err, *js, o, rows, stdout, stderr)
}

func physicsTransmission(args []string, stdout, stderr io.Writer) int {
	fs := physFlagSet("transmission", "--material M --thickness-cm X --energy-mev E [--density-g-cm3 D] [--json]", stderr)
	mat := fs.String("material", "", "material: "+strings.Join(scanner.MaterialNames(), ", "))
	x := fs.Float64("thickness-cm", math.NaN(), "thickness, cm (≥ 0)")
	e := fs.Float64("energy-mev", math.NaN(), "photon energy, MeV (0.01–20)")
	rho := fs.Float64("density-g-cm3", 0, "bulk density, g/cm³ (default: the material's nominal density)")
	js := fs.Bool("json", false, "print a JSON object")
	if st, done := physParse(fs, args); done {
		return st
	}
	type out struct {
		Material     string  `json:"material"`
		ThicknessCm  float64 `json:"thickness_cm"`
		EnergyMeV    float64 `json:"energy_mev"`
		DensityGC    float64 `json:"density_g_cm3"`
		ArealGCm2    float64 `json:"areal_density_g_cm2"`
		Transmission float64 `json:"transmission"`
	}
	var o out
	err := func() error {
		m, err := physParseMaterial(*mat)
		if err != nil {
			return err
		}
		if err := physRequired("thickness-cm", *x); err != nil {
			return err
		}
		if !(*x >= 0) || math.IsInf(*x, 0) || *x > 1e5 {
			return physBadFlag("--thickness-cm: %g is out of range; want a thickness 0–100000 cm", *x)
		}
		if err := physCheckEnergy(*e); err != nil {
			return err
		}
		d := *rho
		if d == 0 {
			d = scanner.Density(m)
		}
		if !(d > 0 && d <= 25) {
			return physBadFlag("--density-g-cm3: %g is out of range; want 0 < density ≤ 25 g/cm³", *rho)
		}
		t, err := scanner.SlabsTransmission([]scanner.Slab{{Material: m, DensityGC: d, DepthCm: *x}}, *e)
		o = out{Material: m.String(), ThicknessCm: *x, EnergyMeV: *e, DensityGC: d, ArealGCm2: d * *x, Transmission: t}
		return err
	}()
	rows := [][2]string{
		{"material", o.Material}, {"thickness (cm)", physG(o.ThicknessCm)}, {"energy (MeV)", physG(o.EnergyMeV)},
		{"density (g/cm³)", physG(o.DensityGC)}, {"areal density (g/cm²)", physG(o.ArealGCm2)},
		{"transmission", physG(o.Transmission)},
	}
	return physFinish("transmission", err, *js, o, rows, stdout, stderr)
}

func physicsCO2(args []string, stdout, stderr io.Writer) int {
	fs := physFlagSet("co2", "--people N --minutes T --air-m3 V --ach A [--gen-l-s G] [--json]", stderr)
	n := fs.Float64("people", math.NaN(), "people in the load space (0–1000)")
	t := fs.Float64("minutes", math.NaN(), "minutes since the load space was closed (0–10000)")
	v := fs.Float64("air-m3", math.NaN(), "air volume of the load space, m³ (0 < V ≤ 1000)")
	ach := fs.Float64("ach", math.NaN(), "air changes per hour (0–100)")
	gen := fs.Float64("gen-l-s", 0.005, "CO₂ generation per person, L/s (0 < G ≤ 0.05; 0.005 EST)")
	js := fs.Bool("json", false, "print a JSON object")
	if st, done := physParse(fs, args); done {
		return st
	}
	type out struct {
		People    float64 `json:"people"`
		Minutes   float64 `json:"minutes"`
		AirM3     float64 `json:"air_m3"`
		ACH       float64 `json:"ach"`
		GenLPerS  float64 `json:"gen_l_s"`
		DeltaPPM  float64 `json:"delta_ppm"`
		SteadyPPM float64 `json:"steady_state_ppm,omitempty"`
	}
	var o out
	err := func() error {
		for _, f := range []struct {
			name string
			v    float64
		}{{"people", *n}, {"minutes", *t}, {"air-m3", *v}, {"ach", *ach}} {
			if err := physRequired(f.name, f.v); err != nil {
				return err
			}
		}
		switch {
		case !(*n >= 0 && *n <= 1000):
			return physBadFlag("--people: %g is out of range; want 0–1000", *n)
		case !(*t >= 0 && *t <= 10000):
			return physBadFlag("--minutes: %g is out of range; want 0–10000", *t)
		case !(*v > 0 && *v <= 1000):
			return physBadFlag("--air-m3: %g is out of range; want 0 < V ≤ 1000 m³", *v)
		case !(*ach >= 0 && *ach <= 100):
			return physBadFlag("--ach: %g is out of range; want 0–100 air changes per hour", *ach)
		case !(*gen > 0 && *gen <= 0.05):
			return physBadFlag("--gen-l-s: %g is out of range; want 0 < G ≤ 0.05 L/s", *gen)
		}
		o = out{People: *n, Minutes: *t, AirM3: *v, ACH: *ach, GenLPerS: *gen,
			DeltaPPM: scanner.CO2DeltaPPM(*gen**n, *t, *v, *ach)}
		if *ach > 0 {
			o.SteadyPPM = *gen * *n * 3.6 / (*ach * *v) * 1e6
		}
		return nil
	}()
	ss := "∞ (no ventilation)"
	if o.SteadyPPM > 0 || *ach > 0 {
		ss = physG(o.SteadyPPM)
	}
	rows := [][2]string{
		{"people", physG(o.People)}, {"minutes", physG(o.Minutes)}, {"air (m³)", physG(o.AirM3)},
		{"ACH (1/h)", physG(o.ACH)}, {"CO₂ per person (L/s)", physG(o.GenLPerS)},
		{"rise above ambient (ppm)", physG(o.DeltaPPM)}, {"steady state (ppm)", ss},
	}
	return physFinish("co2", err, *js, o, rows, stdout, stderr)
}

// physScenarioFlags are the vehicle and condition flags shared by detect and table.
type physScenarioFlags struct {
	hidden    *int
	place     *string
	wind      *float64
	shed      *bool
	temp      *float64
	closed    *float64
	driverCab *bool
}

func physAddScenarioFlags(fs *flag.FlagSet) physScenarioFlags {
	return physScenarioFlags{
		hidden:    fs.Int("hidden", 1, "number of people hidden (0–200)"),
		place:     fs.String("place", "trailer", "hiding place: trailer, axle, roof, cab"),
		wind:      fs.Float64("wind-ms", 0, "wind speed at the search area, m/s (0–60)"),
		shed:      fs.Bool("shed", false, "the vehicle stands in a shed"),
		temp:      fs.Float64("temp-c", 12, "air temperature, °C (−40–60)"),
		closed:    fs.Float64("closed-min", 60, "minutes the load space has been closed with the people inside (0–10000)"),
		driverCab: fs.Bool("driver-in-cab", false, "X-ray/gamma: drive-through portal, driver stays in the cab"),
	}
}

func (f physScenarioFlags) check() (scanner.Place, scanner.Conditions, error) {
	p, ok := scanner.ParsePlace(*f.place)
	switch {
	case !ok:
		return 0, scanner.Conditions{}, physBadFlag("--place: unknown place %q; want trailer, axle, roof or cab", *f.place)
	case *f.hidden < 0 || *f.hidden > 200:
		return 0, scanner.Conditions{}, physBadFlag("--hidden: %d is out of range; want 0–200 people", *f.hidden)
	case !(*f.wind >= 0 && *f.wind <= 60):
		return 0, scanner.Conditions{}, physBadFlag("--wind-ms: %g is out of range; want 0–60 m/s", *f.wind)
	case !(*f.temp >= -40 && *f.temp <= 60):
		return 0, scanner.Conditions{}, physBadFlag("--temp-c: %g is out of range; want −40–60 °C", *f.temp)
	case !(*f.closed >= 0 && *f.closed <= 10000):
		return 0, scanner.Conditions{}, physBadFlag("--closed-min: %g is out of range; want 0–10000 minutes", *f.closed)
	}
	return p, scanner.Conditions{WindMS: *f.wind, Shed: *f.shed, TempC: *f.temp}, nil
}

// physResult is one method's analytic result for one vehicle.
type physResult struct {
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

func physPtr(x float64) *float64 { return &x }

// method builds the named method with the scenario's settings.
func physMethod(name string, driverInCab bool) (scanner.Analyzer, error) {
	m, err := scanner.New(name)
	if err != nil {
		return nil, physBadFlag("--method: %v", err)
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

func physAnalyze(m scanner.Analyzer, v *scanner.Vehicle, c scanner.Conditions, p scanner.Place) physResult {
	r := physResult{Method: m.Name(), Trailer: v.Trailer.String(), Cargo: v.Cargo.String(), Place: p.String(), Hidden: v.People[p], Applicable: true}
	if err := m.Applicable(v); err != nil {
		r.Applicable, r.Reason = false, err.Error()
		return r
	}
	a := m.Analyze(v, c)
	empty := *v
	empty.People = [scanner.NumPlaces]int{}
	r.PDetect = physPtr(a.Detect)
	r.PFalseAlarm = physPtr(m.Analyze(&empty, c).FalseAlarm)
	r.DurationMin = physPtr(a.MeanDurationMin)
	r.BeamMin = physPtr(a.BeamMin)
	r.Inconclusive = a.Inconclusive
	// Dose to a person at the place, whether or not anyone is there.
	probe := *v
	if probe.People[p] == 0 {
		probe.People[p] = 1
	}
	d := m.Analyze(&probe, c)
	r.DoseUSvHidden = physPtr(d.DoseUSv[p])
	r.DoseUSvDriver = physPtr(d.DoseDriverUSv)
	return r
}

func physicsDetect(args []string, stdout, stderr io.Writer) int {
	fs := physFlagSet("detect", "--method M --hidden N --place P --cargo C --trailer T [--wind-ms W] [--shed] [--temp-c C] [--closed-min T] [--json]", stderr)
	meth := fs.String("method", "", "search method: "+strings.Join(scanner.Names(), ", "))
	cargo := fs.String("cargo", "general", "cargo: empty, general, produce, paper, metal, liquid")
	trailer := fs.String("trailer", "curtain", "trailer: curtain, box, reefer, tanker, flatbed")
	sf := physAddScenarioFlags(fs)
	js := fs.Bool("json", false, "print a JSON object")
	if st, done := physParse(fs, args); done {
		return st
	}
	var r physResult
	err := func() error {
		m, err := physMethod(*meth, *sf.driverCab)
		if err != nil {
			return err
		}
		p, c, err := sf.check()
		if err != nil {
			return err
		}
		tr, ok := scanner.ParseTrailer(*trailer)
		if !ok {
			return physBadFlag("--trailer: unknown trailer %q; want curtain, box, reefer, tanker or flatbed", *trailer)
		}
		cg, ok := scanner.ParseCargo(*cargo)
		if !ok {
			return physBadFlag("--cargo: unknown cargo %q; want empty, general, produce, paper, metal or liquid", *cargo)
		}
		v := scanner.Vehicle{Trailer: tr, Cargo: cg, ClosedMin: *sf.closed}
		v.People[p] = *sf.hidden
		r = physAnalyze(m, &v, c, p)
		if !r.Applicable {
			return physBadFlag("%s cannot search this vehicle: %s", m.Name(), r.Reason)
		}
		return nil
	}()
	var rows [][2]string
	if err == nil {
		rows = [][2]string{
			{"method", r.Method}, {"trailer", r.Trailer}, {"cargo", r.Cargo},
			{"place", r.Place}, {"hidden", fmt.Sprint(r.Hidden)},
			{"P(detect)", physG(*r.PDetect)}, {"P(false alarm)", physG(*r.PFalseAlarm)},
			{"duration (min)", physG(*r.DurationMin)}, {"beam (min)", physG(*r.BeamMin)},
			{"inconclusive", fmt.Sprint(r.Inconclusive)},
			{"dose to a hidden person (µSv)", physG(*r.DoseUSvHidden)},
			{"dose to the driver (µSv)", physG(*r.DoseUSvDriver)},
		}
	}
	return physFinish("detect", err, *js, r, rows, stdout, stderr)
}

func physicsTable(args []string, stdout, stderr io.Writer) int {
	fs := physFlagSet("table", "[--hidden N] [--place P] [--wind-ms W] [--shed] [--temp-c C] [--closed-min T] [--json]", stderr)
	sf := physAddScenarioFlags(fs)
	js := fs.Bool("json", false, "print a JSON array")
	if st, done := physParse(fs, args); done {
		return st
	}
	p, c, err := sf.check()
	if err != nil {
		return physFinish("table", err, false, nil, nil, stdout, stderr)
	}
	var res []physResult
	for _, name := range scanner.Names() {
		m, err := physMethod(name, *sf.driverCab)
		if err != nil {
			return physFinish("table", err, false, nil, nil, stdout, stderr)
		}
		for tr := scanner.Trailer(0); tr < scanner.NumTrailers; tr++ {
			for cg := scanner.CargoKind(0); cg < scanner.NumCargoKinds; cg++ {
				v := scanner.Vehicle{Trailer: tr, Cargo: cg, ClosedMin: *sf.closed}
				v.People[p] = *sf.hidden
				res = append(res, physAnalyze(m, &v, c, p))
			}
		}
	}
	if *js {
		return physFinish("table", nil, true, res, nil, stdout, stderr)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
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
	if err := tw.Flush(); err != nil {
		return exitInternal
	}
	return exitOK
}
