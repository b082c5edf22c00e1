package scanner

import (
	"embed"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Photon attenuation data. All coefficients are the NIST XCOM / SRD 126
// tables of Hubbell & Seltzer ("Tables of X-Ray Mass Attenuation Coefficients
// and Mass Energy-Absorption Coefficients", Tables 3 and 4,
// https://physics.nist.gov/PhysRefData/XrayMassCoef/), on NIST's standard
// energy grid from 10 keV to 20 MeV, as cited in scanner-physics.md §1 (SRC).
// Each material's table is a CSV file under data/, embedded in the binary.

//go:embed data/*.csv
var dataFS embed.FS

// Material is a material with tabulated photon attenuation coefficients.
type Material uint8

// Materials. Cellulose (C6H10O5, the proxy for wood, paper and cardboard) is
// not a NIST table: it is computed by the mixture rule from the H, C and O
// tables, as scanner-physics.md §1.1 and calc.py do (CALC).
const (
	Iron Material = iota
	Aluminium
	Water
	Tissue // ICRU four-component soft tissue
	Polyethylene
	Cellulose
	Concrete // ordinary concrete (NIST)
	Air      // dry air near sea level
	Hydrogen
	Carbon
	Oxygen
	NumMaterials
)

var materialNames = [NumMaterials]string{
	"iron", "aluminium", "water", "tissue", "polyethylene", "cellulose",
	"concrete", "air", "hydrogen", "carbon", "oxygen",
}

// materialAliases are other accepted spellings for ParseMaterial.
var materialAliases = map[string]Material{
	"fe": Iron, "steel": Iron, "al": Aluminium, "aluminum": Aluminium,
	"h2o": Water, "tissue4": Tissue, "soft-tissue": Tissue, "pe": Polyethylene,
	"paper": Cellulose, "wood": Cellulose, "h": Hydrogen, "c": Carbon, "o": Oxygen,
}

// String returns the material's name.
func (m Material) String() string {
	if m < NumMaterials {
		return materialNames[m]
	}
	return "unknown"
}

// ParseMaterial returns the material named s (as printed by String, or a
// common alias such as "fe", "steel" or "paper"), case-insensitively.
func ParseMaterial(s string) (Material, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for i, n := range materialNames {
		if n == k {
			return Material(i), nil
		}
	}
	if m, ok := materialAliases[k]; ok {
		return m, nil
	}
	return 0, fmt.Errorf("unknown material %q (want one of %s)", s, strings.Join(materialNames[:], ", "))
}

// MaterialNames returns the names of all materials, in order.
func MaterialNames() []string {
	out := make([]string, NumMaterials)
	copy(out, materialNames[:])
	return out
}

// materialDensity is the nominal density of each material, g/cm³
// (scanner-physics.md §1.3). Iron 7.874 and aluminium 2.699: NIST Table 1
// (MEM). Water 1.00 (SRC). ICRU-4 soft tissue 1.00 as tabulated by NIST (SRC).
// Polyethylene 0.93 (NIST, MEM). Cellulose 1.5 for the solid (EST; bulk
// paper 0.7–1.2). Ordinary concrete 2.3 (NIST, MEM). Dry air 0.0012041 (SRC).
// H, C, O: gas at STP / graphite 1.7 (NIST Table 1, MEM); only used as
// mixture components.
var materialDensity = [NumMaterials]float64{
	Iron:         7.874,
	Aluminium:    2.699,
	Water:        1.0,
	Tissue:       1.0,
	Polyethylene: 0.93,
	Cellulose:    1.5, // EST: solid cellulose
	Concrete:     2.3,
	Air:          0.0012041,
	Hydrogen:     8.375e-5,
	Carbon:       1.7,
	Oxygen:       1.332e-3,
}

// Density returns the material's nominal density, g/cm³.
func Density(m Material) float64 {
	if m < NumMaterials {
		return materialDensity[m]
	}
	return math.NaN()
}

// Energy range of the tables, MeV.
const (
	MinEnergyMeV = 0.01
	MaxEnergyMeV = 20.0
)

// cellulose weight fractions, from C6H10O5 with atomic masses H 1.008,
// C 12.011, O 15.999 (calc.py; scanner-physics.md §1.1: 0.0622, 0.4445, 0.4934).
var celluloseW = func() [3]float64 {
	const h, c, o = 10 * 1.008, 6 * 12.011, 5 * 15.999
	m := h + c + o
	return [3]float64{h / m, c / m, o / m}
}()

// attTable is one material's table in log-log form.
type attTable struct {
	logE, logMu, logMuEn []float64
	mu, muEn             []float64 // as tabulated, returned exactly at grid energies
}

var tables [NumMaterials]attTable

// gridMeV is the NIST energy grid shared by all tables.
var gridMeV []float64

func init() {
	raw := [NumMaterials][3][]float64{}
	for m := Material(0); m < NumMaterials; m++ {
		if m == Cellulose {
			continue
		}
		e, mu, en, err := readTable("data/" + materialNames[m] + ".csv")
		if err != nil {
			panic("scanner: embedded NIST table: " + err.Error())
		}
		raw[m] = [3][]float64{e, mu, en}
	}
	gridMeV = raw[Iron][0]
	for m := Material(0); m < NumMaterials; m++ {
		if m != Cellulose && !equalGrid(raw[m][0], gridMeV) {
			panic("scanner: NIST table " + materialNames[m] + " is not on the common grid")
		}
	}
	// Cellulose by the mixture rule μ/ρ = Σ wᵢ (μ/ρ)ᵢ (and likewise μ_en/ρ,
	// which neglects the small differences in radiative losses between
	// elements: a good approximation for low-Z mixtures).
	n := len(gridMeV)
	cel := [3][]float64{gridMeV, make([]float64, n), make([]float64, n)}
	for i := 0; i < n; i++ {
		for k := 1; k <= 2; k++ {
			cel[k][i] = celluloseW[0]*raw[Hydrogen][k][i] + celluloseW[1]*raw[Carbon][k][i] + celluloseW[2]*raw[Oxygen][k][i]
		}
	}
	raw[Cellulose] = cel
	for m := Material(0); m < NumMaterials; m++ {
		tables[m] = attTable{logs(raw[m][0]), logs(raw[m][1]), logs(raw[m][2]), raw[m][1], raw[m][2]}
	}
}

func equalGrid(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func logs(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = math.Log(v)
	}
	return out
}

// readTable parses one embedded CSV: energy (MeV), μ/ρ, μ_en/ρ (cm²/g).
func readTable(name string) (e, mu, en []float64, err error) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return nil, nil, nil, err
	}
	for ln, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, ",")
		if len(f) != 3 {
			return nil, nil, nil, fmt.Errorf("%s:%d: want 3 fields, got %d", name, ln+1, len(f))
		}
		var v [3]float64
		for i := range f {
			if v[i], err = strconv.ParseFloat(strings.TrimSpace(f[i]), 64); err != nil || v[i] <= 0 {
				return nil, nil, nil, fmt.Errorf("%s:%d: bad number %q", name, ln+1, f[i])
			}
		}
		if len(e) > 0 && v[0] <= e[len(e)-1] {
			return nil, nil, nil, fmt.Errorf("%s:%d: energies not increasing", name, ln+1)
		}
		e, mu, en = append(e, v[0]), append(mu, v[1]), append(en, v[2])
	}
	if len(e) < 2 {
		return nil, nil, nil, errors.New(name + ": too few rows")
	}
	return e, mu, en, nil
}

