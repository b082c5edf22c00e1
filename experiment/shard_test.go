package experiment

import (
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		s    string
		k, n int
		ok   bool
	}{
		{"1/1", 1, 1, true}, {"3/4", 3, 4, true}, {"16/16", 16, 16, true}, {"merged", 1, 1, true},
		{"0/4", 0, 0, false}, {"5/4", 0, 0, false}, {"1/0", 0, 0, false}, {"-1/4", 0, 0, false},
		{"3", 0, 0, false}, {"3/", 0, 0, false}, {"/4", 0, 0, false}, {"a/b", 0, 0, false}, {"", 0, 0, false},
	} {
		k, n, err := ParseShard(tc.s)
		if (err == nil) != tc.ok || k != tc.k || n != tc.n {
			t.Errorf("ParseShard(%q) = %d/%d, %v", tc.s, k, n, err)
		}
	}
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/1", "3/4", "merged", "0/4", "5/4", "x", "+3/04"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, n, err := ParseShard(s)
		if err != nil {
			if k != 0 || n != 0 {
				t.Errorf("%q: error %v with %d/%d", s, err, k, n)
			}
			return
		}
		if k < 1 || k > n {
			t.Errorf("%q: accepted as %d/%d", s, k, n)
		}
		if k2, n2, err := ParseShard(fmt.Sprintf("%d/%d", k, n)); err != nil || k2 != k || n2 != n {
			t.Errorf("%q: %d/%d does not read back: %d/%d, %v", s, k, n, k2, n2, err)
		}
	})
}

// TestShellJoinRoundTrip: a shell given ShellJoin's line sees the same
// words, for words with spaces, quotes and other shell syntax.
func TestShellJoinRoundTrip(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("ab/._-=:,+@%' \"$`\\!*?[]{}()<>|&;#~\t\né")
	words := []string{"", "plain", "it's", "a b", "$HOME", "--out", "results/shard-4"}
	for i := 0; i < 200; i++ {
		var b strings.Builder
		for j := r.IntN(12); j > 0; j-- {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		words = append(words, b.String())
	}
	got, err := exec.Command(sh, "-c", "printf '%s\\0' "+ShellJoin(words)).Output()
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(got), "\x00")
	parts = parts[:len(parts)-1]
	if len(parts) != len(words) {
		t.Fatalf("%d words came back as %d", len(words), len(parts))
	}
	for i := range words {
		if parts[i] != words[i] {
			t.Errorf("word %q came back as %q", words[i], parts[i])
		}
	}
}

// TestCheckParts: the merge names each directory at fault from the
// shards the directories record, for a sweep of 10 runs.
func TestCheckParts(t *testing.T) {
	p := func(dir, shard string, complete bool) part {
		k, n, err := ParseShard(shard)
		if err != nil {
			t.Fatal(err)
		}
		return part{dir: dir, k: k, n: n, man: Manifest{Shard: shard, Complete: complete, SweepFile: "s.toml", Days: 1, Replications: 2,
			ShardRuns: shardRuns(10, k, n), RunsDone: 1}}
	}
	cases := []struct {
		name  string
		parts []part
		want  []string // "" for no error
	}{
		{"a split in 4", []part{p("r/0", "1/4", true), p("r/2", "2/4", true), p("r/4", "3/4", true), p("r/6", "4/4", true)}, nil},
		{"a split of 3 and 6", []part{p("a", "1/3", true), p("b", "2/6", true), p("c", "5/6", true), p("d", "3/3", true)}, nil},
		{"the whole sweep", []part{p("all", "merged", true)}, nil},
		{"a lone task run as the whole sweep", []part{p("r/0", "1/4", true), p("r/2", "2/4", true), p("r/9", "1/1", true)},
			[]string{"r/0 (shard 1/4) and r/9 (shard 1/1) both hold run 0", "r/2 (shard 2/4) and r/9 (shard 1/1) both hold run 1"}},
		{"one shard in two directories", []part{p("r/0", "1/2", true), p("r/1", "2/2", true), p("r/1b", "2/2", true)},
			[]string{"r/1 and r/1b both hold shard 2/2"}},
		{"shards missing", []part{p("r/0", "1/4", true), p("r/6", "4/4", true)},
			[]string{"shards 2/4, 3/4 are missing", "runs 1, 2, 5, 6, 9"}},
		{"runs missing across splits", []part{p("a", "1/2", true), p("b", "2/4", true)},
			[]string{"runs 3, 7 are missing"}},
		{"a partial shard", []part{p("r/0", "1/2", true), p("r/1", "2/2", false)},
			[]string{"r/1 holds shard 2/2 with 1 of 5 runs", "channelsim sweep s.toml --days 1 --reps 2 --shard 2/2 --out r/1 --resume"}},
	}
	for _, tc := range cases {
		err := checkParts(tc.parts, 10)
		if tc.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if err == nil || !IsRefusal(err) {
			t.Errorf("%s: %v, want a refusal", tc.name, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", tc.name, err, w)
			}
		}
	}
}
