package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"time"

	"channelsim/analysis"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
	"channelsim/scenarios"
	"channelsim/uq"
)

// Sensitivity is what a sensitivity analysis's report shows: the Morris
// screening, the Sobol indices, or both.
type Sensitivity struct {
	Base         string // the base scenario, as given
	Trajectories int    // Morris r
	Levels       int    // Morris grid levels
	Days, Reps   int
	Seed         uint64
	Morris       *analysis.Morris // nil: not run
	Sobol        *analysis.Sobol  // nil: not run
	// Wall is the whole analysis's wall time, MorrisWall the screening's.
	Wall, MorrisWall time.Duration
	Version          string
}

// Write stages indices.csv, the charts, report.md and report.html in af.
func (s Sensitivity) Write(af *safefile.Stage) error {
	if err := af.Write("indices.csv", s.indicesCSV()); err != nil {
		return err
	}
	figs, err := s.morrisFigures(af)
	if err != nil {
		return err
	}
	sfigs, err := s.sobolFigures(af)
	if err != nil {
		return err
	}
	figs = append(figs, sfigs...)
	if err := af.Write("report.md", s.markdown()); err != nil {
		return err
	}
	return writeHTML(af, "sensitivity.html", struct {
		Sensitivity
		Figures []Figure
	}{s, figs})
}

// indicesCSV is indices.csv: every index with its interval, one row each.
func (s Sensitivity) indicesCSV() []byte {
	var cb bytes.Buffer
	cw := csv.NewWriter(&cb)
	cw.Write([]string{"method", "output", "parameter", "index", "value", "ci95_lo", "ci95_hi", "mu", "sigma", "n", "low", "high"})
	if m := s.Morris; m != nil {
		for oi, out := range m.Setup.Outputs {
			res := m.Results[oi]
			for i, r := range m.Setup.Ranges {
				e := res.MuStar[i]
				cw.Write([]string{"morris", out, r.Path, "mu_star", Float(e.Value), Float(e.Lo), Float(e.Hi), Float(res.Mu[i]), Float(res.Sigma[i]), strconv.Itoa(res.N[i]), r.Format(r.Low), r.Format(r.High)})
			}
		}
	}
	if so := s.Sobol; so != nil {
		for oi, out := range so.Setup.Outputs {
			res := so.Results[oi]
			for i, r := range so.Setup.Ranges {
				for _, x := range []struct {
					name string
					e    uq.Estimate
				}{{"S1", res.S1[i]}, {"ST", res.ST[i]}} {
					cw.Write([]string{"sobol", out, r.Path, x.name, Float(x.e.Value), Float(x.e.Lo), Float(x.e.Hi), "", "", strconv.Itoa(res.N), r.Format(r.Low), r.Format(r.High)})
				}
			}
		}
	}
	cw.Flush()
	return cb.Bytes()
}

// morrisFigures draws each output's screening: μ* against σ, the ten
// largest labelled.
func (s Sensitivity) morrisFigures(af *safefile.Stage) ([]Figure, error) {
	m := s.Morris
	if m == nil {
		return nil, nil
	}
	var figs []Figure
	for oi, out := range m.Setup.Outputs {
		res := m.Results[oi]
		rank := m.Ranking(oi)
		labelled := map[int]bool{}
		for j := 0; j < min(10, len(rank)); j++ {
			labelled[rank[j]] = true
		}
		var pts []chart.Point
		for i, r := range m.Setup.Ranges {
			e := res.MuStar[i]
			if math.IsNaN(e.Value) { // no effect measured
				continue
			}
			pts = append(pts, chart.Point{Label: r.Path, X: e.Value, XLo: e.Lo, XHi: e.Hi, Y: res.Sigma[i], Labelled: labelled[i]})
		}
		title := "Morris screening: " + out
		p, err := chart.Scatter(title, fmt.Sprintf("%d trajectories × %d days; bars: 95 %% bootstrap interval of μ*; the 10 largest labelled", s.Trajectories, s.Days), "μ* (mean |elementary effect| over the plausible range)", "σ (spread of the effects)", pts)
		if err != nil {
			return nil, err
		}
		fig, err := Render(af, p, "morris-"+out, title)
		if err != nil {
			return nil, err
		}
		figs = append(figs, fig)
	}
	return figs, nil
}

