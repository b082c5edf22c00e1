// Package scenarios reads TOML scenario files into sim.Config: strict
// decoding (unknown keys are errors with a "did you mean"), `extends` of an
// embedded scenario or a file, range checks from the keys' tags, and the
// scenarios embedded in the binary (baseline-2015 and its variants).
//
// Every key, its unit, range and source is documented in docs/scenarios.md,
// which is generated from the same tags (channelsim scenarios --reference).
package scenarios

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"channelsim/internal/safefile"
	"channelsim/sim"
)

//go:embed embedded/*.toml
var embedded embed.FS

// Default is the scenario run when none is named.
const Default = "baseline-2015"

// Scenario is a loaded, validated scenario.
type Scenario struct {
	Config *sim.Config
	// Source is the file it came from, or "embedded:NAME".
	Source string
	// Hash is the SHA-256 of the scenario's resolved TOML (every key, after
	// extends), so that two files that mean the same thing hash the same.
	Hash string
}

// Names returns the embedded scenarios' names, sorted.
func Names() []string {
	ents, _ := fs.ReadDir(embedded, "embedded")
	var ns []string
	for _, e := range ents {
		ns = append(ns, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(ns)
	return ns
}

// Embedded returns the TOML text of an embedded scenario.
func Embedded(name string) ([]byte, bool) {
	b, err := embedded.ReadFile("embedded/" + name + ".toml")
	return b, err == nil
}

// Load loads a scenario named by ref: an embedded scenario's name, or a
// path to a TOML file. Problems come back as Errors.
//
// Every error of a file is reported, up to MaxErrors: values of the wrong
// type, unknown keys and values out of range together, in file order. A
// TOML syntax error ends the file's checking (what follows it cannot be
// read reliably).
func Load(ref string) (*Scenario, error) {
	l := &loader{}
	var cfg sim.Config
	src, err := l.load(ref, "", &cfg)
	if err != nil {
		return nil, err
	}
	errs := l.errs
	for _, e := range validate(&cfg, l.defined, src) {
		if !l.typeErr[e.File+"\x00"+stripIndex(e.Key)] {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		sortErrors(errs)
		if len(errs) > MaxErrors {
			more := len(errs) - MaxErrors
			errs = append(errs[:MaxErrors:MaxErrors], &Error{File: errs[MaxErrors].File, Msg: fmt.Sprintf("%d more errors not shown", more)})
		}
		return nil, errs
	}
	h, err := Hash(&cfg)
	if err != nil {
		return nil, err
	}
	return &Scenario{Config: &cfg, Source: src, Hash: h}, nil
}

// Hash returns the SHA-256 of the resolved configuration's TOML encoding.
func Hash(cfg *sim.Config) (string, error) {
	var b bytes.Buffer
	if err := Encode(&b, cfg); err != nil {
		return "", err
	}
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:]), nil
}

// Encode writes the resolved configuration as TOML.
func Encode(w *bytes.Buffer, cfg *sim.Config) error {
	c := *cfg
	c.Extends = ""
	return toml.NewEncoder(w).Encode(c)
}

// definition records where a key was last set: the file and position.
type definition struct {
	file      string
	line, col int
}

type loader struct {
	stack   []string              // files being loaded, to find cycles
	defined map[string]definition // key path → where it is set
	errs    Errors                // type errors and unknown keys, of every file
	typeErr map[string]bool       // file + "\x00" + key path of each type error
}

// MaxErrors is the most errors reported for one scenario.
const MaxErrors = 50

// Limits on the files a scenario is read from (docs/cli.md, Limits):
// checked before a file is read or parsed, so that a wrong path (a device,
// a FIFO, a huge file) is refused at once, naming the limit.
const (
	// MaxFileBytes is the largest scenario or sweep file read (the
	// embedded scenarios are 2–6 KB).
	MaxFileBytes = 1 << 20
	// MaxExtendsDepth is the longest chain of files a scenario may
	// extend, itself included.
	MaxExtendsDepth = 8
)

// sortErrors orders errors by file, then line and column.
func sortErrors(errs Errors) {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].File != errs[j].File {
			return errs[i].File < errs[j].File
		}
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Col < errs[j].Col
	})
}

