package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"channelsim/scanner"
)

func init() { register(newPhysicsCmd) }

// physicsMain runs the explorer (channelsim physics ARGS) writing to
// stdout and stderr; it returns the exit status.
func physicsMain(args []string, stdout, stderr io.Writer) int {
	return execute(append([]string{"physics"}, args...), stdout, stderr)
}

// physicsSubs are the explorer's subcommands, in the order help lists them.
var physicsSubs = []struct {
	name, summary string
	make          func() *cobra.Command
}{
	{"attenuation", "NIST mass attenuation and energy-absorption coefficients", newPhysicsAttenuationCmd},
	{"transmission", "narrow-beam transmission through a slab", newPhysicsTransmissionCmd},
	{"co2", "CO₂ rise in a closed load space (one-zone model)", newPhysicsCO2Cmd},
	{"detect", "P(detect), P(false alarm), time and dose of one search method", newPhysicsDetectCmd},
	{"table", "every method across trailer and cargo types", newPhysicsTableCmd},
}

func newPhysicsCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "physics SUBCOMMAND [FLAGS]",
		Short: "explore detector physics: attenuation, transmission, CO₂, detection",
		Long: "The detector physics explorer: the models the simulation's searches use, one\n" +
			"at a time (docs/physics.md). --json prints JSON.",
		Example: "  channelsim physics transmission --material iron --thickness-cm 2 --energy-mev 1.25\n" +
			"  channelsim physics table --place axle --format csv",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(c, args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			c.SetOut(c.ErrOrStderr())
			c.Help()
			return exitStatus(exitUsage)
		},
	}
	for _, s := range physicsSubs {
		sub := s.make()
		sub.Short = s.summary
		c.AddCommand(sub)
	}
	return c
}

// physicsCmd makes a physics subcommand whose run gets stdout and stderr.
func physicsCmd(use, example string, run func(stdout, stderr io.Writer) int) *cobra.Command {
	name, _, _ := strings.Cut(use, " ")
	return &cobra.Command{
		Use:     use,
		Example: example,
		Args:    noArgs,
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			_ = name
			return status(run(c.OutOrStdout(), c.ErrOrStderr()))
		},
	}
}

// physUsageError is bad input: the message names the flag and what it wants.
type physUsageError struct{ msg string }

func (e physUsageError) Error() string { return e.msg }

func physBadFlag(format string, a ...any) error { return physUsageError{fmt.Sprintf(format, a...)} }

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

func newPhysicsAttenuationCmd() *cobra.Command {
	var mat string
	var e float64
	var js bool
	c := physicsCmd("attenuation --material M --energy-mev E [--json]", "  channelsim physics attenuation --material iron --energy-mev 1.25",
		func(stdout, stderr io.Writer) int { return physicsAttenuation(mat, e, js, stdout, stderr) })
	f := c.Flags()
	f.StringVar(&mat, "material", "", "material: "+strings.Join(scanner.MaterialNames(), ", "))
	f.Float64Var(&e, "energy-mev", math.NaN(), "photon energy, MeV (0.01–20)")
	f.BoolVar(&js, "json", false, "print a JSON object")
	c.RegisterFlagCompletionFunc("material", fixedCompletion(scanner.MaterialNames()...))
	return c
}