// sobolFigures draws each output's first- and total-order indices.
func (s Sensitivity) sobolFigures(af *safefile.Stage) ([]Figure, error) {
	so := s.Sobol
	if so == nil {
		return nil, nil
	}
	var names []string
	for _, r := range so.Setup.Ranges {
		names = append(names, ShortKey(r.Path))
	}
	var figs []Figure
	for oi, out := range so.Setup.Outputs {
		res := so.Results[oi]
		if NoIndices(res.ST) {
			continue // the output did not vary: nothing to draw (report.md says so)
		}
		var b1, bt []chart.Bar
		for i := range so.Setup.Ranges {
			b1 = append(b1, chart.Bar{Mean: res.S1[i].Value, Lo: res.S1[i].Lo, Hi: res.S1[i].Hi})
			bt = append(bt, chart.Bar{Mean: res.ST[i].Value, Lo: res.ST[i].Lo, Hi: res.ST[i].Hi})
		}
		title := "Sobol indices: " + out
		note := fmt.Sprintf("N = %d base rows × %d days; bars: 95 %% bootstrap intervals", so.N, s.Days)
		if ws := so.Warnings()[oi]; len(ws) > 0 {
			// Marked on the chart itself: a chart copied away from its
			// report keeps the warning.
			title = "NOISY: " + title
			note += fmt.Sprintf("; %d warning(s), see report.md: intervals outside [0, 1] or a small sample are noise, not findings", len(ws))
		}
		p, err := chart.Indices(title, note, names, b1, bt)
		if err != nil {
			return nil, err
		}
		fig, err := Render(af, p, "sobol-"+out, title)
		if err != nil {
			return nil, err
		}
		figs = append(figs, fig)
		cf, err := convergenceChart(so, oi, names, s.Days)
		if err != nil {
			return nil, err
		}
		cfig, err := Render(af, cf, "sobol-convergence-"+out, "Sobol indices against N: "+out)
		if err != nil {
			return nil, err
		}
		figs = append(figs, cfig)
	}
	return figs, nil
}

// markdown is report.md.
func (s Sensitivity) markdown() []byte {
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Sensitivity of %s\n\n", s.Base)
	fmt.Fprintf(&md, "Program %s. Horizon %d days, %d replication(s) a point, master seed %d, common random numbers (every point runs with the same seeds). Wall time %s", s.Version, s.Days, s.Reps, s.Seed, s.Wall.Round(time.Second))
	if s.Morris != nil {
		fmt.Fprintf(&md, " (screening %s)", s.MorrisWall.Round(time.Second))
	}
	md.WriteString(".\n\n")
	s.morrisMarkdown(&md)
	s.sobolMarkdown(&md)
	return md.Bytes()
}

func (s Sensitivity) morrisMarkdown(md *bytes.Buffer) {
	m := s.Morris
	if m == nil {
		return
	}
	fmt.Fprintf(md, "## Morris screening\n\n%d parameters, %d trajectories on a %d-level grid: %d runs. μ* is the mean absolute change of the output when a parameter moves across its whole plausible range (elementary effects per unit of the range), with its 95 %% bootstrap interval over trajectories; σ is the spread of the effects (non-linearity or interactions).\n\n", len(m.Setup.Ranges), s.Trajectories, s.Levels, m.Runs)
	for oi, out := range m.Setup.Outputs {
		fmt.Fprintf(md, "### %s\n\n| rank | parameter | range | μ* [95 %% CI] | σ |\n|---|---|---|---|---|\n", out)
		for rank, i := range m.Ranking(oi) {
			if rank == 10 {
				break
			}
			r, e := m.Setup.Ranges[i], m.Results[oi].MuStar[i]
			fmt.Fprintf(md, "| %d | `%s` | %s … %s | %s [%s, %s] | %s |\n", rank+1, r.Path, r.Format(r.Low), r.Format(r.High), Num(e.Value), Num(e.Lo), Num(e.Hi), Num(m.Results[oi].Sigma[i]))
		}
		fmt.Fprintf(md, "\n![%s](morris-%s.png)\n\n", out, out)
	}
}

func (s Sensitivity) sobolMarkdown(md *bytes.Buffer) {
	so := s.Sobol
	if so == nil {
		return
	}
	fmt.Fprintf(md, "## Sobol indices\n\n%d parameters, N = %d base rows of the Saltelli design: %d runs. S1 is the share of the output's variance a parameter explains alone, ST the share it has a part in (with interactions); 95 %% bootstrap intervals over base rows. The model's own noise, common to all points, is part of the variance; small indices are uncertain.\n\n", len(so.Setup.Ranges), so.N, so.Runs)
	for oi, out := range so.Setup.Outputs {
		res := so.Results[oi]
		if NoIndices(res.ST) {
			fmt.Fprintf(md, "### %s\n\nThe output did not vary over the design (the same value in every run): it has no variance to share out, so no indices.\n\n", out)
			continue
		}
		fmt.Fprintf(md, "### %s\n\n| parameter | S1 [95 %% CI] | ST [95 %% CI] |\n|---|---|---|\n", out)
		idx := make([]int, len(so.Setup.Ranges))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return res.ST[idx[a]].Value > res.ST[idx[b]].Value })
		for _, i := range idx {
			a, b := res.S1[i], res.ST[i]
			fmt.Fprintf(md, "| `%s` | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] |\n", so.Setup.Ranges[i].Path, a.Value, a.Lo, a.Hi, b.Value, b.Lo, b.Hi)
		}
		if ws := so.Warnings()[oi]; len(ws) > 0 {
			md.WriteString("\n**Warnings** (the chart is marked NOISY):\n\n")
			for _, w := range ws {
				fmt.Fprintf(md, "- %s\n", w)
			}
		}
		fmt.Fprintf(md, "\n![%s](sobol-%s.png)\n\n![%s: the total-order indices on the first rows of the design](sobol-convergence-%s.png)\n\n", out, out, out, out)
	}
}