// load decodes ref (and what it extends) into cfg and returns ref's
// display name.
func (l *loader) load(ref, from string, cfg *sim.Config) (string, error) {
	data, name, id, err := l.read(ref, from)
	if err != nil {
		return "", err
	}
	for _, s := range l.stack {
		if s == id {
			return "", Errors{{File: name, Msg: fmt.Sprintf("extends cycle: %s → %s", strings.Join(l.stack, " → "), id)}}
		}
	}
	if len(l.stack) >= MaxExtendsDepth {
		return "", Errors{{File: name, Msg: fmt.Sprintf("extends chain longer than the limit of %d files: %s → %s", MaxExtendsDepth, strings.Join(l.stack, " → "), id)}}
	}
	l.stack = append(l.stack, id)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	if l.defined == nil {
		l.defined = map[string]definition{}
	}

	text := string(data)
	if e := checkShape(name, text); e != nil {
		return "", Errors{e}
	}
	lines := scanKeyLines(text)
	var head struct {
		Extends string `toml:"extends"`
	}
	hmd, err := toml.Decode(text, &head)
	if err != nil {
		return "", Errors{decodeError(name, err, lines)}
	}
	if len(hmd.Keys()) == 0 {
		return "", Errors{{File: name, Msg: "the file sets no keys: expected a scenario, such as extends = \"baseline-2015\" and the keys to change (channelsim scenarios --show baseline-2015 prints one)"}}
	}
	if head.Extends != "" {
		base := ""
		if !strings.HasPrefix(id, "embedded:") {
			base = filepath.Dir(id)
		}
		if _, err := l.load(head.Extends, base, cfg); err != nil {
			var es Errors
			if errors.As(err, &es) {
				line, col := lines.find("extends")
				es = append(Errors{{File: name, Line: line, Col: col, Key: "extends", Msg: fmt.Sprintf("in %q, which this scenario extends:", head.Extends)}}, es...)
				return "", es
			}
			return "", err
		}
	}
	// Values of the wrong type: each is reported and its line blanked, so
	// that the rest of the file is still checked.
	text, typeErrs, err := blankTypeErrors(name, text, lines)
	if err != nil {
		return "", Errors{decodeError(name, err, lines)}
	}
	if l.typeErr == nil {
		l.typeErr = map[string]bool{}
	}
	for _, e := range typeErrs {
		l.typeErr[e.File+"\x00"+stripIndex(e.Key)] = true
	}
	l.errs = append(l.errs, typeErrs...)
	// An array this file sets replaces the inherited one whole: decoding
	// into the inherited slice would keep, in each element, the keys this
	// file's element leaves out.
	var generic map[string]any
	if _, err := toml.Decode(text, &generic); err != nil {
		return "", Errors{decodeError(name, err, lines)}
	}
	for _, path := range resetArrays(reflect.ValueOf(cfg).Elem(), generic, "") {
		// Where the inherited array's keys were set no longer applies.
		for k := range l.defined {
			if k == path || strings.HasPrefix(k, path+".") || strings.HasPrefix(k, path+"[") {
				delete(l.defined, k)
			}
		}
	}
	md, err := toml.Decode(text, cfg)
	if err != nil {
		return "", Errors{decodeError(name, err, lines)}
	}
	known := knownPaths()
	for _, k := range md.Undecoded() {
		key := k.String()
		line, col := lines.find(key)
		msg := "unknown key"
		if s := suggest(key, known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		l.errs = append(l.errs, &Error{File: name, Line: line, Col: col, Key: key, Msg: msg})
	}
	for _, k := range md.Keys() {
		key := k.String()
		line, col := lines.find(key)
		l.defined[key] = definition{file: name, line: line, col: col}
	}
	// Each element of an array of tables, by its index, so that an error
	// in the third element points at the third element's line.
	for key, pos := range lines {
		if strings.Contains(key, "[") {
			l.defined[key] = definition{file: name, line: pos[0], col: pos[1]}
		}
	}
	return name, nil
}

// blankTypeErrors decodes text into a scratch configuration; while that
// fails with a value of the wrong type at a known line, it records the
// error and blanks the value's lines (keeping the line numbers), up to
// MaxErrors times. It returns the text without those values, their
// errors, and any other decoding error (a syntax error) as err.
func blankTypeErrors(file, text string, lines keyLines) (string, Errors, error) {
	var generic map[string]any
	if _, err := toml.Decode(text, &generic); err != nil {
		return text, nil, err // a syntax error
	}
	var errs Errors
	for len(errs) < MaxErrors {
		_, err := toml.Decode(text, new(sim.Config))
		if err == nil {
			return text, errs, nil
		}
		e := decodeError(file, err, lines)
		if e.Line == 0 {
			return text, errs, err
		}
		blanked, ok := blankValue(text, e.Line)
		if !ok {
			return text, errs, err
		}
		errs = append(errs, e)
		text = blanked
	}
	return text, errs, nil
}

// blankValue empties line n (1-based) of text and, when its value opens
// brackets, the lines up to where they close. It reports false when
// there was nothing to blank.
func blankValue(text string, n int) (string, bool) {
	ls := strings.Split(text, "\n")
	if n < 1 || n > len(ls) || strings.TrimSpace(ls[n-1]) == "" {
		return text, false
	}
	depth := 0
	for i := n - 1; i < len(ls); i++ {
		depth += bracketDepth(ls[i])
		ls[i] = ""
		if depth <= 0 {
			break
		}
	}
	return strings.Join(ls, "\n"), true
}

// read returns a scenario's bytes, its display name and a canonical id.
func (l *loader) read(ref, from string) (data []byte, name, id string, err error) {
	if b, ok := Embedded(ref); ok && !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".toml") {
		return b, ref + ".toml (embedded)", "embedded:" + ref, nil
	}
	p := ref
	if from != "" && !filepath.IsAbs(p) {
		p = filepath.Join(from, p)
	}
	b, err := safefile.ReadInput(p, MaxFileBytes, "scenario file")
	if safefile.IsRefusal(err) {
		return nil, "", "", Errors{{File: p, Msg: strings.TrimPrefix(err.Error(), p+" ")}}
	}
	if err != nil {
		msg := fmt.Sprintf("cannot read scenario: %v", unwrapPathError(err))
		if !strings.HasSuffix(ref, ".toml") {
			if s := suggest(ref, Names()); s != "" && !strings.ContainsAny(ref, `/\`) {
				msg += fmt.Sprintf(" (it is not an embedded scenario either; did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (it is not an embedded scenario either; those are: %s)", strings.Join(Names(), ", "))
			}
		}
		return nil, "", "", Errors{{File: p, Msg: msg}}
	}
	abs, _ := filepath.Abs(p)
	return b, p, abs, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var typeRE = regexp.MustCompile(`TOML value has type (\w+); destination has type`)

var lineRE = regexp.MustCompile(`line (\d+)(?: \(last key "([^"]*)"\))?: (.*)`)

// decodeError turns a toml error into an Error with a position.
func decodeError(file string, err error, lines keyLines) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if u := errors.Unwrap(err); u != nil && !strings.Contains(msg, u.Error()) {
			msg = u.Error()
		}
		e := &Error{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Key: pe.LastKey, Msg: msg}
		if e.Key != "" && !strings.Contains(msg, "expected") {
			if k := keyByPath(e.Key); k != nil {
				e.Msg += fmt.Sprintf(" (expected %s)", k.Type)
			}
		}
		return e
	}
	// Type mismatches are plain errors: "toml: line N (last key "k"): ...".
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		e := &Error{File: file, Line: line, Key: m[2], Msg: m[3]}
		if k := keyByPath(e.Key); k != nil {
			e.Msg = fmt.Sprintf("%s; expected %s", strings.TrimPrefix(e.Msg, "incompatible types: "), k.Type)
			if t := typeRE.FindStringSubmatch(m[3]); t != nil {
				e.Msg = fmt.Sprintf("expected %s, got a TOML %s", k.Type, t[1])
			}
		}
		if e.Key != "" {
			_, e.Col = lines.find(e.Key)
		}
		return e
	}
	return &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

func keyByPath(p string) *Key {
	p = stripIndex(p)
	for _, k := range Keys() {
		if strings.ReplaceAll(k.Path, "[]", "") == p {
			k := k
			return &k
		}
	}
	return nil
}

// validate checks every key's value against its range, enum and length,
// and the rules that tie keys together.
//
// A key no file sets is reported at file, the scenario's own file.
func validate(cfg *sim.Config, defined map[string]definition, file string) Errors {
	var errs Errors
	at := func(path string) (string, int, int) {
		if d, ok := defined[path]; ok {
			return d.file, d.line, d.col
		}
		// The key itself, else the nearest table that sets it (an element
		// of an array of tables that leaves the key out).
		for p := stripIndex(path); p != ""; {
			if d, ok := defined[p]; ok {
				return d.file, d.line, d.col
			}
			i := strings.LastIndexByte(p, '.')
			if i < 0 {
				break
			}
			p = p[:i]
		}
		return file, 0, 0
	}
	add := func(path, msg string) {
		f, line, col := at(path)
		errs = append(errs, &Error{File: f, Line: line, Col: col, Key: path, Msg: msg})
	}
	for _, k := range Keys() {
		if k.Type == "array of tables" {
			continue
		}
		for _, fv := range lookup(reflect.ValueOf(cfg).Elem(), k.Path) {
			if msg := k.check(fv.v); msg != "" {
				add(fv.path, "expected "+msg)
			}
		}
	}
	rules(cfg, add)
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].File != errs[j].File {
			return errs[i].File < errs[j].File
		}
		return errs[i].Line < errs[j].Line
	})
	return errs
}