// GridMeV returns NIST's energy grid, MeV (a copy).
func GridMeV() []float64 {
	out := make([]float64, len(gridMeV))
	copy(out, gridMeV)
	return out
}

// interpLogLog interpolates y(x) linearly in log-log space; lx and ly are the
// logs of the table, x must lie within it.
func interpLogLog(lx, ly []float64, x float64) float64 {
	l := math.Log(x)
	i := sort.SearchFloat64s(lx, l) // first index with lx[i] >= l
	if i < len(lx) && lx[i] == l {
		return math.Exp(ly[i])
	}
	return interpAt(lx, ly, l, i)
}

// interpAt interpolates at log-energy l, i being the first index with lx[i] ≥ l.
func interpAt(lx, ly []float64, l float64, i int) float64 {
	if i == 0 {
		i = 1
	}
	if i >= len(lx) {
		i = len(lx) - 1
	}
	f := (l - lx[i-1]) / (lx[i] - lx[i-1])
	return math.Exp(ly[i-1] + f*(ly[i]-ly[i-1]))
}

func checkArgs(m Material, energyMeV float64) error {
	if m >= NumMaterials {
		return fmt.Errorf("unknown material %d", m)
	}
	if !(energyMeV >= MinEnergyMeV && energyMeV <= MaxEnergyMeV) { // also rejects NaN
		return fmt.Errorf("energy %g MeV out of the tabulated range %g–%g MeV", energyMeV, MinEnergyMeV, MaxEnergyMeV)
	}
	return nil
}

