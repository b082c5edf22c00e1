package analysis

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/sim"
)

// Posterior is a sample of parameter vectors: the accepted particles of a
// calibration, with their weights, for the scenario they were fitted to.
type Posterior struct {
	Source   string   // the file
	Scenario string   // the scenario's name
	Hash     string   // SampleHash of the scenario it was fitted to
	Keys     []string // parameter key paths
	Weights  []float64
	Values   [][]any // Values[draw][key], Set's forms
}

// posterior.csv's fixed columns, before one column per parameter.
var posteriorHead = []string{"draw", "weight", "distance", "scenario", "scenario_sha256"}

// SampleHash is the SHA-256 of cfg with the sample's keys set to their zero
// values: what a sample fitted over those keys depends on. A scenario that
// differs from the one a sample was fitted to only in the values the
// sample draws (a baseline that takes a particle of its own calibration)
// keeps the sample; any other difference refuses it.
func SampleHash(cfg *sim.Config, keys []string) (string, error) {
	c := experiment.Clone(cfg)
	for _, k := range keys {
		if err := scenarios.Clear(c, k); err != nil {
			return "", err
		}
	}
	return scenarios.Hash(c)
}

// WritePosterior returns c's accepted sample as posterior.csv.
func (c *Calibration) WritePosterior() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := append([]string(nil), posteriorHead...)
	keys := make([]string, len(c.Setup.Ranges))
	for i, r := range c.Setup.Ranges {
		head = append(head, PosteriorColumn(r.Path))
		keys[i] = r.Path
	}
	hash, err := SampleHash(c.Setup.Base.Config, keys)
	if err != nil {
		return nil, err
	}
	w.Write(head)
	wn := c.Pop.Normalized()
	for i := range c.Pop.Theta {
		rec := []string{strconv.Itoa(i), sim.FormatFloat(wn[i]), sim.FormatFloat(c.Pop.Dist[i]), c.Setup.Base.Config.Name, hash}
		for _, v := range c.Values(i) {
			rec = append(rec, formatValue(v))
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes(), nil
}

// formatValue writes a drawn value: a duration as a number of minutes
// (its column says so: PosteriorColumn), anything else as runs.csv does.
func formatValue(v any) string {
	if d, ok := v.(time.Duration); ok {
		return sim.FormatFloat(d.Minutes())
	}
	return experiment.FormatValue(v)
}

// minutesSuffix ends the posterior.csv column of a duration key, whose
// values are numbers of minutes.
const minutesSuffix = "_min"

// PosteriorColumn is posterior.csv's column for key: the key, with
// "_min" for a duration (its values in minutes, numbers a spreadsheet
// reads, not Go's "7h30m0s").
func PosteriorColumn(key string) string {
	if k, ok := scenarios.KeyOf(key); ok && k.Type == "duration string" {
		return key + minutesSuffix
	}
	return key
}

// columnKey is the key of a posterior.csv column and whether its values
// are minutes: "KEY_min" of a duration key, or the key itself (a
// duration written as "90m" by earlier versions).
func columnKey(col string) (key string, minutes bool) {
	if base, ok := strings.CutSuffix(col, minutesSuffix); ok {
		if k, ok := scenarios.KeyOf(base); ok && k.Type == "duration string" {
			return base, true
		}
	}
	return col, false
}

// ReadPosterior reads a posterior file for base. Every problem is an
// Error at FILE:LINE naming the column: a missing column, a parameter
// that is not a scenario key, a sample drawn for another scenario, a
// weight that is not a non-negative number, a value of the wrong type or
// outside its key's allowed values.
func ReadPosterior(path string, base *scenarios.Scenario) (*Posterior, error) {
	f, err := safefile.OpenInput(path, "posterior file")
	if err != nil {
		return nil, scenarios.Errors{{File: path, Msg: fmt.Sprintf("cannot read posterior file: %v", err)}}
	}
	defer f.Close()
	return ParsePosterior(path, safefile.LimitLines(f, safefile.MaxLineBytes, path), base)
}

// MaxPosteriorDraws is the most draws (rows) a posterior file may hold.
const MaxPosteriorDraws = 1_000_000

// ParsePosterior is ReadPosterior on an open reader.
func ParsePosterior(path string, in io.Reader, base *scenarios.Scenario) (*Posterior, error) {
	bad := func(line int, key, format string, a ...any) error {
		return scenarios.Errors{{File: path, Line: line, Key: key, Msg: fmt.Sprintf(format, a...)}}
	}
	r := csv.NewReader(in)
	head, err := r.Read()
	if err != nil {
		return nil, bad(1, "", "expected a header line with the columns %s and one per parameter", strings.Join(posteriorHead, ", "))
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range posteriorHead {
		if _, ok := col[h]; !ok {
			return nil, bad(1, h, "missing column %q (a posterior file written by channelsim calibrate has %s, then one column per parameter)", h, strings.Join(posteriorHead, ", "))
		}
	}
	p := &Posterior{Source: path}
	var pcols []int
	var minutes []bool
	for i, col := range head {
		if i < len(posteriorHead) && col == posteriorHead[i] {
			continue
		}
		h, inMinutes := columnKey(col)
		minutes = append(minutes, inMinutes)
		if _, err := scenarios.Get(base.Config, h); err != nil {
			return nil, bad(1, h, "column %q is not a scenario key: %v", h, err)
		}
		p.Keys = append(p.Keys, h)
		pcols = append(pcols, i)
	}
	if len(p.Keys) == 0 {
		return nil, bad(1, "", "no parameter columns after %s", strings.Join(posteriorHead, ", "))
	}
	want, err := SampleHash(base.Config, p.Keys)
	if err != nil {
		return nil, bad(1, "", "%v", err)
	}
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if safefile.IsRefusal(err) {
			return nil, bad(line, "", "%v", strings.TrimPrefix(err.Error(), path+": "))
		}
		if err != nil {
			return nil, bad(line, "", "%v", err)
		}
		if line-1 > MaxPosteriorDraws {
			return nil, bad(line, "", "more than %d draws, the limit of a posterior file (docs/cli.md, Limits)", MaxPosteriorDraws)
		}
		sc, sh := rec[col["scenario"]], rec[col["scenario_sha256"]]
		if sh != want {
			return nil, bad(line, "scenario_sha256", "this draw was fitted to scenario %q (SHA-256 %.12s… of all but the sample's keys), not to %s (%.12s…): calibrate again for it, or compare against the scenario it was fitted to", sc, sh, base.Config.Name, want)
		}
		p.Scenario, p.Hash = sc, sh
		w, err := strconv.ParseFloat(rec[col["weight"]], 64)
		if err != nil || w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, bad(line, "weight", "expected a non-negative number, got %q", rec[col["weight"]])
		}
		vals := make([]any, len(p.Keys))
		c := experiment.Clone(base.Config)
		for j, i := range pcols {
			v, err := parseValue(base.Config, p.Keys[j], rec[i], minutes[j])
			if err != nil {
				return nil, bad(line, p.Keys[j], "%v", err)
			}
			if err := scenarios.Set(c, p.Keys[j], v); err != nil {
				return nil, bad(line, p.Keys[j], "%v", err)
			}
			vals[j] = v
		}
		if err := scenarios.Validate(c); err != nil {
			return nil, bad(line, "", "the draw is not a valid scenario: %v", err)
		}
		p.Weights = append(p.Weights, w)
		p.Values = append(p.Values, vals)
	}
	if len(p.Values) == 0 {
		return nil, bad(line, "", "no draws after the header")
	}
	var sw float64
	for _, w := range p.Weights {
		sw += w
	}
	if sw <= 0 {
		return nil, bad(2, "weight", "the weights sum to 0")
	}
	if math.IsInf(sw, 0) {
		return nil, bad(2, "weight", "the weights sum to more than the largest number (%g): expected weights that sum to a finite number, such as 1", math.MaxFloat64)
	}
	return p, nil
}