type fieldValue struct {
	path string
	v    reflect.Value
}

// lookup finds the values of a key path ("a.b", "a[].b") in v.
func lookup(v reflect.Value, p string) []fieldValue {
	head, rest, _ := strings.Cut(p, ".")
	arr := strings.HasSuffix(head, "[]")
	name := strings.TrimSuffix(head, "[]")
	f, ok := fieldByTag(v, name)
	if !ok {
		return nil
	}
	if arr {
		var out []fieldValue
		for i := 0; i < f.Len(); i++ {
			for _, fv := range lookup(f.Index(i), rest) {
				out = append(out, fieldValue{fmt.Sprintf("%s[%d].%s", name, i, fv.path), fv.v})
			}
		}
		return out
	}
	if rest == "" {
		return []fieldValue{{name, f}}
	}
	var out []fieldValue
	for _, fv := range lookup(f, rest) {
		out = append(out, fieldValue{name + "." + fv.path, fv.v})
	}
	return out
}

func fieldByTag(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if fv, ok := fieldByTag(v.Field(i), name); ok {
				return fv, true
			}
			continue
		}
		if f.Tag.Get("toml") == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// Validate checks a configuration built or changed in code (a sweep's
// parameter point) against every key's range and the cross-key rules.
func Validate(cfg *sim.Config) error {
	if errs := validate(cfg, nil, "(scenario)"); len(errs) > 0 {
		return errs
	}
	return nil
}

