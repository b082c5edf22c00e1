package main

import "testing"

func TestResumeCommand(t *testing.T) {
	cases := []struct {
		argv0, ref string
		days, reps int
		k, n       int
		dir, want  string
	}{
		{"/usr/local/bin/channelsim", "control-intensity", 21, 4, 1, 1, "sweep-control-intensity",
			"/usr/local/bin/channelsim sweep control-intensity --days 21 --reps 4 --out sweep-control-intensity --resume"},
		{"./channelsim", "my sweeps/a.toml", 1, 160, 3, 4, "results/shard-4",
			"./channelsim sweep 'my sweeps/a.toml' --days 1 --reps 160 --shard 3/4 --out results/shard-4 --resume"},
		{"/tmp/go-build1/exe/main", "x.toml", 7, 2, 2, 2, "it's here",
			`channelsim sweep x.toml --days 7 --reps 2 --shard 2/2 --out 'it'\''s here' --resume`},
	}
	for _, tc := range cases {
		if got := resumeCommand(tc.argv0, tc.ref, tc.days, tc.reps, tc.k, tc.n, tc.dir); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}
