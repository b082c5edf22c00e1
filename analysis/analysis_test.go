package analysis

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"channelsim/experiment"
	"channelsim/scenarios"
)

func load(t testing.TB, name string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func posteriorText(hash string) string {
	return "draw,weight,distance,scenario,scenario_sha256,removals.escort.staff,migrants.try_share,migrants.return_after\n" +
		"0,0.25,0.1,baseline-2015," + hash + ",100,0.2,3h0m0s\n" +
		"1,0.75,0.2,baseline-2015," + hash + ",160,0.25,5h0m0s\n"
}

// sampleHash is the hash posteriorText's sample carries for base.
func sampleHash(t testing.TB, base *scenarios.Scenario) string {
	t.Helper()
	h, err := SampleHash(base.Config, []string{"removals.escort.staff", "migrants.try_share", "migrants.return_after"})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestSampleHash: a sample stays with a scenario that differs only in the
// values the sample draws, and leaves it at any other difference.
func TestSampleHash(t *testing.T) {
	base := load(t, "baseline-2015")
	keys := []string{"migrants.try_share", "migrants.return_after", "removals.escort.staff"}
	h0, err := SampleHash(base.Config, keys)
	if err != nil || h0 == base.Hash {
		t.Fatalf("sample hash %q (%v) equals the whole scenario's", h0, err)
	}
	c := experiment.Clone(base.Config)
	c.Migrants.TryShare, c.Migrants.ReturnAfter.Duration, c.Removals.Escort.Staff = 0.5, 2*time.Hour, 99
	if h, _ := SampleHash(c, keys); h != h0 {
		t.Error("changing only the sample's keys changed the sample hash")
	}
	c.Migrants.LeaveRate *= 2
	if h, _ := SampleHash(c, keys); h == h0 {
		t.Error("changing a key outside the sample kept the sample hash")
	}
	if _, err := SampleHash(base.Config, []string{"migrants.no_such_key"}); err == nil {
		t.Error("an unknown key gave a hash")
	}
	if base.Config.Migrants.TryShare == 0 {
		t.Error("SampleHash changed the scenario it was given")
	}
}

func TestPosteriorDrawsAndApply(t *testing.T) {
	base := load(t, "baseline-2015")
	p, err := ParsePosterior("p.csv", strings.NewReader(posteriorText(sampleHash(t, base))), base)
	if err != nil {
		t.Fatal(err)
	}
	// Systematic resampling: weights 1/4 and 3/4 over 4 draws give 1 and 3.
	ds := p.Draws(4)
	n0 := 0
	for _, d := range ds {
		if d[0] == int64(100) {
			n0++
		}
	}
	if n0 != 1 || len(ds) != 4 {
		t.Errorf("draws %v: want 1 of the first row and 3 of the second", ds)
	}
	// escorts-plus-50 raises staff by half: the draw is raised in the same
	// proportion; the other keys take the draw's values.
	plus := load(t, "escorts-plus-50")
	cfg := experiment.Clone(plus.Config)
	scaled, kept, err := p.Apply(cfg, base.Config, p.Values[1])
	if err != nil {
		t.Fatal(err)
	}
	want := int(math.Round(160 * float64(plus.Config.Removals.Escort.Staff) / float64(base.Config.Removals.Escort.Staff)))
	if cfg.Removals.Escort.Staff != want || cfg.Migrants.TryShare != 0.25 || cfg.Migrants.ReturnAfter.Hours() != 5 {
		t.Errorf("applied: staff %d try_share %g return_after %v", cfg.Removals.Escort.Staff, cfg.Migrants.TryShare, cfg.Migrants.ReturnAfter)
	}
	if len(scaled) != 1 || scaled[0] != "removals.escort.staff" || len(kept) != 0 {
		t.Errorf("scaled %v kept %v", scaled, kept)
	}
	cfg = experiment.Clone(base.Config)
	if scaled, _, err := p.Apply(cfg, base.Config, p.Values[0]); err != nil || len(scaled) != 0 || cfg.Removals.Escort.Staff != 100 {
		t.Errorf("baseline under draw 0: staff %d, scaled %v, %v", cfg.Removals.Escort.Staff, scaled, err)
	}
}

func TestParsePosteriorErrors(t *testing.T) {
	base := load(t, "baseline-2015")
	good := posteriorText(sampleHash(t, base))
	for _, c := range []struct{ text, want string }{
		{strings.Replace(good, "weight,", "wt,", 1), `p.csv:1: weight: missing column "weight"`},
		{strings.Replace(good, "migrants.try_share", "migrants.try_shar", 1), `p.csv:1: migrants.try_shar: column "migrants.try_shar" is not a scenario key`},
		{strings.Replace(good, ",0.75,", ",-1,", 1), `p.csv:3: weight: expected a non-negative number, got "-1"`},
		{strings.Replace(good, ",0.2,3h", ",1.5,3h", 1), "p.csv:2: the draw is not a valid scenario"},
		{strings.Replace(good, ",160,", ",16.5,", 1), `p.csv:3: removals.escort.staff: expected an integer, got "16.5"`},
		{strings.Replace(good, sampleHash(t, base), strings.Repeat("a", 64), 1), "p.csv:2: scenario_sha256: this draw was fitted to scenario"},
		{"draw,weight,distance,scenario,scenario_sha256\n", "no parameter columns"},
		{"", "expected a header line"},
	} {
		_, err := ParsePosterior("p.csv", strings.NewReader(c.text), base)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v\nwant %q", err, c.want)
		}
	}
}

func FuzzParsePosterior(f *testing.F) {
	base := load(f, "baseline-2015")
	f.Add(posteriorText(sampleHash(f, base)))
	h, err := SampleHash(base.Config, []string{"migrants.try_share"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("draw,weight,distance,scenario,scenario_sha256,migrants.try_share\n0,1,0,x," + h + ",nan\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := ParsePosterior("f.csv", strings.NewReader(text), base)
		if err != nil {
			return
		}
		var sw float64
		for _, w := range p.Weights {
			if w < 0 || math.IsNaN(w) {
				t.Fatalf("accepted weight %v", w)
			}
			sw += w
		}
		if sw <= 0 || len(p.Draws(3)) != 3 {
			t.Fatal("accepted a sample that cannot be drawn from")
		}
	})
}

func TestDistance(t *testing.T) {
	ts, err := CalibrationTargets([]string{"C7", "A1"})
	if err != nil {
		t.Fatal(err)
	}
	// Each measure at its band's centre, then at an edge (C7's upper,
	// A1's lower: 0.37–0.43).
	c7 := ts[0].Target()
	if d := Distance(ts, []float64{(c7.Lo + c7.Hi) / 2, 0.40}); math.Abs(d) > 1e-12 {
		t.Errorf("at the centres: %g", d)
	}
	if d := Distance(ts, []float64{c7.Hi, 0.37}); math.Abs(d-1) > 1e-9 {
		t.Errorf("at the edges: %g, want 1", d)
	}
	if d := Distance(ts, []float64{math.NaN(), 0.4}); !math.IsNaN(d) {
		t.Errorf("a missing measure: %g", d)
	}
}

// TestDocsPosteriorFitsBaseline: the calibration sample kept in
// docs/calibration is the baseline's own (validate --posterior, documented
// in docs/validation.md, reads it): changing the baseline other than in the
// sample's keys needs a new calibration.
func TestDocsPosteriorFitsBaseline(t *testing.T) {
	p, err := ReadPosterior("../docs/calibration/posterior.csv", load(t, "baseline-2015"))
	if err != nil {
		t.Fatalf("%v\n(calibrate again with the command in docs/calibration/README.md)", err)
	}
	if len(p.Keys) != 8 || len(p.Weights) == 0 {
		t.Errorf("sample of %d keys and %d draws", len(p.Keys), len(p.Weights))
	}
}

// TestKeptSamplesFitTheirPeriods: each out-of-sample period's default
// sample is fitted to its period's base scenario (the small boats' to
// baseline-2018-2024): changing that scenario other than in the sample's
// keys needs a new calibration (docs/calibration/boats/README.md).
func TestKeptSamplesFitTheirPeriods(t *testing.T) {
	for _, period := range Periods() {
		if !UsesKeptPosterior(period) {
			continue
		}
		name, text := KeptPosteriorFor(period)
		p, err := ParsePosterior(name, bytes.NewReader(text), load(t, PosteriorBase(period)))
		if err != nil {
			t.Fatalf("period %s: %v", period, err)
		}
		if len(p.Weights) < 20 {
			t.Errorf("period %s: %d draws in %s", period, len(p.Weights), name)
		}
	}
	if PosteriorBase(Period2022) != BoatsScenario || PosteriorBase(Period2016) != scenarios.Default {
		t.Error("the small boats' years are not measured on their own sample")
	}
}

// TestMeasurePosteriorOnItsOwnScenario: draws of the small boats' sample
// are applied to baseline-2018-2024 as drawn (not scaled from the default
// baseline's values, which would put a leave rate of 0.08 at 1.5 a day):
// each run's configuration holds the draw's values and the runs measure.
func TestMeasurePosteriorOnItsOwnScenario(t *testing.T) {
	name, text := KeptPosteriorFor(Period2022)
	post, err := ParsePosterior(name, bytes.NewReader(text), load(t, BoatsScenario))
	if err != nil {
		t.Fatal(err)
	}
	base := load(t, post.Scenario)
	for _, d := range post.Draws(3) {
		cfg := experiment.Clone(load(t, BoatsScenario).Config)
		scaled, kept, err := post.Apply(cfg, base.Config, d)
		if err != nil || len(scaled) > 0 || len(kept) > 0 {
			t.Fatalf("draw %v: scaled %v, kept %v, %v", d, scaled, kept, err)
		}
		if cfg.Migrants.LeaveRate != d[1].(float64) {
			t.Errorf("leave rate %g, drawn %v", cfg.Migrants.LeaveRate, d[1])
		}
	}
	ts, err := TargetsFor(Period2019)
	if err != nil {
		t.Fatal(err)
	}
	values, err := MeasurePosterior(ts[:1], post, 2, 1, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := values["SB-2019"]; len(v) != 2 || v[0] <= 0 || v[1] <= 0 {
		t.Errorf("SB-2019 under two draws: %v", v)
	}
}
