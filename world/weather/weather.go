// Package weather generates the daily sea state of the Dover Strait for a
// whole run: the significant wave height of each simulated day, which
// decides whether small boats can cross ("people smugglers do not tend to
// attempt crossings if waves exceed half a metre", The Times, 22 Jun 2023).
//
// The model is a lognormal sea state with a seasonal median and a
// persistent anomaly:
//
//	log Hs_d = log median_{month(d)} + a_d
//	a_d = φ a_{d−1} + σ √(1−φ²) ε_d,  ε_d ~ N(0, 1),  φ = exp(−1/persistence_days)
//
// started from the stationary law a_0 ~ N(0, σ²), so that on any day Hs is
// lognormal with its month's median and log-sd σ, and CalmShare gives the
// share of calm days exactly. The fit of the Dover Strait's values
// (Default) and its sources are in docs/research/weather.md.
//
// The package imports only the standard library and the project's
// internal/tomlnum.
package weather

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"channelsim/internal/tomlnum"
)

// Config is the scenario's [weather] table.
type Config struct {
	MedianWaveM []float64 `toml:"median_wave_m" unit:"m" range:"0,20" doc:"median significant wave height of a day in the Dover Strait, by month from January to December: an effective sea state for small boats, fitted so that a day is calm (Hs < 0.5 m) as often as crossings were possible" src:"EST: no published monthly climatology of the Strait was found; fitted so that the share of days under 0.5 m is 1.2 × the share of days with an arrival in 2021 (Home Office SB_01, three-month running mean), with log_sd (docs/research/weather.md); plausible each month from the fit with 1.5 × to 1.0 × that share (June–August 0.15–0.50 m, December–February 0.53–0.88 m)"`
	LogSD       float64   `toml:"log_sd" range:"0,3" doc:"standard deviation of the natural log of a day's significant wave height about its month's median" src:"EST: set so that 7.5 % of January days have Hs > 2.5 m given January's median; rough seas (2.5–4 m) in the Pas de Calais under 5 % of the time over the year and up to 10 % in January (Le Cam & Baraer, Météo-France, Climatologie marine, DCSMM Manche–mer du Nord, June 2012)" low:"0.69" high:"1.0" why:"from 5 % to 10 % of January days over 2.5 m, and 1.0 × to 1.5 × the active-day share as calm days"`
	Persistence float64   `toml:"persistence_days" unit:"days" range:"0,365" doc:"e-folding time of the day-to-day anomaly of log wave height: calm and rough spells last longer as it grows" src:"EST: smugglers wait for lulls, sometimes more than a week (BBC, 1 Jan 2024); the lag-1 autocorrelation of days with an arrival in 2019–2021 (0.28–0.31, Home Office SB_01) is that of calm days at 1.3–1.5 days before thinning by demand and prevention, which lowers it (docs/research/weather.md)" low:"1.3" high:"4" why:"from the autocorrelation of days with arrivals taken as that of calm days, to twice the estimate"`
}

// Default is the Dover Strait's fit (docs/research/weather.md).
func Default() Config {
	return Config{
		MedianWaveM: []float64{0.78, 0.73, 0.63, 0.53, 0.39, 0.32, 0.39, 0.40, 0.45, 0.37, 0.52, 0.64},
		LogSD:       0.81,
		Persistence: 2,
	}
}

// Check reports what makes the table unusable, as paths relative to the
// table and what was expected: twelve finite positive medians of at most
// 20 m, a finite log_sd from 0 to 3 and a finite positive persistence.
func (c *Config) Check(add func(path, msg string)) {
	if n := len(c.MedianWaveM); n != 12 {
		add("median_wave_m", fmt.Sprintf("expected 12 monthly values, January to December, got %d", n))
	}
	for i, m := range c.MedianWaveM {
		if !(m > 0 && m <= 20) {
			add("median_wave_m", fmt.Sprintf("expected a height above 0 and at most 20 m for each month, got %s for %s", number(m), time.Month(i%12+1)))
		}
	}
	if !(c.LogSD >= 0 && c.LogSD <= 3) {
		add("log_sd", "expected a value from 0 to 3, got "+number(c.LogSD))
	}
	if !(c.Persistence > 0) || math.IsInf(c.Persistence, 0) {
		add("persistence_days", "expected a finite number of days above 0, got "+number(c.Persistence))
	}
}

// number writes x as TOML does (internal/tomlnum).
func number(x float64) string { return tomlnum.Format(x) }

// Phi is the day-to-day autocorrelation of the anomaly, exp(−1/persistence).
func (c *Config) Phi() float64 {
	return math.Exp(-1 / c.Persistence)
}

// Sea is the daily sea state of a whole run, drawn once by New.
type Sea struct {
	hs []float64
}

// New draws the significant wave height of each simulated day; months[d]
// is the calendar month of day d, so that a run may start on any date.
// The series depends only on cfg, months and the draws of r (one normal
// draw a day). New panics if cfg does not pass Check or a month is not
// January to December.
func New(cfg *Config, months []time.Month, r *rand.Rand) *Sea {
	var problems []string
	cfg.Check(func(path, msg string) { problems = append(problems, path+": "+msg) })
	if len(problems) > 0 {
		panic("weather.New: " + strings.Join(problems, "; "))
	}
	phi := cfg.Phi()
	innovation := cfg.LogSD * math.Sqrt(1-phi*phi)
	s := &Sea{hs: make([]float64, len(months))}
	var a float64
	for d, m := range months {
		if m < time.January || m > time.December {
			panic(fmt.Sprintf("weather.New: day %d: month %d is not January to December", d, int(m)))
		}
		if d == 0 {
			a = cfg.LogSD * r.NormFloat64() // the stationary law
		} else {
			a = phi*a + innovation*r.NormFloat64()
		}
		s.hs[d] = cfg.MedianWaveM[m-1] * math.Exp(a)
	}
	return s
}

// WaveM returns the significant wave height on day (0-based), in metres.
func (s *Sea) WaveM(day int) float64 { return s.hs[day] }

// Days returns the number of days in the series.
func (s *Sea) Days() int { return len(s.hs) }

// CalmShare returns the stationary probability that a day of month m has a
// significant wave height below thresholdM: Φ((ln threshold − ln median)/σ)
// for the lognormal of the model (with σ = 0, 1 below the median's height
// and 0 from it).
func CalmShare(cfg *Config, m time.Month, thresholdM float64) float64 {
	if thresholdM <= 0 {
		return 0
	}
	med := cfg.MedianWaveM[m-1]
	if cfg.LogSD == 0 {
		if med < thresholdM {
			return 1
		}
		return 0
	}
	z := (math.Log(thresholdM) - math.Log(med)) / cfg.LogSD
	return 0.5 * math.Erfc(-z/math.Sqrt2)
}
