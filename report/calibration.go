package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
	"channelsim/scenarios"
	"channelsim/sim"
)

// Calibration is what a calibration's report shows.
type Calibration struct {
	*analysis.Calibration
	Reps    int
	Seed    uint64
	Wall    time.Duration
	Version string
}

// Write stages posterior.csv, history.csv, centre.toml, the plot of the
// sample's marginals and pairs, report.md and report.html in af.
func (c Calibration) Write(af *safefile.Stage) error {
	post, err := c.WritePosterior()
	if err != nil {
		return err
	}
	if err := af.Write("posterior.csv", post); err != nil {
		return err
	}
	if err := af.Write("history.csv", c.historyCSV()); err != nil {
		return err
	}
	if err := c.writeWaves(af); err != nil {
		return err
	}
	centre, err := c.centre()
	if err != nil {
		return err
	}
	if err := af.Write("centre.toml", centre); err != nil {
		return err
	}
	svg, err := c.pairs(af)
	if err != nil {
		return err
	}
	if err := af.Write("report.md", c.markdown()); err != nil {
		return err
	}
	return writeHTML(af, "calibration.html", struct {
		Name, Version string
		Pairs         Figure
	}{c.Setup.Base.Config.Name, c.Version, Figure{URI: svgURI(svg)}})
}

// historyCSV is history.csv: the acceptance history.
func (c Calibration) historyCSV() []byte {
	var hb bytes.Buffer
	hw := csv.NewWriter(&hb)
	hw.Write([]string{"generation", "runs", "runs_total", "tolerance", "acceptance", "ess", "ess_mixture"})
	for _, g := range c.History {
		hw.Write([]string{strconv.Itoa(g.Gen), strconv.Itoa(g.Runs), strconv.Itoa(g.Total), Float(g.Eps), Float(g.PAcc), Float(g.ESS), Float(g.MixtureESS)})
	}
	hw.Flush()
	return hb.Bytes()
}

// centre is centre.toml: the scenario at the sample's weighted median,
// written whole (every key resolved), since a file that extends the base
// would have to repeat an array of tables to change one element.
func (c Calibration) centre() ([]byte, error) {
	cfg := experiment.Clone(c.Setup.Base.Config)
	for d, v := range c.Centre() {
		if err := scenarios.Set(cfg, c.Setup.Ranges[d].Path, v); err != nil {
			return nil, err
		}
	}
	var full bytes.Buffer
	cfg.Name = c.Setup.Base.Config.Name + "-calibrated"
	cfg.Description = "The " + c.Setup.Base.Config.Name + " scenario with its fitted parameters at the weighted median of the calibration sample (posterior.csv)."
	if err := scenarios.Encode(&full, cfg); err != nil {
		return nil, err
	}
	return append([]byte(fmt.Sprintf("# Written by channelsim calibrate (seed %d): %s with each fitted parameter at the\n# weighted median of the accepted sample in posterior.csv.\n", c.Seed, c.Setup.Base.Config.Name)), full.Bytes()...), nil
}

// pairs stages the plot of the sample's marginals and pairs as PNG and
// SVG, and returns the SVG.
func (c Calibration) pairs(af *safefile.Stage) ([]byte, error) {
	var names []string
	cols := make([][]float64, len(c.Setup.Ranges))
	for d, r := range c.Setup.Ranges {
		names = append(names, ShortKey(r.Path))
		cols[d] = c.Sample(d)
	}
	rows := make([][]float64, len(c.Pop.Theta))
	for i := range rows {
		rows[i] = make([]float64, len(cols))
		for d := range cols {
			rows[i][d] = cols[d][i]
		}
	}
	title := "Posterior of " + c.Setup.Base.Config.Name
	note := fmt.Sprintf("%d accepted draws, weighted; each draw %s × %s", len(c.Pop.Theta), Plural(c.Reps, "replication"), Plural(c.Days(), "day"))
	png, err := chart.Pairs(title, note, names, rows, c.Pop.Normalized(), "png")
	if err != nil {
		return nil, err
	}
	if err := af.Write("posterior-pairs.png", png); err != nil {
		return nil, err
	}
	svg, err := chart.Pairs(title, note, names, rows, c.Pop.Normalized(), "svg")
	if err != nil {
		return nil, err
	}
	return svg, af.Write("posterior-pairs.svg", svg)
}