// parseValue reads a posterior cell as the key's type; a duration is a
// number of minutes when minutes is set, else a duration string.
func parseValue(cfg *sim.Config, key, s string, minutes bool) (any, error) {
	cur, err := scenarios.Get(cfg, key)
	if err != nil {
		return nil, err
	}
	switch cur.(type) {
	case int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("expected an integer, got %q", s)
		}
		return n, nil
	case float64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("expected a number, got %q", s)
		}
		return x, nil
	case bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("expected true or false, got %q", s)
		}
		return b, nil
	case string:
		if k, ok := scenarios.KeyOf(key); ok && k.Type == "duration string" {
			if minutes {
				x, err := strconv.ParseFloat(s, 64)
				if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, fmt.Errorf("expected a number of minutes, got %q", s)
				}
				return time.Duration(math.Round(x*60)) * time.Second, nil
			}
			d, err := time.ParseDuration(s)
			if err != nil {
				return nil, fmt.Errorf("expected a duration such as \"90m\", got %q", s)
			}
			return d, nil
		}
		return s, nil
	}
	return nil, fmt.Errorf("a key of type %T cannot be drawn", cur)
}

// Draws returns n equally weighted draws by systematic resampling of the
// weights with the fixed offset 1/(2n) (deterministic: no random numbers),
// in the file's order.
func (p *Posterior) Draws(n int) [][]any {
	var sw float64
	for _, w := range p.Weights {
		sw += w
	}
	out := make([][]any, 0, n)
	var cum float64
	j := 0
	for i := 0; i < n; i++ {
		u := (float64(i) + 0.5) / float64(n) * sw
		for j < len(p.Weights)-1 && cum+p.Weights[j] < u {
			cum += p.Weights[j]
			j++
		}
		out = append(out, p.Values[j])
	}
	return out
}

// Apply sets a draw on cfg, a scenario compared with the posterior's base
// scenario base. A key cfg leaves at base's value takes the draw's value;
// a numeric key cfg changes (the policy lever of a scenario such as
// escorts-plus-50) takes the draw scaled by cfg's change (draw × cfg/base,
// integers rounded), so that "half as many again" stays half as many
// again of whatever the draw is; any other changed key keeps cfg's value.
// It returns the keys scaled or kept.
func (p *Posterior) Apply(cfg, base *sim.Config, draw []any) (scaled, kept []string, err error) {
	for j, k := range p.Keys {
		cv, err := scenarios.Get(cfg, k)
		if err != nil {
			return nil, nil, err
		}
		bv, _ := scenarios.Get(base, k)
		v := draw[j]
		if !reflect.DeepEqual(cv, bv) {
			cx, cok := asFloat(cv)
			bx, bok := asFloat(bv)
			dx, dok := asFloat(v)
			if !cok || !bok || !dok || bx == 0 {
				kept = append(kept, k)
				continue
			}
			x := dx * cx / bx
			switch v.(type) {
			case int64:
				v = int64(math.Round(x))
			case time.Duration:
				v = time.Duration(x * float64(time.Minute))
			default:
				v = x
			}
			scaled = append(scaled, k)
		}
		if err := scenarios.Set(cfg, k, v); err != nil {
			return nil, nil, err
		}
	}
	return scaled, kept, scenarios.Validate(cfg)
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case time.Duration:
		return x.Minutes(), true
	case string:
		if d, err := time.ParseDuration(x); err == nil {
			return d.Minutes(), true
		}
	}
	return 0, false
}
