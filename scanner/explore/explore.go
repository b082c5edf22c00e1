// Package explore is the detector physics explorer behind channelsim
// physics: the models the simulation's searches use (package scanner), one
// at a time, with their inputs checked and their results laid out as JSON
// objects or as rows of a two-column table (docs/physics.md).
//
// Each function takes the explorer's flags as values and returns the result
// to encode as JSON, the rows to print, and an error: a UsageError for bad
// input, which the command reports as a usage error.
package explore

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"channelsim/scanner"
)

// UsageError is bad input: the message names the flag and what it wants.
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

func badFlag(format string, a ...any) error { return UsageError{fmt.Sprintf(format, a...)} }

// Row is one line of a result's two-column table: a label and a value.
type Row [2]string

// WriteRows prints rows as an aligned two-column table.
func WriteRows(w io.Writer, rows []Row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
	}
	return tw.Flush()
}

// required reports a float flag left at its NaN "unset" default.
func required(name string, x float64) error {
	if math.IsNaN(x) {
		return badFlag("--%s is required", name)
	}
	return nil
}

func checkEnergy(e float64) error {
	if err := required("energy-mev", e); err != nil {
		return err
	}
	if !(e >= scanner.MinEnergyMeV && e <= scanner.MaxEnergyMeV) {
		return badFlag("--energy-mev: %g is out of range; want %g–%g MeV (the NIST table)", e, scanner.MinEnergyMeV, scanner.MaxEnergyMeV)
	}
	return nil
}

func parseMaterial(s string) (scanner.Material, error) {
	m, err := scanner.ParseMaterial(s)
	if err != nil {
		return 0, badFlag("--material: %v", err)
	}
	return m, nil
}

func g(x float64) string { return fmt.Sprintf("%.6g", x) }

// AttenuationResult is one material's coefficients at one energy.
type AttenuationResult struct {
	Material   string  `json:"material"`
	EnergyMeV  float64 `json:"energy_mev"`
	MuRho      float64 `json:"mu_rho_cm2_g"`
	MuEnRho    float64 `json:"mu_en_rho_cm2_g"`
	DensityGC  float64 `json:"density_g_cm3"`
	HVLCm      float64 `json:"half_value_layer_cm"`
	SourceNote string  `json:"source"`
}

// Attenuation looks up the NIST mass attenuation and energy-absorption
// coefficients of the named material at energy MeV.
func Attenuation(material string, energy float64) (AttenuationResult, []Row, error) {
	if material == "" {
		return AttenuationResult{}, nil, badFlag("--material is required (one of %s)", strings.Join(scanner.MaterialNames(), ", "))
	}
	var o AttenuationResult
	err := func() error {
		m, err := parseMaterial(material)
		if err != nil {
			return err
		}
		if err := checkEnergy(energy); err != nil {
			return err
		}
		o = AttenuationResult{Material: m.String(), EnergyMeV: energy, DensityGC: scanner.Density(m), SourceNote: "NIST SRD 126 (Hubbell & Seltzer), log-log interpolation"}
		if o.MuRho, err = scanner.MuRho(m, energy); err != nil {
			return err
		}
		if o.MuEnRho, err = scanner.MuEnRho(m, energy); err != nil {
			return err
		}
		o.HVLCm, err = scanner.HalfValueLayerCm(m, energy)
		return err
	}()
	rows := []Row{
		{"material", o.Material}, {"energy (MeV)", g(o.EnergyMeV)},
		{"mu/rho (cm²/g)", g(o.MuRho)}, {"mu_en/rho (cm²/g)", g(o.MuEnRho)},
		{"density (g/cm³)", g(o.DensityGC)}, {"half-value layer (cm)", g(o.HVLCm)},
		{"source", o.SourceNote},
	}
	return o, rows, err
}

// Slab is physics transmission's input: a slab of material, its
// thickness, the photon energy and a bulk density (0: the material's own).
type Slab struct {
	Material            string
	ThicknessCm, Energy float64
	Density             float64
}

// TransmissionResult is the narrow-beam transmission through one slab.
type TransmissionResult struct {
	Material     string  `json:"material"`
	ThicknessCm  float64 `json:"thickness_cm"`
	EnergyMeV    float64 `json:"energy_mev"`
	DensityGC    float64 `json:"density_g_cm3"`
	ArealGCm2    float64 `json:"areal_density_g_cm2"`
	Transmission float64 `json:"transmission"`
}

