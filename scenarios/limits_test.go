//go:build unix

package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNumbersFiniteAndWeightsPositive: non-finite numbers are refused in
// every key, shown as the file wrote them; weights the model normalises
// must not be all zero; documented bounds hold (seed ≥ 0, within_week ≥
// within_day).
func TestNumbersFiniteAndWeightsPositive(t *testing.T) {
	cases := []struct {
		file string
		line int
		want string
	}{
		{"inf-profile.toml", 4, "freight.hour_profile: expected a finite number, got inf (element 1)"},
		{"zero-profile.toml", 4, "freight.hour_profile: expected 24 hourly weights with a positive sum (they are normalised), got all zero"},
		{"zero-trailers.toml", 3, "freight.trailer_mix: expected trailer shares with a positive sum"},
		{"inf-causes.toml", 4, "removals.causes.legal: expected a finite number, got inf"},
		{"inf-nationality.toml", 4, "migrants.nationality_shares: expected a finite number, got inf (element 3)"},
		{"inf-uk-bound.toml", 4, "freight.uk_bound_per_year: expected a finite number, got inf"},
		{"nan-share.toml", 4, "controls.search_share: expected a finite number, got nan"},
		{"negative-seed.toml", 3, "seed: expected a value of at least 0, got -1"},
		{"week-before-day.toml", 5, "removals.within_week: expected at least within_day (0.5"},
	}
	for _, c := range cases {
		_, err := Load(filepath.Join("testdata", "bad", c.file))
		var es Errors
		if !errors.As(err, &es) {
			t.Errorf("%s: %v, want Errors", c.file, err)
			continue
		}
		if len(es) != 1 || es[0].Line != c.line || !strings.Contains(es[0].Error(), c.want) {
			t.Errorf("%s: got\n%v\nwant one error at line %d with %q", c.file, err, c.line, c.want)
		}
	}
	// The regions' shares (an array of tables) are weights too.
	dir := t.TempDir()
	p := filepath.Join(dir, "regions.toml")
	os.WriteFile(p, []byte("extends = \"baseline-2015\"\nname = \"r\"\n[[removals.regions]]\nname = \"a\"\nshare = 0\n"), 0o644)
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "removals.regions: expected regions' shares with a positive sum") {
		t.Errorf("all-zero region shares: %v", err)
	}
}

// TestInputLimits: a scenario names a device, a FIFO, a file over the
// size limit or an extends chain over the depth limit: each is refused at
// once with a message naming the file and the limit.
func TestInputLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := write("big.toml", "extends = \"baseline-2015\"\n"+strings.Repeat("# padding\n", MaxFileBytes/10+1))
	// chain-1 extends chain-2 … chain-9 extends baseline-2015.
	for i := 1; i <= MaxExtendsDepth+1; i++ {
		next := fmt.Sprintf("chain-%d.toml", i+1)
		if i == MaxExtendsDepth+1 {
			next = "baseline-2015"
		}
		write(fmt.Sprintf("chain-%d.toml", i), fmt.Sprintf("extends = %q\nname = \"c%d\"\n", next, i))
	}
	ok := filepath.Join(dir, "chain-3.toml") // chain-3 … chain-9 and the embedded baseline: 8 files
	for _, c := range []struct {
		path, want string
	}{
		{"testdata/bad/extends-device.toml", "/dev/zero: is a character device, not a regular file"},
		{write("extends-fifo.toml", "extends = \"fifo.toml\"\n"), "fifo.toml: is a FIFO (named pipe), not a regular file"},
		{fifo, "fifo.toml: is a FIFO (named pipe), not a regular file"},
		{"/dev/zero", "/dev/zero: is a character device"},
		{big, "big.toml: is larger than the limit of 1 MiB for a scenario file"},
		{write("extends-big.toml", "extends = \"big.toml\"\n"), "is larger than the limit of 1 MiB"},
		{filepath.Join(dir, "chain-1.toml"), "extends chain longer than the limit of 8 files"},
		{write("empty.toml", ""), "empty.toml: the file sets no keys"},
		{"testdata/bad/empty.toml", "empty.toml: the file sets no keys"},
	} {
		_, err := Load(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Load(%s) = %v, want %q", c.path, err, c.want)
		}
	}
	if _, err := Load(ok); err != nil {
		t.Errorf("an extends chain of %d files: %v", MaxExtendsDepth, err)
	}
}

// TestErrorsNameTheFile: a key that no file sets is reported at the
// scenario's file, not at an anonymous "(scenario)".
func TestErrorsNameTheFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bare.toml")
	os.WriteFile(p, []byte("name = \"bare\"\n"), 0o644)
	_, err := Load(p)
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("a scenario of one key: %v", err)
	}
	for _, e := range es {
		if e.File != p {
			t.Errorf("error %q is not at %s", e, p)
		}
	}
}