func physicsAttenuation(matName string, energy float64, jsonOut bool, stdout, stderr io.Writer) int {
	mat, e, js := &matName, &energy, &jsonOut
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

// transmissionOptions are physics transmission's flags.
type transmissionOptions struct {
	Material            string
	ThicknessCm, Energy float64
	Density             float64
	JSON                bool
}

func newPhysicsTransmissionCmd() *cobra.Command {
	var o transmissionOptions
	c := physicsCmd("transmission --material M --thickness-cm X --energy-mev E [--density-g-cm3 D] [--json]",
		"  channelsim physics transmission --material iron --thickness-cm 1.645 --energy-mev 1.25",
		func(stdout, stderr io.Writer) int { return physicsTransmission(o, stdout, stderr) })
	f := c.Flags()
	f.StringVar(&o.Material, "material", "", "material: "+strings.Join(scanner.MaterialNames(), ", "))
	f.Float64Var(&o.ThicknessCm, "thickness-cm", math.NaN(), "thickness, cm (≥ 0)")
	f.Float64Var(&o.Energy, "energy-mev", math.NaN(), "photon energy, MeV (0.01–20)")
	f.Float64Var(&o.Density, "density-g-cm3", 0, "bulk density, g/cm³ (default: the material's nominal density)")
	f.BoolVar(&o.JSON, "json", false, "print a JSON object")
	c.RegisterFlagCompletionFunc("material", fixedCompletion(scanner.MaterialNames()...))
	return c
}

func physicsTransmission(opts transmissionOptions, stdout, stderr io.Writer) int {
	mat, x, e, rho, js := &opts.Material, &opts.ThicknessCm, &opts.Energy, &opts.Density, &opts.JSON
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

// co2Options are physics co2's flags.
type co2Options struct {
	People, Minutes, AirM3, ACH, GenLPerS float64
	JSON                                  bool
}

func newPhysicsCO2Cmd() *cobra.Command {
	var o co2Options
	c := physicsCmd("co2 --people N --minutes T --air-m3 V --ach A [--gen-l-s G] [--json]",
		"  channelsim physics co2 --people 5 --minutes 60 --air-m3 86 --ach 0.2",
		func(stdout, stderr io.Writer) int { return physicsCO2(o, stdout, stderr) })
	f := c.Flags()
	f.Float64Var(&o.People, "people", math.NaN(), "people in the load space (0–1000)")
	f.Float64Var(&o.Minutes, "minutes", math.NaN(), "minutes since the load space was closed (0–10000)")
	f.Float64Var(&o.AirM3, "air-m3", math.NaN(), "air volume of the load space, m³ (0 < V ≤ 1000)")
	f.Float64Var(&o.ACH, "ach", math.NaN(), "air changes per hour (0–100)")
	f.Float64Var(&o.GenLPerS, "gen-l-s", 0.005, "CO₂ generation per person, L/s (0 < G ≤ 0.05; 0.005 EST)")
	f.BoolVar(&o.JSON, "json", false, "print a JSON object")
	return c
}

func physicsCO2(opts co2Options, stdout, stderr io.Writer) int {
	n, t, v, ach, gen, js := &opts.People, &opts.Minutes, &opts.AirM3, &opts.ACH, &opts.GenLPerS, &opts.JSON
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

func physAddScenarioFlags(c *cobra.Command) physScenarioFlags {
	fs := c.Flags()
	c.RegisterFlagCompletionFunc("place", fixedCompletion("trailer", "axle", "roof", "cab"))
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

// detectOptions are physics detect's flags.
type detectOptions struct {
	Method, Cargo, Trailer string
	Vehicle                physScenarioFlags
	JSON                   bool
}

func newPhysicsDetectCmd() *cobra.Command {
	var o detectOptions
	c := physicsCmd("detect --method M --hidden N --place P --cargo C --trailer T [--wind-ms W] [--shed] [--temp-c C] [--closed-min T] [--json]",
		"  channelsim physics detect --method xray --hidden 2 --place trailer --cargo general --trailer box",
		func(stdout, stderr io.Writer) int { return physicsDetect(o, stdout, stderr) })
	f := c.Flags()
	f.StringVar(&o.Method, "method", "", "search method: "+strings.Join(scanner.Names(), ", "))
	f.StringVar(&o.Cargo, "cargo", "general", "cargo: empty, general, produce, paper, metal, liquid")
	f.StringVar(&o.Trailer, "trailer", "curtain", "trailer: curtain, box, reefer, tanker, flatbed")
	o.Vehicle = physAddScenarioFlags(c)
	f.BoolVar(&o.JSON, "json", false, "print a JSON object")
	c.RegisterFlagCompletionFunc("method", fixedCompletion(scanner.Names()...))
	c.RegisterFlagCompletionFunc("cargo", fixedCompletion("empty", "general", "produce", "paper", "metal", "liquid"))
	c.RegisterFlagCompletionFunc("trailer", fixedCompletion("curtain", "box", "reefer", "tanker", "flatbed"))
	return c
}

func physicsDetect(opts detectOptions, stdout, stderr io.Writer) int {
	meth, cargo, trailer, sf, js := &opts.Method, &opts.Cargo, &opts.Trailer, opts.Vehicle, &opts.JSON
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

// tableOptions are physics table's flags.
type tableOptions struct {
	Vehicle physScenarioFlags
	Format  string
}

func newPhysicsTableCmd() *cobra.Command {
	var o tableOptions
	var asJSON bool
	c := physicsCmd("table [--hidden N] [--place P] [--wind-ms W] [--shed] [--temp-c C] [--closed-min T] [--format table|json|csv]",
		"  channelsim physics table --place axle --hidden 2 --wind-ms 5\n  channelsim physics table --format csv > methods.csv",
		func(stdout, stderr io.Writer) int {
			if asJSON {
				o.Format = "json"
			}
			return physicsTable(o, stdout, stderr)
		})
	o.Vehicle = physAddScenarioFlags(c)
	addFormatFlag(c, &o.Format, &asJSON)
	return c
}

func physicsTable(o tableOptions, stdout, stderr io.Writer) int {
	sf := o.Vehicle
	if o.Format != "table" && o.Format != "json" && o.Format != "csv" {
		return physFinish("table", physBadFlag("--format: expected table, json or csv, got %q", o.Format), false, nil, nil, stdout, stderr)
	}
	js := &[]bool{o.Format == "json"}[0]
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
	if o.Format == "csv" {
		rows := [][]string{{"method", "trailer", "cargo", "place", "hidden", "applicable", "reason", "p_detect", "p_false_alarm", "duration_min", "beam_min", "inconclusive", "dose_usv_hidden", "dose_usv_driver"}}
		opt := func(x *float64) string {
			if x == nil {
				return ""
			}
			return physG(*x)
		}
		for _, r := range res {
			rows = append(rows, []string{r.Method, r.Trailer, r.Cargo, r.Place, fmt.Sprint(r.Hidden), fmt.Sprint(r.Applicable), r.Reason,
				opt(r.PDetect), opt(r.PFalseAlarm), opt(r.DurationMin), opt(r.BeamMin), fmt.Sprint(r.Inconclusive), opt(r.DoseUSvHidden), opt(r.DoseUSvDriver)})
		}
		if err := writeCSV(stdout, rows); err != nil {
			return exitInternal
		}
		return exitOK
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
