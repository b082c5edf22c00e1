package analysis

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/scenarios"
)

// The kinds of input file CheckFile tells apart by their content.
const (
	KindScenario  = ""
	KindSweep     = "sweep"
	KindPosterior = "posterior"
	KindRanges    = "ranges"
)

// PosteriorHeader begins calibrate's posterior.csv.
const PosteriorHeader = "draw,weight,distance,scenario,scenario_sha256"

// NoExtendsError is a scenario file without extends whose errors are
// mostly keys it leaves at 0: one hint instead of an error for each.
type NoExtendsError struct {
	File   string
	Errors int
}

func (e NoExtendsError) Error() string {
	return fmt.Sprintf("%s: no extends: a scenario file sets what differs from a base scenario, and without one every key it leaves out is 0 (%d errors follow from that); add a first line such as\n  extends = %q\n(channelsim scenarios lists the embedded ones), then check again", e.File, e.Errors, scenarios.Default)
}

// CheckFile checks the file path, whose content is data, as what that
// content says it is: a sweep, a posterior, a ranges or a scenario file.
// It returns the kind and the file's errors (scenarios.Errors, or a
// NoExtendsError).
func CheckFile(path string, data []byte) (kind string, err error) {
	// Telling the kinds apart decodes the file: its shape is checked
	// first, as every loader does.
	if !bytes.HasPrefix(data, []byte(PosteriorHeader)) {
		if err := scenarios.CheckShape(path, data); err != nil {
			return KindScenario, err
		}
	}
	switch kind := fileKind(data); kind {
	case KindSweep:
		sw, err := experiment.Load(path)
		if err == nil {
			_, err = experiment.NewPlan(sw, 0, 0)
		}
		return kind, err
	case KindPosterior:
		return kind, checkPosterior(path, data)
	}
	if scenarios.IsRangesFile(data) {
		_, _, err := LoadRanges(path, "")
		return KindRanges, err
	}
	if _, err := scenarios.Load(path); err != nil {
		var es scenarios.Errors
		if errors.As(err, &es) && zeroValued(es) > len(es)/2 && len(es) > 3 && !hasKey(data, "extends") {
			return KindScenario, NoExtendsError{File: path, Errors: len(es)}
		}
		return KindScenario, err
	}
	return KindScenario, nil
}

// fileKind says what an input file is by its content: a sweep (TOML with
// [[parameters]] or a design), a posterior (calibrate's posterior.csv), or
// a scenario (or a ranges file, told apart by scenarios.IsRangesFile).
func fileKind(data []byte) string {
	if bytes.HasPrefix(data, []byte(PosteriorHeader)) {
		return KindPosterior
	}
	var top map[string]any
	if _, err := toml.Decode(string(data), &top); err == nil {
		if _, ok := top["parameters"]; ok {
			return KindSweep
		}
		if _, ok := top["design"]; ok {
			return KindSweep
		}
	}
	return KindScenario
}

// zeroValued counts the errors of a key left at 0 ("…, got 0").
func zeroValued(es scenarios.Errors) int {
	n := 0
	for _, e := range es {
		if strings.HasSuffix(e.Msg, "got 0") || strings.Contains(e.Msg, "got 0 ") || strings.Contains(e.Msg, "got 0,") {
			n++
		}
	}
	return n
}

// hasKey reports whether a TOML file sets the top-level key (true for a
// file that is not TOML: its syntax error says what is wrong).
func hasKey(data []byte, key string) bool {
	var top map[string]any
	if _, err := toml.Decode(string(data), &top); err != nil {
		return true
	}
	_, ok := top[key]
	return ok
}

// checkPosterior reads a posterior file against the scenario its first
// draw names.
func checkPosterior(path string, data []byte) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.Read() // the header, which fileKind has seen
	recs, err := r.Read()
	if err != nil || len(recs) < 4 {
		return scenarios.Errors{{File: path, Line: 2, Msg: "a posterior file needs a header and at least one draw"}}
	}
	base, err := scenarios.Load(recs[3])
	if err != nil {
		return scenarios.Errors{{File: path, Line: 2, Key: "scenario", Msg: fmt.Sprintf("the draws name scenario %q, which cannot be loaded: %v", recs[3], err)}}
	}
	_, err = ParsePosterior(path, bytes.NewReader(data), base)
	return err
}

// CheckTagRanges checks the plausible ranges of the key tags against the
// default scenario.
func CheckTagRanges() error {
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		return err
	}
	_, err = scenarios.PlausibleRanges(sc.Config)
	return err
}

// LoadRanges reads a ranges file against its base scenario: the one it
// names (base = ...), else want, else the default. When want is given and
// the file names another base, that is an error at the base line.
func LoadRanges(path, want string) ([]scenarios.Range, *scenarios.Scenario, error) {
	data, err := safefile.ReadInput(path, scenarios.MaxFileBytes, "ranges file")
	if err != nil {
		return nil, nil, scenarios.Errors{{File: path, Msg: fmt.Sprintf("cannot read ranges file: %v", err)}}
	}
	var head scenarios.RangesFile
	if err := scenarios.DecodeStrict(path, data, &head, []string{"base", "range", "range.key", "range.low", "range.high", "range.why"}); err != nil {
		return nil, nil, err
	}
	base := head.Base
	switch {
	case base == "" && want != "":
		base = want
	case base == "":
		base = scenarios.Default
	case want != "" && base != want:
		line, col := scenarios.Positions(data)("base")
		return nil, nil, scenarios.Errors{{File: path, Line: line, Col: col, Key: "base", Msg: fmt.Sprintf("these ranges are for %q, not for %q", base, want)}}
	}
	sc, err := scenarios.Load(base)
	if err != nil {
		return nil, nil, err
	}
	rs, err := scenarios.ParseRanges(path, data, sc.Config)
	return rs, sc, err
}