// ValidateRules checks only the rules that tie keys together (an order
// between two keys, weights with a positive sum, names that refer to
// each other), not each key's range: for a configuration whose changed
// keys were each checked alone with Validate (a sweep's point, whose
// values were each checked on the base scenario).
func ValidateRules(cfg *sim.Config) error {
	var errs Errors
	rules(cfg, func(path, msg string) {
		errs = append(errs, &Error{File: "(scenario)", Key: path, Msg: msg})
	})
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// resetArrays sets to nil every slice of struct v that the decoded table m
// gives an array for, descending into sub-tables, so that the file's array
// replaces the inherited one instead of being decoded over it; it returns
// the dotted paths (below prefix) of the arrays it reset.
func resetArrays(v reflect.Value, m map[string]any, prefix string) []string {
	if v.Kind() != reflect.Struct {
		return nil
	}
	var reset []string
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		val, ok := m[tag]
		if tag == "" || !ok {
			continue
		}
		f := v.Field(i)
		switch x := val.(type) {
		case map[string]any:
			reset = append(reset, resetArrays(f, x, prefix+tag+".")...)
		case []map[string]any, []any:
			if f.Kind() == reflect.Slice && f.CanSet() {
				f.Set(reflect.Zero(f.Type()))
				reset = append(reset, prefix+tag)
			}
		}
	}
	return reset
}
