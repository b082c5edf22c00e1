package weather

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// calendar returns the month of each day of n years from 1 January of a
// non-leap year.
func calendar(years int) []time.Month {
	var ms []time.Month
	for y := 0; y < years; y++ {
		for d := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2021; d = d.AddDate(0, 0, 1) {
			ms = append(ms, d.Month())
		}
	}
	return ms
}

func drawSea(cfg Config, months []time.Month, seed uint64) *Sea {
	return New(&cfg, months, rand.New(rand.NewPCG(seed, 0x5ea)))
}

// TestDeterminism: the same seed gives the same series, another seed
// another.
func TestDeterminism(t *testing.T) {
	ms := calendar(3)
	a, b, c := drawSea(Default(), ms, 1), drawSea(Default(), ms, 1), drawSea(Default(), ms, 2)
	if a.Days() != len(ms) {
		t.Fatalf("%d days, want %d", a.Days(), len(ms))
	}
	same := true
	for d := 0; d < a.Days(); d++ {
		if a.WaveM(d) != b.WaveM(d) {
			t.Fatalf("day %d: %v and %v with the same seed", d, a.WaveM(d), b.WaveM(d))
		}
		same = same && a.WaveM(d) == c.WaveM(d)
	}
	if same {
		t.Error("seeds 1 and 2 gave the same series")
	}
}

// TestCalmShareMatchesSample: over many simulated years the share of days
// under a threshold in each month is CalmShare's, within sampling error
// (the effective sample shrinks by (1−φ)/(1+φ) for correlated days).
func TestCalmShareMatchesSample(t *testing.T) {
	const years = 600
	ms := calendar(years)
	for _, c := range []struct {
		cfg Config
		thr float64
	}{
		{Default(), 0.5},
		{Default(), 1.0},
		{Config{MedianWaveM: []float64{1, 1, 0.9, 0.8, 0.6, 0.5, 0.5, 0.5, 0.6, 0.8, 1, 1.2}, LogSD: 0.4, Persistence: 6}, 0.7},
	} {
		sea := drawSea(c.cfg, ms, 7)
		var calm, n [13]float64
		for d, m := range ms {
			n[m]++
			if sea.WaveM(d) < c.thr {
				calm[m]++
			}
		}
		phi := c.cfg.Phi()
		for m := time.January; m <= time.December; m++ {
			p := CalmShare(&c.cfg, m, c.thr)
			neff := n[m] * (1 - phi) / (1 + phi)
			tol := 4.5*math.Sqrt(p*(1-p)/neff) + 1e-9
			if got := calm[m] / n[m]; math.Abs(got-p) > tol {
				t.Errorf("threshold %v, %s: sample calm share %.4f, CalmShare %.4f (tolerance %.4f)", c.thr, m, got, p, tol)
			}
		}
	}
}

// TestLagOneAutocorrelation: the log height's anomaly about its month's
// median has lag-1 autocorrelation φ = exp(−1/persistence).
func TestLagOneAutocorrelation(t *testing.T) {
	ms := calendar(300)
	for _, p := range []float64{0.5, 2, 7} {
		cfg := Default()
		cfg.Persistence = p
		sea := drawSea(cfg, ms, 11)
		a := make([]float64, len(ms))
		for d, m := range ms {
			a[d] = math.Log(sea.WaveM(d) / cfg.MedianWaveM[m-1])
		}
		var num, den, mean float64
		for _, x := range a {
			mean += x
		}
		mean /= float64(len(a))
		for d := range a {
			den += (a[d] - mean) * (a[d] - mean)
			if d > 0 {
				num += (a[d] - mean) * (a[d-1] - mean)
			}
		}
		phi := cfg.Phi()
		// The estimator's sd is about √((1−φ²)/n); allow 5 of them.
		tol := 5 * math.Sqrt((1-phi*phi)/float64(len(a)))
		if r := num / den; math.Abs(r-phi) > tol {
			t.Errorf("persistence %v d: lag-1 autocorrelation %.4f, want φ = %.4f ± %.4f", p, r, phi, tol)
		}
		if sd := math.Sqrt(den / float64(len(a))); math.Abs(sd-cfg.LogSD) > 0.03 {
			t.Errorf("persistence %v d: sd of log height %.3f, want %v", p, sd, cfg.LogSD)
		}
	}
}