// Transmission is the narrow-beam transmission through the slab s.
func Transmission(s Slab) (TransmissionResult, []Row, error) {
	var o TransmissionResult
	err := func() error {
		m, err := parseMaterial(s.Material)
		if err != nil {
			return err
		}
		if err := required("thickness-cm", s.ThicknessCm); err != nil {
			return err
		}
		x := s.ThicknessCm
		if !(x >= 0) || math.IsInf(x, 0) || x > 1e5 {
			return badFlag("--thickness-cm: %g is out of range; want a thickness 0–100000 cm", x)
		}
		if err := checkEnergy(s.Energy); err != nil {
			return err
		}
		d := s.Density
		if d == 0 {
			d = scanner.Density(m)
		}
		if !(d > 0 && d <= 25) {
			return badFlag("--density-g-cm3: %g is out of range; want 0 < density ≤ 25 g/cm³", s.Density)
		}
		t, err := scanner.SlabsTransmission([]scanner.Slab{{Material: m, DensityGC: d, DepthCm: x}}, s.Energy)
		o = TransmissionResult{Material: m.String(), ThicknessCm: x, EnergyMeV: s.Energy, DensityGC: d, ArealGCm2: d * x, Transmission: t}
		return err
	}()
	rows := []Row{
		{"material", o.Material}, {"thickness (cm)", g(o.ThicknessCm)}, {"energy (MeV)", g(o.EnergyMeV)},
		{"density (g/cm³)", g(o.DensityGC)}, {"areal density (g/cm²)", g(o.ArealGCm2)},
		{"transmission", g(o.Transmission)},
	}
	return o, rows, err
}

// LoadSpace is physics co2's input: people closed in a load space of AirM3
// for Minutes, with ACH air changes per hour, each giving off GenLPerS.
type LoadSpace struct {
	People, Minutes, AirM3, ACH, GenLPerS float64
}

// CO2Result is the CO₂ rise in a closed load space.
type CO2Result struct {
	People    float64 `json:"people"`
	Minutes   float64 `json:"minutes"`
	AirM3     float64 `json:"air_m3"`
	ACH       float64 `json:"ach"`
	GenLPerS  float64 `json:"gen_l_s"`
	DeltaPPM  float64 `json:"delta_ppm"`
	SteadyPPM float64 `json:"steady_state_ppm,omitempty"`
}

func (l LoadSpace) check() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"people", l.People}, {"minutes", l.Minutes}, {"air-m3", l.AirM3}, {"ach", l.ACH}} {
		if err := required(f.name, f.v); err != nil {
			return err
		}
	}
	switch {
	case !(l.People >= 0 && l.People <= 1000):
		return badFlag("--people: %g is out of range; want 0–1000", l.People)
	case !(l.Minutes >= 0 && l.Minutes <= 10000):
		return badFlag("--minutes: %g is out of range; want 0–10000", l.Minutes)
	case !(l.AirM3 > 0 && l.AirM3 <= 1000):
		return badFlag("--air-m3: %g is out of range; want 0 < V ≤ 1000 m³", l.AirM3)
	case !(l.ACH >= 0 && l.ACH <= 100):
		return badFlag("--ach: %g is out of range; want 0–100 air changes per hour", l.ACH)
	case !(l.GenLPerS > 0 && l.GenLPerS <= 0.05):
		return badFlag("--gen-l-s: %g is out of range; want 0 < G ≤ 0.05 L/s", l.GenLPerS)
	}
	return nil
}

// CO2 is the CO₂ rise in the load space l (a one-zone model).
func CO2(l LoadSpace) (CO2Result, []Row, error) {
	var o CO2Result
	err := l.check()
	if err == nil {
		o = CO2Result{People: l.People, Minutes: l.Minutes, AirM3: l.AirM3, ACH: l.ACH, GenLPerS: l.GenLPerS,
			DeltaPPM: scanner.CO2DeltaPPM(l.GenLPerS*l.People, l.Minutes, l.AirM3, l.ACH)}
		if l.ACH > 0 {
			o.SteadyPPM = l.GenLPerS * l.People * 3.6 / (l.ACH * l.AirM3) * 1e6
		}
	}
	ss := "∞ (no ventilation)"
	if o.SteadyPPM > 0 || l.ACH > 0 {
		ss = g(o.SteadyPPM)
	}
	rows := []Row{
		{"people", g(o.People)}, {"minutes", g(o.Minutes)}, {"air (m³)", g(o.AirM3)},
		{"ACH (1/h)", g(o.ACH)}, {"CO₂ per person (L/s)", g(o.GenLPerS)},
		{"rise above ambient (ppm)", g(o.DeltaPPM)}, {"steady state (ppm)", ss},
	}
	return o, rows, err
}
