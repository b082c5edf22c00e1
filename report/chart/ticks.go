package chart

import (
	"math"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
)

// NiceTicks puts 4 to 8 labelled ticks on round values — steps of 1, 2,
// 2.5 or 5 × 10^k — with unlabelled ticks between, and labels written
// with only the decimals the step needs and thousands separated
// ("2,500", "0.25").
type NiceTicks struct{}

// Ticks implements plot.Ticker.
func (NiceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return []plot.Tick{{Value: min, Label: FormatTick(min, 1)}}
	}
	step := NiceStep(max-min, 6)
	var ts []plot.Tick
	first := math.Ceil(min/step-1e-9) * step
	for v := first; v <= max+step*1e-9; v += step {
		x := math.Round(v/step) * step // no accumulated error
		ts = append(ts, plot.Tick{Value: x, Label: FormatTick(x, step)})
	}
	minor := step / 5
	if m := step / math.Pow(10, math.Floor(math.Log10(step))); m == 2 || m == 2.5 {
		minor = step / 2
	}
	for v := math.Ceil(min/minor-1e-9) * minor; v <= max+minor*1e-9; v += minor {
		x := math.Round(v/minor) * minor
		if r := x / step; math.Abs(r-math.Round(r)) > 1e-6 {
			ts = append(ts, plot.Tick{Value: x})
		}
	}
	return ts
}

// NiceStep is the round step (1, 2, 2.5 or 5 × 10^k) that cuts span into
// about n intervals (at most n+2 of them).
func NiceStep(span float64, n int) float64 {
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// FormatTick writes a tick value with the decimals the step needs and
// thousands separated by commas.
func FormatTick(x, step float64) string {
	if x == 0 {
		return "0"
	}
	dec := 0
	if step > 0 && step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
		if s := step * math.Pow(10, float64(dec)); math.Abs(s-math.Round(s)) > 1e-6 {
			dec++ // 0.25 needs two decimals
		}
	}
	s := strconv.FormatFloat(x, 'f', dec, 64)
	return groupThousands(s)
}

// groupThousands inserts commas into the integer part of a formatted
// number.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) >= 4 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if hasFrac {
		return sign + intPart + "." + frac
	}
	return sign + intPart
}

// DateTicks ticks a date axis (Unix seconds) on day boundaries (midnight
// UTC): every day, 2, 7 or 14 days, or on the first of every 1, 2, 3 or 6
// months, whichever gives at most 8 labels. Labels read "1 Jul"; the
// first, and the first of each year, carry the year.
type DateTicks struct{}

// Ticks implements plot.Ticker.
func (DateTicks) Ticks(min, max float64) []plot.Tick {
	const day = 86400.0
	start := time.Unix(int64(math.Ceil(min/day))*86400, 0).UTC()
	end := time.Unix(int64(math.Floor(max/day))*86400, 0).UTC()
	days := int(end.Sub(start).Hours()/24) + 1
	if days < 1 {
		return nil
	}
	var ts []plot.Tick
	year := -1
	label := func(t time.Time) string {
		if t.Year() != year {
			year = t.Year()
			return t.Format("2 Jan\n2006")
		}
		return t.Format("2 Jan")
	}
	for _, step := range []int{1, 2, 7, 14} {
		if days/step > 8 {
			continue
		}
		for t := start; !t.After(end); t = t.AddDate(0, 0, step) {
			ts = append(ts, plot.Tick{Value: float64(t.Unix()), Label: label(t)})
		}
		if step > 1 && days <= 120 {
			for t := start; !t.After(end); t = t.AddDate(0, 0, 1) {
				if int(t.Sub(start).Hours()/24)%step != 0 {
					ts = append(ts, plot.Tick{Value: float64(t.Unix())})
				}
			}
		}
		return ts
	}
	months := int(end.Sub(start).Hours() / 24 / 30)
	step := 1
	for _, s := range []int{1, 2, 3, 6, 12} {
		step = s
		if months/s <= 7 {
			break
		}
	}
	first := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	if first.Before(start) {
		first = first.AddDate(0, 1, 0)
	}
	for t := first; !t.After(end); t = t.AddDate(0, 1, 0) {
		if (int(t.Month())-1)%step == 0 {
			ts = append(ts, plot.Tick{Value: float64(t.Unix()), Label: label(t)})
		} else {
			ts = append(ts, plot.Tick{Value: float64(t.Unix())})
		}
	}
	return ts
}

// LogTicks ticks a log axis at each power of ten, labelled without
// exponents ("0.01", "1", "1,000"), with unlabelled ticks at 2–9 × 10^k.
type LogTicks struct{}

// Ticks implements plot.Ticker.
func (LogTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return nil
	}
	var ts []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		p := math.Pow(10, e)
		if p >= min*(1-1e-9) && p <= max*(1+1e-9) {
			ts = append(ts, plot.Tick{Value: p, Label: FormatTick(p, math.Min(p, 1))})
		}
		for m := 2.0; m < 10; m++ {
			if v := m * p; v >= min && v <= max {
				ts = append(ts, plot.Tick{Value: v})
			}
		}
	}
	return ts
}

// SymLog is a symmetric log scale for values of either sign that span
// orders of magnitude: linear within ±Linear of zero, logarithmic beyond.
type SymLog struct{ Linear float64 }

func (s SymLog) f(x float64) float64 {
	return math.Copysign(math.Log10(1+math.Abs(x)/s.Linear), x)
}

// Normalize implements plot.Normalizer.
func (s SymLog) Normalize(min, max, x float64) float64 {
	a, b := s.f(min), s.f(max)
	return (s.f(x) - a) / (b - a)
}

// SymLogTicks ticks a SymLog axis at 0 and ± Linear × 10^k (k ≥ 1), labelled by
// Format.
type SymLogTicks struct {
	Linear float64
	Format func(float64) string
}

// Ticks implements plot.Ticker.
func (s SymLogTicks) Ticks(min, max float64) []plot.Tick {
	ts := []plot.Tick{}
	if min <= 0 && max >= 0 {
		ts = append(ts, plot.Tick{Value: 0, Label: s.Format(0)})
	}
	// Labels at 10 × Linear and beyond (± Linear would crowd 0), every
	// decade or every second, third… so that neighbouring labels are at
	// least a quarter of the axis apart: on this scale the decades are
	// equally wide whatever their sign, and 0 is as far from ± 10 × Linear
	// as a decade: labels up to a quarter of the axis wide never meet.
	var decades []float64
	for v := 10 * s.Linear; v <= math.Max(math.Abs(min), math.Abs(max))*1.0001; v *= 10 {
		for _, x := range []float64{-v, v} {
			if x >= min && x <= max {
				decades = append(decades, x)
			}
		}
	}
	sl := SymLog{Linear: s.Linear}
	every := int(math.Ceil((sl.f(max)-sl.f(min))/4 - 1e-9))
	if every < 1 {
		every = 1
	}
	for _, x := range decades {
		k := int(math.Round(math.Log10(math.Abs(x) / s.Linear)))
		if k%every == 0 {
			ts = append(ts, plot.Tick{Value: x, Label: s.Format(x)})
		} else {
			ts = append(ts, plot.Tick{Value: x})
		}
	}
	return ts
}
