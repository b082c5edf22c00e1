package analysis

import (
	"context"
	"fmt"

	"channelsim/experiment"
	"channelsim/scenarios"
	"channelsim/sim"
)

// Draws is a comparison run again under draws of a parameter sample, with
// common random numbers within each draw.
type Draws struct {
	Post *Posterior
	*experiment.DrawComparison
	// Scaled are the keys ("label: key") a scenario changes relative to
	// each draw; Kept the keys a scenario sets itself, not drawn.
	Scaled, Kept map[string]bool
}

// drawSeed is the master seed of the draws' runs ("post").
const drawSeed = 0x706f7374

// RunDraws runs every scenario of scs (scs[0] the one post was fitted to)
// under draws draws of post, reps replications each, over days days.
// progress, if set, is called as runs finish.
func RunDraws(ctx context.Context, scs []*scenarios.Scenario, labels []string, post *Posterior, draws, reps, days, workers int, progress func(done, total int)) (*Draws, error) {
	d := &Draws{Post: post, Scaled: map[string]bool{}, Kept: map[string]bool{}}
	ds := post.Draws(draws)
	// Find which keys each scenario scales or keeps (the same for every draw).
	for s := 1; s < len(scs); s++ {
		cfg := experiment.Clone(scs[s].Config)
		sc, kp, err := post.Apply(cfg, scs[0].Config, ds[0])
		if err != nil {
			return nil, fmt.Errorf("%s under a draw of %s: %w", labels[s], post.Source, err)
		}
		for _, k := range sc {
			d.Scaled[labels[s]+": "+k] = true
		}
		for _, k := range kp {
			d.Kept[labels[s]+": "+k] = true
		}
	}
	dc, err := experiment.CompareDraws(ctx, scs, labels, draws, reps, days, workers, drawSeed, func(i, s int, cfg *sim.Config) error {
		_, _, err := post.Apply(cfg, scs[0].Config, ds[i])
		return err
	}, func(done, total int) {
		if progress != nil {
			progress(done, total)
		}
	})
	if err != nil {
		return nil, err
	}
	d.DrawComparison = dc
	return d, nil
}