func TestCheck(t *testing.T) {
	bad := func(f func(*Config)) Config {
		c := Default()
		c.MedianWaveM = append([]float64(nil), c.MedianWaveM...)
		f(&c)
		return c
	}
	cases := []struct {
		name string
		cfg  Config
		want []string // "path: part of the message"
	}{
		{"default", Default(), nil},
		{"eleven months", bad(func(c *Config) { c.MedianWaveM = c.MedianWaveM[:11] }), []string{"median_wave_m: expected 12 monthly values, January to December, got 11"}},
		{"none", bad(func(c *Config) { c.MedianWaveM = nil }), []string{"median_wave_m: expected 12 monthly values"}},
		{"thirteen", bad(func(c *Config) { c.MedianWaveM = append(c.MedianWaveM, 1) }), []string{"median_wave_m: expected 12 monthly values, January to December, got 13"}},
		{"zero median", bad(func(c *Config) { c.MedianWaveM[2] = 0 }), []string{"median_wave_m: expected a height above 0 and at most 20 m for each month, got 0 for March"}},
		{"negative median", bad(func(c *Config) { c.MedianWaveM[11] = -0.5 }), []string{"got -0.5 for December"}},
		{"nan median", bad(func(c *Config) { c.MedianWaveM[0] = math.NaN() }), []string{"got nan for January"}},
		{"huge median", bad(func(c *Config) { c.MedianWaveM[5] = 25 }), []string{"got 25 for June"}},
		{"negative sd", bad(func(c *Config) { c.LogSD = -0.1 }), []string{"log_sd: expected a value from 0 to 3, got -0.1"}},
		{"nan sd", bad(func(c *Config) { c.LogSD = math.NaN() }), []string{"log_sd: expected a value from 0 to 3, got nan"}},
		{"huge sd", bad(func(c *Config) { c.LogSD = 4 }), []string{"log_sd: expected a value from 0 to 3, got 4"}},
		{"zero persistence", bad(func(c *Config) { c.Persistence = 0 }), []string{"persistence_days: expected a finite number of days above 0, got 0"}},
		{"inf persistence", bad(func(c *Config) { c.Persistence = math.Inf(1) }), []string{"persistence_days: expected a finite number of days above 0, got inf"}},
		{"two faults", bad(func(c *Config) { c.LogSD, c.Persistence = -1, -1 }), []string{"log_sd:", "persistence_days:"}},
		{"zero sd is allowed", bad(func(c *Config) { c.LogSD = 0 }), nil},
	}
	for _, c := range cases {
		var got []string
		c.cfg.Check(func(path, msg string) { got = append(got, path+": "+msg) })
		if len(got) != len(c.want) {
			t.Errorf("%s: got %q, want %d messages like %q", c.name, got, len(c.want), c.want)
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], c.want[i]) {
				t.Errorf("%s: message %q, want one with %q", c.name, got[i], c.want[i])
			}
		}
	}
}

// TestNewPanicsOnBadInput: New refuses a table that fails Check and a
// month that is not one.
func TestNewPanicsOnBadInput(t *testing.T) {
	for name, f := range map[string]func(){
		"eleven months": func() {
			c := Default()
			c.MedianWaveM = c.MedianWaveM[:11]
			New(&c, calendar(1), rand.New(rand.NewPCG(1, 1)))
		},
		"month 13": func() {
			c := Default()
			New(&c, []time.Month{1, 13}, rand.New(rand.NewPCG(1, 1)))
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: New did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestNeverNaN: whatever table passes Check, New's heights are finite and
// positive (at the extremes of the allowed values, too).
func TestNeverNaN(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ms := calendar(20)
	cfgs := []Config{
		Default(),
		{MedianWaveM: fill(20), LogSD: 3, Persistence: 1e-300},
		{MedianWaveM: fill(1e-300), LogSD: 3, Persistence: 1e300},
		{MedianWaveM: fill(0.5), LogSD: 0, Persistence: 2},
	}
	for i := 0; i < 30; i++ {
		m := make([]float64, 12)
		for j := range m {
			m[j] = 20 * r.Float64()
			if m[j] == 0 {
				m[j] = 1
			}
		}
		cfgs = append(cfgs, Config{MedianWaveM: m, LogSD: 3 * r.Float64(), Persistence: math.Exp(10 * (r.Float64() - 0.5))})
	}
	for i, cfg := range cfgs {
		sea := drawSea(cfg, ms, uint64(i))
		for d := 0; d < sea.Days(); d++ {
			if h := sea.WaveM(d); math.IsNaN(h) || math.IsInf(h, 0) || h < 0 {
				t.Fatalf("config %d day %d: height %v", i, d, h)
			}
		}
		for m := time.January; m <= time.December; m++ {
			if p := CalmShare(&cfg, m, 0.5); math.IsNaN(p) || p < 0 || p > 1 {
				t.Fatalf("config %d: CalmShare %v", i, p)
			}
		}
	}
}

func fill(x float64) []float64 {
	m := make([]float64, 12)
	for i := range m {
		m[i] = x
	}
	return m
}

// TestCalmShare: the analytic share at simple points.
func TestCalmShare(t *testing.T) {
	cfg := Default()
	for m := time.January; m <= time.December; m++ {
		if p := CalmShare(&cfg, m, cfg.MedianWaveM[m-1]); math.Abs(p-0.5) > 1e-12 {
			t.Errorf("%s: CalmShare at the median %v, want 0.5", m, p)
		}
	}
	if p := CalmShare(&cfg, time.June, 0); p != 0 {
		t.Errorf("threshold 0: %v", p)
	}
	// One sd above the median: Φ(1).
	if p, want := CalmShare(&cfg, time.June, cfg.MedianWaveM[5]*math.Exp(cfg.LogSD)), 0.8413447460685429; math.Abs(p-want) > 1e-12 {
		t.Errorf("one sd above the median: %v, want %v", p, want)
	}
	flat := Config{MedianWaveM: fill(1), LogSD: 0, Persistence: 1}
	if CalmShare(&flat, time.May, 1.5) != 1 || CalmShare(&flat, time.May, 0.5) != 0 {
		t.Error("a sea without spread is calm under its median's height only")
	}
}
