package scenarios

import (
	"math"
	"strings"
	"testing"
	"time"
)

// withTags returns the keys with only the given range tags (path → low,
// high, why), as if sim.Config carried those and no others.
func withTags(tags map[string][3]string) []Key {
	ks := Keys()
	for i, k := range ks {
		ks[i].Low, ks[i].High, ks[i].Why = "", "", ""
		if t, ok := tags[k.Path]; ok {
			ks[i].Low, ks[i].High, ks[i].Why = t[0], t[1], t[2]
		}
	}
	return ks
}

func baseline(t *testing.T) *Scenario {
	t.Helper()
	sc, err := Load(Default)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestRangesFromTags(t *testing.T) {
	sc := baseline(t)
	rs, errs := rangesFrom(withTags(map[string][3]string{
		"migrants.try_share":            {"0.1", "0.98", "published range"},
		"migrants.spots[].police":       {"-50%", "+50%", "± 50 % of the estimate, no source"},
		"migrants.return_after":         {"1h", "8h", "walk back"},
		"screening.equipment.heartbeat": {"2", "10", "units"},
	}), sc.Config)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	byPath := map[string]Range{}
	for _, r := range rs {
		byPath[r.Path] = r
	}
	if len(rs) != 9 {
		t.Fatalf("got %d ranges, want 9 (one per spot's police): %v", len(rs), rs)
	}
	ts := byPath["migrants.try_share"]
	if ts.Base != 0.966 || ts.Low != 0.1 || ts.High != 0.98 || ts.Kind != "number" || ts.From != "tags" {
		t.Errorf("try_share: %+v", ts)
	}
	if v := ts.Value(0.5).(float64); v < 0.54-1e-12 || v > 0.54+1e-12 { // halfway from 0.1 to 0.98
		t.Errorf("try_share at 0.5 = %v", v)
	}
	if p := ts.Position(ts.Value(0.3)); p < 0.3-1e-12 || p > 0.3+1e-12 {
		t.Errorf("position of the value at 0.3 = %v", p)
	}
	// Relative bounds follow each element's own value.
	for path, base := range map[string]float64{"migrants.spots[0].police": 60, "migrants.spots[3].police": 90} {
		r := byPath[path]
		if r.Base != base || r.Low != base/2 || r.High != base*1.5 {
			t.Errorf("%s: %+v, want %g … %g around %g", path, r, base/2, base*1.5, base)
		}
	}
	ra := byPath["migrants.return_after"]
	if ra.Kind != "duration" || ra.Low != 60 || ra.High != 480 || ra.Value(0) != time.Hour || ra.Format(ra.Base) != "4h0m0s" {
		t.Errorf("return_after: %+v", ra)
	}
	// A relative range of a key set to 0 is empty: the mechanism is off at
	// that element, so it is left out rather than refused.
	sc.Config.Migrants.Spots[1].Police = 0
	rs0, errs0 := rangesFrom(withTags(map[string][3]string{"migrants.spots[].police": {"-50%", "+50%", "no source"}}), sc.Config)
	if len(errs0) > 0 || len(rs0) != 5 {
		t.Errorf("police 0 at one spot: %d ranges, errors %v; want 5 and none", len(rs0), errs0)
	}
	for _, r := range rs0 {
		if r.Path == "migrants.spots[1].police" {
			t.Errorf("spot 1's police of 0 got a range %+v", r)
		}
	}
	hb := byPath["screening.equipment.heartbeat"]
	if hb.Kind != "integer" || hb.Value(0.5) != int64(6) || hb.Value(0.1) != int64(3) {
		t.Errorf("heartbeat: %+v, value(0.5) %v", hb, hb.Value(0.5))
	}
}

func TestRangesFromTagsRefused(t *testing.T) {
	sc := baseline(t)
	for _, c := range []struct {
		key  string
		tags [3]string
		want string
	}{
		{"migrants.try_share", [3]string{"0.4", "0.5", "x"}, "does not contain the scenario's value 0.966"},
		{"migrants.try_share", [3]string{"0.1", "1.5", "x"}, "high bound outside the key's allowed values"},
		{"migrants.try_share", [3]string{"0.4", "0.1", "x"}, "expected low < high"},
		{"migrants.try_share", [3]string{"0.1", "0.4", ""}, "all three tags"},
		{"migrants.try_share", [3]string{"a lot", "0.4", "x"}, "low: expected a number"},
		{"migrants.return_after", [3]string{"1", "8h", "x"}, "expected a duration"},
		{"controls.incidental_people", [3]string{"0", "1", "x"}, "needs a number, integer or duration key"},
	} {
		_, errs := rangesFrom(withTags(map[string][3]string{c.key: c.tags}), sc.Config)
		if len(errs) == 0 || !strings.Contains(errs.Error(), c.want) {
			t.Errorf("%s %v: got %v, want an error with %q", c.key, c.tags, errs, c.want)
		}
	}
}

// TestTagBoundsClipped: a tag's relative bound stops at the key's allowed
// values (0.6 × 1.9 is a fence of 1, not 1.14); a ranges file's bound
// written out of range is still an error (TestParseRangesErrors).
func TestTagBoundsClipped(t *testing.T) {
	sc := baseline(t)
	rs, errs := rangesFrom(withTags(map[string][3]string{"migrants.spots[].fence": {"-50%", "+90%", "x"}}), sc.Config)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	clipped := false
	for _, r := range rs {
		want := math.Min(1, r.Base*1.9)
		if r.High != want || r.Low != r.Base/2 {
			t.Errorf("%s: %+v, want %g … %g", r.Path, r, r.Base/2, want)
		}
		clipped = clipped || r.Path == "migrants.spots[3].fence" && r.High == 1
	}
	if !clipped {
		t.Errorf("the fence of 0.6 at spots[3] was not clipped to 1: %+v", rs)
	}
}

// TestPlausibleRangesOfBaseline: every range in the tags contains the
// baseline's value and lies within its key's allowed values.
func TestPlausibleRangesOfBaseline(t *testing.T) {
	sc := baseline(t)
	rs, err := PlausibleRanges(sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Why == "" || r.Low >= r.High || r.Base < r.Low || r.Base > r.High {
			t.Errorf("%s: %+v", r.Path, r)
		}
		if strings.HasPrefix(r.Path, "boats.") || strings.HasPrefix(r.Path, "weather.") {
			t.Errorf("%s: a range of a section baseline-2015 does not use", r.Path)
		}
	}
	// The era of the small boats uses them: their ranges contain its values.
	late, err := Load("baseline-2018-2024")
	if err != nil {
		t.Fatal(err)
	}
	if rs, err = PlausibleRanges(late.Config); err != nil {
		t.Fatal(err)
	}
	boats := 0
	for _, r := range rs {
		if r.Why == "" || r.Low >= r.High || r.Base < r.Low || r.Base > r.High {
			t.Errorf("baseline-2018-2024: %s: %+v", r.Path, r)
		}
		if strings.HasPrefix(r.Path, "boats.") || strings.HasPrefix(r.Path, "migrants.boat_choice.") {
			boats++
		}
	}
	if boats < 6 {
		t.Errorf("baseline-2018-2024: %d ranges of the boats' keys, want every EST key of boats and migrants.boat_choice", boats)
	}
}

const goodRanges = `base = "baseline-2015"

[[range]]
key = "migrants.try_share"
low = 0.5
high = 0.98
why = "three and a half to nearly seven nights out of seven"

[[range]]
key = "migrants.spots[].fence"
low = "-50%"
high = "+50%"
why = "± 50 % of the estimate, no source"

[[range]]
key = "controls.search_share"
low = 0.05
high = 0.5
why = "policy lever"
`

func TestParseRanges(t *testing.T) {
	sc := baseline(t)
	rs, err := ParseRanges("r.toml", []byte(goodRanges), sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 8 || rs[0].Path != "migrants.try_share" || rs[1].Path != "migrants.spots[0].fence" || rs[7].Path != "controls.search_share" {
		t.Fatalf("ranges: %+v", rs)
	}
	if rs[0].From != "r.toml:4" {
		t.Errorf("from %q, want r.toml:4", rs[0].From)
	}
	merged := MergeRanges([]Range{{Path: "migrants.try_share", Low: 0, High: 1}, {Path: "x"}}, rs)
	if len(merged) != 9 || merged[0].Low != 0.5 {
		t.Errorf("merge: %+v", merged)
	}
	if !IsRangesFile([]byte(goodRanges)) || IsRangesFile([]byte("name = \"x\"\n")) {
		t.Error("IsRangesFile")
	}
}

func TestParseRangesErrors(t *testing.T) {
	sc := baseline(t)
	for _, c := range []struct{ text, want string }{
		{"[[range]]\nkey = \"migrants.try_shar\"\nlow = 0.1\nhigh = 0.3\nwhy = \"x\"\n", `r.toml:2:1: range[0].key: unknown key "migrants.try_shar"; did you mean "migrants.try_share"?`},
		{"[[range]]\nkey = \"migrants.try_share\"\nlow = 0.1\nhigh = 1.3\nwhy = \"x\"\n", "r.toml:4:1: range[0].high: migrants.try_share: high bound outside the key's allowed values: expected a value from 0 to 1, got 1.3"},
		{"[[range]]\nkey = \"migrants.try_share\"\nlow = 0.4\nhigh = 0.5\nwhy = \"x\"\n", "r.toml:3:1: range[0].low: migrants.try_share: the plausible range 0.4 … 0.5 does not contain the scenario's value 0.966"},
		{"[[range]]\nkey = \"migrants.try_share\"\nlow = 0.1\nhigh = 0.5\n", "range[0].why: expected why"},
		{"[[range]]\nkey = \"migrants.try_share\"\nlow = 0.1\nwhy = \"x\"\n", "range[0].high: expected a bound"},
		{"[[range]]\nkey = \"migrants.spots[9].fence\"\nlow = 0.1\nhigh = 0.5\nwhy = \"x\"\n", "index 9 out of range"},
		{"[[range]]\nkey = \"controls.selection\"\nlow = 0.1\nhigh = 0.5\nwhy = \"x\"\n", "range[0].key: controls.selection: a plausible range needs a number"},
		{"[[range]]\nkey = \"migrants.try_share\"\nlow = 0.1\nhigh = 0.5\nwhy = \"x\"\nwhy2 = 1\n", "unknown key"},
		{"base = \"baseline-2015\"\n", "expected at least one [[range]]"},
	} {
		_, err := ParseRanges("r.toml", []byte(c.text), sc.Config)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\ngot  %v\nwant %q", c.text, err, c.want)
		}
	}
}

func TestSelectRanges(t *testing.T) {
	sc := baseline(t)
	rs, err := ParseRanges("r.toml", []byte(goodRanges), sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	got, err := SelectRanges(rs, []string{"controls.search_share", "migrants.spots.fence"})
	if err != nil || len(got) != 7 || got[0].Path != "controls.search_share" || got[6].Path != "migrants.spots[5].fence" {
		t.Errorf("select: %v %v", got, err)
	}
	if _, err := SelectRanges(rs, []string{"migrants.try_shar"}); err == nil || !strings.Contains(err.Error(), `did you mean "migrants.try_share"`) {
		t.Errorf("unknown name: %v", err)
	}
	if _, err := SelectRanges(rs, []string{"migrants.leave_rate_per_day"}); err == nil || !strings.Contains(err.Error(), "has no plausible range") {
		t.Errorf("key without a range: %v", err)
	}
}

func FuzzParseRanges(f *testing.F) {
	f.Add([]byte(goodRanges))
	f.Add([]byte("[[range]]\nkey = \"migrants.spots[].police\"\nlow = \"-50%\"\nhigh = \"+50%\"\nwhy = \"x\"\n"))
	f.Add([]byte("[[range]]\nkey = 3\n"))
	sc, err := Load(Default)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseRanges("f.toml", data, sc.Config)
		if err != nil {
			return
		}
		for _, r := range rs {
			if !(r.Low < r.High) || r.Base < r.Low || r.Base > r.High {
				t.Fatalf("accepted a bad range %+v", r)
			}
		}
	})
}