// essNote says what report.md's two effective sample sizes are.
const essNote = "The effective sample size (Kish: (Σw)²/Σw²) of the particles kept, by two weightings of the same particles, both π/q: each particle's own generation's proposal as q (Lenormand et al., which steers the generations), and the mixture of every generation's proposals, each in proportion to its runs (the deterministic-mixture weights of Owen and Zhou 2000, as in AMIS), which the kept sample (posterior.csv) carries: they vary less, since a particle that the later, narrower kernels barely reach is not weighted by its own generation's kernels alone."

// markdown is report.md.
func (c Calibration) markdown() []byte {
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Calibration of %s\n\nApproximate Bayesian computation (adaptive population Monte Carlo, Lenormand, Jabot and Deffuant 2013) of %d parameters to the calibration targets", c.Setup.Base.Config.Name, len(c.Setup.Ranges))
	for _, t := range c.Targets {
		fmt.Fprintf(&md, " %s", t.Target().ID)
	}
	stop := fmt.Sprintf("stop below %g %% acceptance", 100*c.APMC.PAccMin)
	if c.Settings.Eps > 0 {
		stop += fmt.Sprintf(" or at a tolerance of %g", c.Settings.Eps)
	}
	fmt.Fprintf(&md, ". Prior: uniform over each plausible range. Distance: root mean square of (measure − band centre) / band half-width (1 = at the edge of the bands). %d particles, α = %g, %s, after %d generations at most; %d replication(s) a particle; horizon %d days; seed %d. Program %s; wall time %s.\n\n",
		c.APMC.N, c.APMC.Alpha, stop, c.Settings.MaxGen, c.Reps, c.Days(), c.Seed, c.Version, c.Wall.Round(time.Second))
	if len(c.Waves) > 0 {
		fmt.Fprintf(&md, "## History matching\n\nImplausibility cut-off %g; Gaussian-process emulators of each target, refitted each wave in the space not ruled out (waves.csv; emulator-TARGET.png for the last wave's leave-one-out diagnostics).\n\n| wave | runs | prior left | leave-one-out within 2 sd |\n|---|---|---|---|\n", c.HM.Cutoff)
		for _, w := range c.Waves {
			fmt.Fprintf(&md, "| %d | %d | %.4f %% | %s |\n", w.Wave+1, w.Runs, 100*w.Volume, LOOText(c.Calibration, w))
		}
		md.WriteString("\n")
	}
	md.WriteString("## Acceptance history\n\n" + essNote + "\n\n| generation | runs | total runs | tolerance | new particles accepted | ESS, own generations' weights | ESS, mixture weights |\n|---|---|---|---|---|---|---|\n")
	for _, g := range c.History {
		fmt.Fprintf(&md, "| %d | %d | %d | %.3f | %.0f %% | %.1f | %.1f |\n", g.Gen, g.Runs, g.Total, g.Eps, 100*g.PAcc, g.ESS, g.MixtureESS)
	}
	md.WriteString("\n## Posterior\n\n| parameter | baseline | prior | weighted median [central 95 %] |\n|---|---|---|---|\n")
	for d, r := range c.Setup.Ranges {
		lo, mid, hi := c.Interval(c.Sample(d))
		f := sim.FormatFloat // durations in minutes, as the name says
		fmt.Fprintf(&md, "| `%s` | %s | %s … %s | %s [%s, %s] |\n", analysis.PosteriorColumn(r.Path), f(r.Base), f(r.Low), f(r.High), f(mid), f(lo), f(hi))
	}
	md.WriteString("\n## Targets in the accepted runs\n\n| target | what | band | weighted median [central 95 %] |\n|---|---|---|---|\n")
	for t, ct := range c.Targets {
		tg := ct.Target()
		lo, mid, hi := c.Interval(c.Measured(t))
		fmt.Fprintf(&md, "| %s | %s | %s | %s [%s, %s] |\n", tg.ID, tg.What, tg.Band, Num(mid), Num(lo), Num(hi))
	}
	md.WriteString("\n![Marginals and pairs of the accepted sample](posterior-pairs.png)\n")
	return md.Bytes()
}

// LOOText gives a wave's leave-one-out coverage by target.
func LOOText(c *analysis.Calibration, w analysis.WaveRecord) string {
	var parts []string
	for t, ct := range c.Targets {
		parts = append(parts, fmt.Sprintf("%s %.0f %%", ct.Target().ID, 100*w.LOOWithin2[t]))
	}
	return strings.Join(parts, ", ")
}

