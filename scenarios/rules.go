package scenarios

import (
	"fmt"
	"math"
	"strconv"

	"channelsim/sim"
)

// crossChecks are the rules that tie keys together beyond their ranges:
// weights that the model normalises must have a positive finite sum (an
// all-zero profile would run with no lorries and no warning), and the
// cumulative shares of removal cancellations must be ordered. add reports
// a problem at a key path.
func crossChecks(cfg *sim.Config, add func(path, msg string)) {
	weights := func(path, what string, ws ...float64) {
		sum := 0.0
		for _, w := range ws {
			if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
				return // reported by the key's own check
			}
			sum += w
		}
		switch {
		case sum == 0:
			add(path, fmt.Sprintf("expected %s with a positive sum (they are normalised), got all zero", what))
		case math.IsInf(sum, 0):
			add(path, fmt.Sprintf("expected %s with a finite sum, got a sum over %s", what, FormatNumber(math.MaxFloat64)))
		}
	}
	f := &cfg.Freight
	weights("freight.hour_profile", "24 hourly weights", f.HourProfile...)
	tm := f.TrailerMix
	weights("freight.trailer_mix", "trailer shares", tm.Curtain, tm.Box, tm.Reefer, tm.Tanker, tm.Flatbed)
	if cfg.Migrants.Enabled {
		weights("migrants.nationality_shares", "nationality shares", cfg.Migrants.Nationality...)
	}
	if rm := &cfg.Removals; rm.Enabled {
		c := rm.Causes
		weights("removals.causes", "weights of the causes", c.Legal, c.Administrative, c.Documents, c.Disruptive, c.Medical, c.Flight)
		if len(rm.Regions) > 0 {
			var shares []float64
			for _, g := range rm.Regions {
				shares = append(shares, g.Share)
			}
			weights("removals.regions", "regions' shares", shares...)
		}
		if rm.WithinWeek < rm.WithinDay {
			add("removals.within_week", fmt.Sprintf("expected at least within_day (%s: the share within a week includes the last day), got %s",
				FormatNumber(rm.WithinDay), FormatNumber(rm.WithinWeek)))
		}
	}
}

// FormatNumber writes a number for a message as TOML writes it: inf,
// -inf and nan for the values that are not finite, else the shortest
// decimal that reads back the same.
func FormatNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