// MuRho returns the mass attenuation coefficient μ/ρ (cm²/g, total with
// coherent scattering) of m at the photon energy energyMeV, interpolated
// log-log between NIST grid points.
func MuRho(m Material, energyMeV float64) (float64, error) {
	if err := checkArgs(m, energyMeV); err != nil {
		return 0, err
	}
	return lookup(tables[m].logE, tables[m].logMu, tables[m].mu, energyMeV), nil
}

// lookup returns the tabulated value exactly at a grid energy and the
// log-log interpolation between grid energies.
func lookup(lx, ly, y []float64, e float64) float64 {
	l := math.Log(e)
	i := sort.SearchFloat64s(lx, l)
	if i < len(lx) && (lx[i] == l || gridMeV[i] == e) {
		return y[i]
	}
	return interpAt(lx, ly, l, i)
}

// MuEnRho returns the mass energy-absorption coefficient μ_en/ρ (cm²/g) of m
// at energyMeV, interpolated log-log.
func MuEnRho(m Material, energyMeV float64) (float64, error) {
	if err := checkArgs(m, energyMeV); err != nil {
		return 0, err
	}
	return lookup(tables[m].logE, tables[m].logMuEn, tables[m].muEn, energyMeV), nil
}

// mustMuRho is MuRho for arguments known to be valid (package tables).
func mustMuRho(m Material, e float64) float64 {
	v, err := MuRho(m, e)
	if err != nil {
		panic(err)
	}
	return v
}

func mustMuEnRho(m Material, e float64) float64 {
	v, err := MuEnRho(m, e)
	if err != nil {
		panic(err)
	}
	return v
}

// Transmission returns the narrow-beam (Beer–Lambert) transmission
// I/I₀ = exp(−(μ/ρ)·ρ·x) of thicknessCm of m at its nominal density.
func Transmission(m Material, thicknessCm, energyMeV float64) (float64, error) {
	if !(thicknessCm >= 0) || math.IsInf(thicknessCm, 0) {
		return 0, fmt.Errorf("thickness %g cm must be a finite number ≥ 0", thicknessCm)
	}
	mu, err := MuRho(m, energyMeV)
	if err != nil {
		return 0, err
	}
	return math.Exp(-mu * materialDensity[m] * thicknessCm), nil
}

// HalfValueLayerCm returns the thickness of m (nominal density) that halves a
// narrow beam at energyMeV: ln 2 / ((μ/ρ)·ρ).
func HalfValueLayerCm(m Material, energyMeV float64) (float64, error) {
	mu, err := MuRho(m, energyMeV)
	if err != nil {
		return 0, err
	}
	return math.Ln2 / (mu * materialDensity[m]), nil
}

// Slab is a layer crossed by a ray: a material at a (bulk) density over a
// path length. Bulk density lets a slab stand for a pallet of goods: 2 m of
// cardboard boxes at 0.3 g/cm³ is Slab{Cellulose, 0.3, 200}.
type Slab struct {
	Material  Material
	DensityGC float64 // g/cm³
	DepthCm   float64 // path length, cm
}

// ArealDensity returns the slab's mass thickness ρ·L, g/cm².
func (s Slab) ArealDensity() float64 { return s.DensityGC * s.DepthCm }

// SlabsTransmission returns the narrow-beam transmission of a stack of
// slabs at energyMeV: exp(−Σ (μ/ρ)ₖ ρₖ Lₖ).
func SlabsTransmission(slabs []Slab, energyMeV float64) (float64, error) {
	sum := 0.0
	for _, s := range slabs {
		if !(s.DensityGC >= 0) || !(s.DepthCm >= 0) {
			return 0, fmt.Errorf("slab %v: density and depth must be ≥ 0", s)
		}
		mu, err := MuRho(s.Material, energyMeV)
		if err != nil {
			return 0, err
		}
		sum += mu * s.ArealDensity()
	}
	return math.Exp(-sum), nil
}