// writeWaves stages waves.csv and the last wave's emulator diagnostics
// (emulator-TARGET.png: each run's leave-one-out prediction, ±2 sd,
// against its value).
func (c Calibration) writeWaves(af *safefile.Stage) error {
	if len(c.Waves) == 0 {
		return nil
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	head := []string{"wave", "runs", "prior_left"}
	for _, ct := range c.Targets {
		id := ct.Target().ID
		head = append(head, id+"_loo_within_2sd", id+"_loo_rmse", id+"_noise_sd")
	}
	cw.Write(head)
	ff := sim.FormatFloat
	for _, w := range c.Waves {
		row := []string{strconv.Itoa(w.Wave + 1), strconv.Itoa(w.Runs), ff(w.Volume)}
		for t := range c.Targets {
			row = append(row, ff(w.LOOWithin2[t]), ff(w.LOORMSE[t]), ff(w.NoiseSD[t]))
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := af.Write("waves.csv", b.Bytes()); err != nil {
		return err
	}
	last := c.HM.Waves[len(c.HM.Waves)-1]
	for t, ct := range c.Targets {
		tg := ct.Target()
		l := last.LOO[t]
		var pts []chart.Point
		for i := range l.Mean {
			pts = append(pts, chart.Point{X: l.Mean[i], XLo: l.Mean[i] - 2*l.SD[i], XHi: l.Mean[i] + 2*l.SD[i], Y: last.Outputs[i][t]})
		}
		note := fmt.Sprintf("wave %d of %d: %d runs; %.0f %% within 2 sd (about 95 %% for a sound emulator); noise sd %s", len(c.HM.Waves), len(c.HM.Waves), len(pts), 100*l.Within2, Num(math.Sqrt(last.Emulators[t].NoiseVar())))
		f, err := chart.LeaveOneOut("Emulator of "+tg.ID+": leave-one-out against the runs", note, "emulator's prediction from the other runs (±2 sd), "+tg.Unit, "the run's value, "+tg.Unit, pts)
		if err != nil {
			return err
		}
		png, err := chart.Render(f, "png")
		if err != nil {
			return err
		}
		if err := af.Write("emulator-"+tg.ID+".png", png); err != nil {
			return err
		}
	}
	return nil
}

// PrintCalibration prints the history-matching waves, the acceptance
// history, the posterior and the targets in the accepted runs.
func PrintCalibration(stdout io.Writer, c *analysis.Calibration) {
	if len(c.Waves) > 0 {
		fmt.Fprintf(stdout, "History matching (implausibility cut-off %g):\n  wave  runs  prior left  emulators' leave-one-out within 2 sd\n", c.HM.Cutoff)
		for _, w := range c.Waves {
			fmt.Fprintf(stdout, "  %4d  %4d  %9.4f %%  %s\n", w.Wave+1, w.Runs, 100*w.Volume, LOOText(c, w))
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "Acceptance history (ESS by each particle's own generation's weights, and by the mixture weights the sample keeps):\n  gen  runs  total  tolerance  accepted    ESS  ESS mixture\n")
	for _, g := range c.History {
		fmt.Fprintf(stdout, "  %3d  %4d  %5d  %9.3f  %7.0f%%  %5.1f  %11.1f\n", g.Gen, g.Runs, g.Total, g.Eps, 100*g.PAcc, g.ESS, g.MixtureESS)
	}
	fmt.Fprintf(stdout, "\nPosterior (%d particles; weighted median and central 95 %%):\n", len(c.Pop.Theta))
	for d, r := range c.Setup.Ranges {
		lo, mid, hi := c.Interval(c.Sample(d))
		f := sim.FormatFloat // durations in minutes, as the name says
		fmt.Fprintf(stdout, "  %-46s %s [%s, %s]   prior %s … %s, baseline %s\n", analysis.PosteriorColumn(r.Path), f(mid), f(lo), f(hi), f(r.Low), f(r.High), f(r.Base))
	}
	fmt.Fprintf(stdout, "\nTargets in the accepted runs (weighted median and central 95 %%):\n")
	for t, ct := range c.Targets {
		tg := ct.Target()
		lo, mid, hi := c.Interval(c.Measured(t))
		fmt.Fprintf(stdout, "  %-5s %-58s %s [%s, %s]   band %s\n", tg.ID, tg.What, Num(mid), Num(lo), Num(hi), tg.Band)
	}
}