// NoIndices reports whether every index is NaN: the output's variance over
// the design was zero.
func NoIndices(st []uq.Estimate) bool {
	for _, v := range st {
		if !math.IsNaN(v.Value) {
			return false
		}
	}
	return true
}

// convergenceChart draws output oi's total-order indices, with their
// intervals, on the first rows of the design (N = the rows used): indices
// that still move between the last two N have not settled.
func convergenceChart(s *analysis.Sobol, oi int, names []string, days int) (*chart.Figure, error) {
	// The smallest prefixes' intervals span many times [0, 1] and would
	// flatten the rest: the chart starts at a 32nd of the design (at
	// least 4 rows, or the whole of a smaller one), N doubling along an
	// even axis.
	var conv []uq.SobolResult
	for _, c := range s.Convergence[oi] {
		if c.N >= min(s.N, max(4, s.N/32)) { // the whole design always

			conv = append(conv, c)
		}
	}
	var cats []string
	for _, c := range conv {
		cats = append(cats, fmt.Sprint(c.N))
	}
	var series []chart.Series
	for i := range s.Setup.Ranges {
		var sr chart.Series
		sr.Label = names[i]
		for k, c := range conv {
			e := c.ST[i]
			sr.X = append(sr.X, float64(k))
			sr.Mean, sr.Lo, sr.Hi = append(sr.Mean, e.Value), append(sr.Lo, e.Lo), append(sr.Hi, e.Hi)
		}
		series = append(series, sr)
	}
	note := fmt.Sprintf("%d to %d base rows of the same Saltelli design × %d days; bands: 95 %% bootstrap intervals", conv[0].N, conv[len(conv)-1].N, days)
	return chart.Bands(chart.BandsSpec{Title: "Total-order Sobol indices against N: " + s.Setup.Outputs[oi], Note: note,
		XLabel: "base rows N (doubling)", YLabel: "total-order index ST", Series: series, Categories: cats})
}

// PrintSensitivity prints each output's ranking.
func PrintSensitivity(stdout, stderr io.Writer, m *analysis.Morris, s *analysis.Sobol) {
	if m != nil {
		for oi, out := range m.Setup.Outputs {
			fmt.Fprintf(stdout, "\nMorris screening of %s (μ* with its 95 %% bootstrap interval, σ; per unit of each plausible range):\n", out)
			for rank, i := range m.Ranking(oi) {
				if rank == 10 {
					fmt.Fprintf(stdout, "  … %d more in indices.csv\n", len(m.Setup.Ranges)-10)
					break
				}
				e := m.Results[oi].MuStar[i]
				fmt.Fprintf(stdout, "  %2d. %-46s μ* %-9s [%s, %s]  σ %s\n", rank+1, m.Setup.Ranges[i].Path, Num(e.Value), Num(e.Lo), Num(e.Hi), Num(m.Results[oi].Sigma[i]))
			}
		}
	}
	if s != nil {
		for oi, out := range s.Setup.Outputs {
			fmt.Fprintf(stdout, "\nSobol indices of %s (95 %% bootstrap intervals):\n", out)
			if NoIndices(s.Results[oi].ST) {
				fmt.Fprintf(stdout, "  none: the output did not vary over the design\n")
				continue
			}
			for i, r := range s.Setup.Ranges {
				a, b := s.Results[oi].S1[i], s.Results[oi].ST[i]
				fmt.Fprintf(stdout, "  %-46s S1 %6.3f [%6.3f, %6.3f]  ST %6.3f [%6.3f, %6.3f]\n", r.Path, a.Value, a.Lo, a.Hi, b.Value, b.Lo, b.Hi)
			}
			// The warnings go to stdout with the table they qualify, and
			// to stderr so that a script reading the table sees them too.
			for _, w := range s.Warnings()[oi] {
				fmt.Fprintf(stdout, "  warning: %s\n", w)
				fmt.Fprintf(stderr, "channelsim sensitivity: warning: %s: %s\n", out, w)
			}
		}
	}
}

// PrintRanges lists the parameters with their value and plausible range,
// one a line, as sensitivity --list does.
func PrintRanges(w io.Writer, rs []scenarios.Range) {
	fmt.Fprintf(w, "%-48s %-10s %-12s %-12s %s\n", "parameter", "value", "low", "high", "why")
	for _, r := range rs {
		fmt.Fprintf(w, "%-48s %-10s %-12s %-12s %s\n", r.Path, r.Format(r.Base), r.Format(r.Low), r.Format(r.High), r.Why)
	}
}
