package viz

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"channelsim/agents"
	"channelsim/agents/freight"
	"channelsim/sim"
	"channelsim/world"
)

// text appends s with its baseline at (x, y), aligned left (align 0),
// centred (0.5) or right (1), and returns its width.
func (b *Builder) text(l *Layer, x, y float64, s string, size FontSize, c color.RGBA, align float64) float64 {
	w := b.Fonts.Width(size, s)
	l.Texts = append(l.Texts, Text{At: Vec{x - align*w, y}, S: s, Size: size, Color: c})
	return w
}

// chartDays is how many recent days the charts show: the run so far, from
// a week up to four weeks.
func chartDays(today int) int { return max(7, min(28, today+1)) }

// hud returns the overlay layers: view titles and scale bars, the HUD,
// the charts, and the legend, inspector and help when shown.
func (b *Builder) hud(f *Frame) []*Layer {
	L := b.Layout
	k := L.Scale
	all := R(0, 0, float64(L.W), float64(L.H))
	over := &Layer{Name: "hud", Clip: all}
	s := f.Snap

	// View titles and scale bars. The Calais view's scale bar stands left
	// of the coast inset, which covers that view's bottom-right corner, and
	// of the legend when it is shown.
	titles := [numViews]string{"Calais – Coquelles", "Kent to London: M20, removal centres, airports", "Coast: rest areas", "Strait: small boats"}
	views := b.views()
	for _, i := range b.shown() {
		v := views[i]
		size := FontBold
		if i == viewCalais {
			size = FontLarge
		}
		w := b.Fonts.Width(size, titles[i])
		h := b.Fonts.LineHeight(size)
		x, y := v.Screen.Min.X+8*k, v.Screen.Min.Y+6*k
		if i == viewCalais && b.boats {
			x = L.Strait.Max.X + 8*k // right of the Strait inset over its corner
		}
		over.Rects = append(over.Rects, RectFill{R(x-4, y, x+w+6, y+h+4), fade(ColPanel, 0xd8)})
		b.text(over, x, y+h-3, titles[i], size, ColPanelText, 0)
		right := v.Screen.Max.X
		if i == viewCalais {
			right = math.Min(right, L.Coast.Min.X)
			if f.Status.Legend {
				right = b.legendBox().Min.X
			}
		}
		b.scaleBar(over, v, right)
	}
	// Frame lines between the panels, and round the coast inset.
	over.Rects = append(over.Rects,
		RectFill{R(L.Main.Max.X-1, 0, L.Main.Max.X+1, float64(L.H)), ColFrame},
		RectFill{R(L.Inset.Min.X, L.Inset.Max.Y-1, L.Inset.Max.X, L.Inset.Max.Y+1), ColFrame},
		RectFill{R(L.Coast.Min.X-1, L.Coast.Min.Y-1, L.Coast.Max.X, L.Coast.Min.Y+1), ColFrame},
		RectFill{R(L.Coast.Min.X-1, L.Coast.Min.Y-1, L.Coast.Min.X+1, L.Coast.Max.Y), ColFrame})
	if b.boats {
		over.Rects = append(over.Rects,
			RectFill{R(L.Strait.Min.X, L.Strait.Max.Y-1, L.Strait.Max.X+1, L.Strait.Max.Y+1), ColFrame},
			RectFill{R(L.Strait.Max.X-1, L.Strait.Min.Y, L.Strait.Max.X+1, L.Strait.Max.Y+1), ColFrame})
	}
	if f.Status.Notice != "" {
		b.notice(over, f.Status.Notice)
	}

	b.hudText(over, f)
	b.charts(over, f)
	if f.Status.Legend {
		b.legend(over)
	}
	if sel := f.Status.Selected; sel >= 0 && sel < len(s.Agents) {
		b.inspect(over, &s.Agents[sel], s)
	}
	if f.Status.Help {
		b.help(over)
	}
	return []*Layer{over}
}

// scaleBar draws a bar of a round length at the bottom right of a view,
// ending left of x right.
func (b *Builder) scaleBar(l *Layer, v View, right float64) {
	k := b.Layout.Scale
	px, m := b.scaleLength(v)
	x1, y := right-14*k, v.Screen.Max.Y-14*k
	x0 := x1 - px
	label := fmt.Sprintf("%g m", m)
	if m >= 1000 {
		label = fmt.Sprintf("%g km", m/1000)
	}
	l.Rects = append(l.Rects, RectFill{R(x0-6, y-20*k, x1+6, y+6), fade(rgb(0xff, 0xff, 0xff), 0xb0)})
	l.Rects = append(l.Rects, RectFill{R(x0, y-2, x1, y+1), ColLabel}, RectFill{R(x0, y-6, x0+1.5, y+1), ColLabel}, RectFill{R(x1-1.5, y-6, x1, y+1), ColLabel})
	b.text(l, (x0+x1)/2, y-7, label, FontSmall, ColLabel, 0.5)
}

// scaleLength returns view v's scale bar: a round distance m metres of
// about 120 pixels at scale 1, and its length px in pixels.
func (b *Builder) scaleLength(v View) (px, m float64) {
	target := 120 * b.Layout.Scale * v.MPerPx
	m = math.Pow(10, math.Floor(math.Log10(target)))
	for _, f := range []float64{5, 2, 1} {
		if f*m <= target {
			m *= f
			break
		}
	}
	return m / v.MPerPx, m
}

// hudText writes the clock, speed, levers and today's figures.
func (b *Builder) hudText(l *Layer, f *Frame) {
	L, k := b.Layout, b.Layout.Scale
	s := f.Snap
	x0, x1 := L.HUD.Min.X+12*k, L.HUD.Max.X-12*k
	lh := b.Fonts.LineHeight(FontNormal) + 1
	y := L.HUD.Min.Y + 8*k + b.Fonts.Ascent(FontLarge)
	fr, uk := s.Time.In(agents.France), s.Time.In(agents.UK)
	b.text(l, x0, y, fr.Format("Mon 2 Jan 2006  15:04")+" France", FontLarge, ColPanelText, 0)
	night := "day"
	if s.Night {
		night = "night"
	}
	b.text(l, x1, y, uk.Format("15:04")+" UK · "+night, FontNormal, ColPanelDim, 1)
	y += lh + 4*k
	st := f.Status
	run := ""
	switch {
	case st.Done:
		run = "■ end of run"
	case st.Paused:
		run = "❚❚ paused"
	case st.Speed != "":
		run = "▶ " + st.Speed
	}
	if run != "" {
		run = strings.NewReplacer("■", "[]", "❚❚", "||", "▶", ">").Replace(run) // the font's ASCII
		b.text(l, x0, y, run, FontBold, rgb(0xff, 0xd5, 0x4f), 0)
	}
	if st.Scenario != "" {
		b.text(l, x1, y, st.Scenario, FontNormal, ColPanelDim, 1)
	}
	y += lh
	if f.Levers.Known {
		x := "off"
		if f.Levers.Xray {
			x = "on"
		}
		b.text(l, x0, y, fmt.Sprintf("Screening %.0f%%  Border Force %s  X-ray for people %s  Escorts %d", 100*f.Levers.Screening, intensity(f.Levers), x, f.Levers.Escorts), FontNormal, ColPanelText, 0)
		y += lh
	}
	sections := []hudSection{{title: "Today", rows: todayRows(s)}}
	if f.Boats.On {
		b.text(l, x0, y, boatLevers(&f.Boats), FontNormal, ColPanelText, 0)
		y += lh
		sections = boatSections(f)
	}
	col := (x1 - x0) / 2
	for _, sec := range sections {
		y += 3 * k
		b.text(l, x0, y, sec.title, FontBold, ColPanelDim, 0)
		if sec.right != "" {
			b.text(l, x1, y, sec.right, FontBold, sec.rightCol, 1)
		}
		y += lh
		for _, r := range sec.rows {
			b.text(l, x0, y, r[0], FontNormal, ColPanelText, 0)
			b.text(l, x0+col, y, r[1], FontNormal, ColPanelText, 0)
			y += lh
		}
	}
	if st.FPS > 0 {
		b.text(l, x1, L.HUD.Max.Y-4*k, fmt.Sprintf("%.0f fps", st.FPS), FontSmall, ColPanelDim, 1)
	}
}

// todayRows are the HUD's "Today" figures, two to a row.
func todayRows(s *sim.Snapshot) [][2]string {
	get := func(key string) float64 { return s.Today[key] }
	// line is a daily column's short label (its package's metrics.go) and
	// today's value, as format writes it.
	line := func(key, format string) string {
		m, _ := sim.DailyMetric(key)
		return m.Short + "  " + fmt.Sprintf(format, get(key))
	}
	return [][2]string{
		{line("detections", "%.0f"), line("freight_delay_mean_min", "%.0f min")},
		{fmt.Sprintf("Queue: port %d, tunnel %d", s.Queues[freight.ViaPort], s.Queues[freight.ViaTunnel]), kent(get("kent_queue_max_lorries"), get("tap"))},
		{stack(get("operation_stack"), get("stack_phases"), get("m20_lorries_max")), stopped(get("departures_stopped_min"))},
		{line("removals", "%.0f"), line("removal_cancellations", "%.0f")},
		{fmt.Sprintf("In camp now  %d", inCamp(s)), line("escorts_away", "%.0f")},
		{line("migrants_in_other_camps", "%.0f"), line("smugglers_price_gbp", "£%.0f")},
		{line("spots_known", "%.0f"), roadblock(get("roadblock"))},
	}
}

// hudSection is a block of the HUD's figures: a heading (with, on its
// right, a note in a colour of its own) and rows of two figures.
type hudSection struct {
	title, right string
	rightCol     color.RGBA
	rows         [][2]string
}

// hudLabels label the daily columns whose metric has no Short label of its
// own, where the HUD needs one (a Short in the metric tables wins).
var hudLabels = map[string]string{
	"boarding_attempts":             "Lorry attempts",
	"small_boat_launches":           "Launches",
	"small_boat_launches_prevented": "prevented",
	"beach_patrols":                 "Beach patrols",
}

// label returns the HUD's label of daily column key: its Short in the
// metric tables (the agent packages' metrics.go), else hudLabels's, else
// its heading.
func label(key string) string {
	m, _ := sim.DailyMetric(key)
	if m.Short != "" {
		return m.Short
	}
	if s, ok := hudLabels[key]; ok {
		return s
	}
	return m.Heading()
}

// figure is a daily column's label and today's value, as format writes it.
func figure(s *sim.Snapshot, key, format string) string {
	return label(key) + "  " + fmt.Sprintf(format, s.Today[key])
}

// Colours of the sea's state on the HUD's dark panel.
var (
	hudCalm  = rgb(0x8d, 0xe0, 0x6b)
	hudRough = rgb(0xff, 0x8a, 0x65)
)

// boatLevers is the HUD's line of the boats' levers: the beach patrols'
// factor and the officers it puts on the beaches, and the boat supply's.
func boatLevers(bt *Boats) string {
	return fmt.Sprintf("%s ×%.1f: %.0f officers   Boat supply ×%.1f", label("beach_patrols"), bt.PatrolFactor, bt.Officers, bt.Supply)
}

// boatSections are the HUD's figures of a run with the small boats: a
// block for each way across, the lorries and the boats (with the sea of
// the day on its heading), then the camps and removals.
func boatSections(f *Frame) []hudSection {
	s := f.Snap
	get := func(key string) float64 { return s.Today[key] }
	sea, col := fmt.Sprintf("%s %.2f, calm", label("wave_height_m"), f.Boats.WaveM), hudCalm
	if !f.Boats.Calm {
		sea, col = fmt.Sprintf("%s %.2f, rough", label("wave_height_m"), f.Boats.WaveM), hudRough
	}
	return []hudSection{
		{title: "Lorries today", rows: [][2]string{
			{figure(s, "detections", "%.0f"), figure(s, "boarding_attempts", "%.0f")},
			{fmt.Sprintf("Queue: port %d, tunnel %d", s.Queues[freight.ViaPort], s.Queues[freight.ViaTunnel]), kent(get("kent_queue_max_lorries"), get("tap"))},
			{stack(get("operation_stack"), get("stack_phases"), get("m20_lorries_max")), stopped(get("departures_stopped_min"))},
		}},
		{title: "Small boats today", right: sea, rightCol: col, rows: [][2]string{
			{fmt.Sprintf("%s (%.0f boats)", figure(s, "small_boat_arrivals", "%.0f"), get("small_boats_arrived")),
				fmt.Sprintf("%s, %.0f %s", figure(s, "small_boat_launches", "%.0f"), get("small_boat_launches_prevented"), label("small_boat_launches_prevented"))},
			{figure(s, "small_boat_deaths", "%.0f"), label("boats_in_stock") + fmt.Sprintf("  %.0f", stock(f))},
			{figure(s, "went_to_boats", "%.0f"), atSeaNow(s)},
		}},
		{title: "Camps and removals", rows: [][2]string{
			{fmt.Sprintf("In camp now  %d", inCamp(s)), figure(s, "migrants_in_other_camps", "%.0f")},
			{figure(s, "removals", "%.0f"), figure(s, "removal_cancellations", "%.0f")},
		}},
	}
}

// stock returns the boats the smugglers hold now: today's boats_in_stock,
// which the boats record at noon and at each night's launches; before
// either, the day's row is still empty and the last recorded, the day
// before's, holds.
func stock(f *Frame) float64 {
	s := f.Snap
	if v := s.Today["boats_in_stock"]; v != 0 || f.History == nil {
		return v
	}
	d := int(s.T/(24*60)) - 1
	if col := f.History.Cols["boats_in_stock"]; d >= 0 && d < len(col) {
		return col[d]
	}
	return 0
}

// atSeaNow counts the boats at sea in the snapshot and the people aboard.
func atSeaNow(s *sim.Snapshot) string {
	boats, aboard := 0, 0
	for i := range s.Agents {
		if a := &s.Agents[i]; a.Kind == agents.KindBoat {
			boats++
			aboard += max(0, a.Rank)
		}
	}
	return fmt.Sprintf("At sea now  %d (%d aboard)", boats, aboard)
}

// stack says whether Kent Police ran Operation Stack today, with how many
// of its phases and the most lorries on the M20.
func stack(on, phases, m20 float64) string {
	switch {
	case on > 0 && phases > 0:
		return fmt.Sprintf("Stack today: %.0f phase(s), %.0f on M20", phases, m20)
	case on > 0:
		return "Operation Stack on today"
	}
	return "No Operation Stack today"
}

// kent gives the day's longest queue of France-bound lorries in Kent, and
// whether lorries for Dover were held on the A20 (TAP).
func kent(max, tap float64) string {
	m, _ := sim.DailyMetric("kent_queue_max_lorries")
	if tap > 0 {
		return fmt.Sprintf("%s  %.0f, TAP", m.Short, max)
	}
	return fmt.Sprintf("%s  %.0f", m.Short, max)
}

// stopped says how long intruders stopped the trains or sailings today.
func stopped(min float64) string {
	if min > 0 {
		return fmt.Sprintf("Intruders stopped trains %.0f min", min)
	}
	return "No stop by intruders today"
}

// roadblock says whether the camp barricaded the rocade tonight.
func roadblock(v float64) string {
	if v > 0 {
		return "Rocade barricaded tonight"
	}
	return "No roadblock tonight"
}

// inCamp counts the migrants in the camp in the snapshot.
func inCamp(s *sim.Snapshot) int {
	n := 0
	for i := range s.Agents {
		if s.Agents[i].Kind == agents.KindMigrant && s.Agents[i].State == "in_camp" {
			n++
		}
	}
	return n
}

// chartSpec is one small chart: up to two series.
type chartSpec struct {
	title  string
	cols   []string
	colors []color.RGBA
	unit   string
	names  []string // labels before each series' last value (none: the value alone)
}

var chartSpecs = []chartSpec{
	{"Detections per day", []string{"detections"}, []color.RGBA{rgb(0xff, 0x6b, 0x6b)}, "", nil},
	{"Longest queue per day (lorries): port+tunnel, Kent", []string{"queue_max_lorries", "kent_queue_max_lorries"}, []color.RGBA{rgb(0xf2, 0x8e, 0x1c), rgb(0x4f, 0xc3, 0xa1)}, "", nil},
	{"Mean freight delay (min)", []string{"freight_delay_mean_min"}, []color.RGBA{rgb(0x6c, 0xa6, 0xff)}, " min", nil},
	{"Removals and cancellations per day", []string{"removals", "removal_cancellations"}, []color.RGBA{rgb(0x8d, 0xe0, 0x6b), rgb(0xc9, 0x8b, 0xf0)}, "", nil},
}

// spotColors colour the boarding spots' series in the attempts chart.
var spotColors = []color.RGBA{rgb(0xff, 0xd5, 0x4f), rgb(0x4f, 0xc3, 0xa1), rgb(0xff, 0x8a, 0x65), rgb(0x6c, 0xa6, 0xff), rgb(0xe5, 0x73, 0xc8), rgb(0xb0, 0xbe, 0xc5)}

// routesChart is the first chart of runs with the small boats: the people
// of each way across, detected at the lorries' controls and landed from
// the boats.
var routesChart = chartSpec{"People a day: detected at the controls, landed from boats", []string{"detections", "small_boat_arrivals"}, []color.RGBA{rgb(0xff, 0x6b, 0x6b), rgb(0xff, 0xb3, 0x47)}, "", nil}

// specs returns the charts: chartSpecs (the first by route in runs with
// the small boats, whose daily columns have their arrivals), then the
// boarding attempts at each spot (the daily "attempts_" columns), which
// show where displacement takes the camp's attempts.
func specs(h *History, today map[string]float64) []chartSpec {
	base := chartSpecs
	if hasColumn(h, today, "small_boat_arrivals") {
		base = append([]chartSpec{routesChart}, chartSpecs[1:]...)
	}
	var cols []string
	for name := range today {
		if strings.HasPrefix(name, "attempts_") {
			cols = append(cols, name)
		}
	}
	if len(cols) == 0 && h != nil {
		for name := range h.Cols {
			if strings.HasPrefix(name, "attempts_") {
				cols = append(cols, name)
			}
		}
	}
	if len(cols) == 0 {
		return base
	}
	sort.Strings(cols)
	c := chartSpec{title: "Attempts", unit: ""}
	for i, name := range cols {
		c.cols = append(c.cols, name)
		c.colors = append(c.colors, spotColors[i%len(spotColors)])
		c.names = append(c.names, spotChartName(strings.TrimPrefix(name, "attempts_")))
	}
	return append(base[:len(base):len(base)], c)
}

// hasColumn reports whether the run's daily series has column key, today
// or in its history.
func hasColumn(h *History, today map[string]float64, key string) bool {
	if _, ok := today[key]; ok {
		return true
	}
	if h != nil {
		_, ok := h.Cols[key]
		return ok
	}
	return false
}

// spotChartNames name the spots in the attempts chart whose ids do not read
// well trimmed of "spot-": short, for the chart's title row is narrow.
var spotChartNames = map[string]string{"services-a26": "A26 services", "aire-grande-synthe": "Grande-Synthe"}

// spotChartName returns the attempts chart's name of a spot.
func spotChartName(id string) string {
	if n, ok := spotChartNames[id]; ok {
		return n
	}
	return strings.TrimPrefix(id, "spot-")
}

// policyLetter is the chart mark of each lever.
var policyLetter = map[string]string{"search_share": "I", "xray_for_people": "X", "escort_staff": "E", "beach_patrols": "P", "boat_supply": "B"}

// charts draws the last chartDays days of each chartSpec, with the live
// policy changes as vertical marks.
func (b *Builder) charts(l *Layer, f *Frame) {
	L, k := b.Layout, b.Layout.Scale
	s := f.Snap
	today := int(s.T / (24 * 60))
	if len(b.chartList) <= len(chartSpecs) {
		b.chartList = specs(f.History, s.Today)
	}
	all := b.chartList
	n := len(all)
	h := L.Charts.H() / float64(n)
	for i, c := range all {
		box := R(L.Charts.Min.X+10*k, L.Charts.Min.Y+float64(i)*h+4*k, L.Charts.Max.X-10*k, L.Charts.Min.Y+float64(i+1)*h-4*k)
		l.Rects = append(l.Rects, RectFill{box, rgb(0x28, 0x2e, 0x38)})
		ty := box.Min.Y + b.Fonts.Ascent(FontSmall) + 4*k
		b.text(l, box.Min.X+6*k, ty, c.title, FontSmall, ColPanelDim, 0)
		// Many series: their names, in their colours, right-aligned in the
		// title row.
		nx := box.Max.X - 6*k
		for j := len(c.names) - 1; j >= 0; j-- {
			b.text(l, nx, ty, c.names[j], FontSmall, c.colors[j], 1)
			nx -= b.Fonts.Width(FontSmall, c.names[j]) + 6*k
		}
		plot := R(box.Min.X+6*k, ty+5*k, box.Max.X-44*k, box.Max.Y-5*k)
		series := make([][]float64, len(c.cols))
		var first int
		days := chartDays(today)
		hi := 1.0
		for j, name := range c.cols {
			series[j], first = f.History.Recent(name, today, days, s.Today)
			for _, v := range series[j] {
				hi = math.Max(hi, v)
			}
		}
		hi = niceCeil(hi)
		// Axis: baseline and top.
		l.Rects = append(l.Rects, RectFill{R(plot.Min.X, plot.Max.Y, plot.Max.X, plot.Max.Y+1), rgb(0x55, 0x5e, 0x6b)},
			RectFill{R(plot.Min.X, plot.Min.Y, plot.Max.X, plot.Min.Y+1), rgb(0x38, 0x40, 0x4b)})
		b.text(l, plot.Max.X+4*k, plot.Min.Y+b.Fonts.Ascent(FontSmall), fmt.Sprintf("%g", hi), FontSmall, ColPanelDim, 0)
		x := func(day float64) float64 {
			return plot.Min.X + (day-float64(first))/float64(days-1)*plot.W()
		}
		yv := func(v float64) float64 { return plot.Max.Y - v/hi*plot.H() }
		for j, vals := range series {
			pts := make([]Vec, len(vals))
			for d, v := range vals {
				pts[d] = Vec{x(float64(first + d)), yv(v)}
			}
			if len(pts) == 1 {
				pts = append(pts, pts[0].Add(Vec{2, 0}))
			}
			l.Lines = append(l.Lines, Line{pts, 1.6 * k, c.colors[j]})
			last := vals[len(vals)-1]
			lbl := fmt.Sprintf("%.0f%s", last, c.unit)
			if c.names != nil {
				continue // named in the title row
			}
			b.text(l, plot.Max.X+4*k, plot.Max.Y-float64(len(series)-1-j)*(b.Fonts.LineHeight(FontSmall)), lbl, FontSmall, c.colors[j], 0)
		}
		for _, p := range f.Policy {
			day := p.Min / (24 * 60)
			if day < float64(first) {
				continue
			}
			px := x(day)
			l.Rects = append(l.Rects, RectFill{R(px-0.75, plot.Min.Y, px+0.75, plot.Max.Y), ColPolicy})
			if i == 0 {
				b.text(l, px+2, plot.Min.Y+b.Fonts.Ascent(FontSmall), policyLetter[p.What], FontSmall, ColPolicy, 0)
			}
		}
	}
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// legendStyles are the rows of the legend: every style of the table, by
// kind, and the style of unknown kinds.
func (b *Builder) legendStyles() []Style {
	var out []Style
	for _, kind := range legendOrder {
		if ks, ok := b.Styles.ByKind[kind]; ok {
			out = append(out, ks.Variants...)
			if b.boats {
				out = append(out, ks.BoatVariants...)
			}
		}
	}
	if b.boats {
		out = append(out, PatrolStyle)
	}
	return append(out, b.Styles.Unknown)
}

// legendColW is the width of one of the legend's two columns at scale 1.
const legendColW = 190

// legendBox is where the legend goes: at the bottom of the Calais view,
// left of the coast inset, in two columns so that it stays low: the south
// of the Calais box is farmland, where nothing of the model happens, but
// a legend of one column reached up to the A16.
func (b *Builder) legendBox() Rect {
	k := b.Layout.Scale
	lh := b.Fonts.LineHeight(FontSmall) + 2*k
	rows := (len(b.legendStyles()) + 1) / 2
	h := float64(rows)*lh + 16*k + b.Fonts.LineHeight(FontBold)
	x1, y1 := math.Min(b.Main.Screen.Max.X, b.Layout.Coast.Min.X)-8*k, b.Main.Screen.Max.Y-8*k
	return R(x1-2*legendColW*k, y1-h, x1, y1)
}

// legend lists every style of the table, by kind.
func (b *Builder) legend(l *Layer) {
	k := b.Layout.Scale
	lh := b.Fonts.LineHeight(FontSmall) + 2*k
	box := b.legendBox()
	l.Rects = append(l.Rects, RectFill{box, fade(rgb(0xff, 0xff, 0xff), 0xe6)})
	top := box.Min.Y + 6*k + b.Fonts.Ascent(FontBold)
	b.text(l, box.Min.X+8*k, top, "Legend (L)", FontBold, ColLabel, 0)
	top += 6 * k
	st := b.legendStyles()
	half := (len(st) + 1) / 2
	for i, s := range st {
		x := box.Min.X + float64(i/half)*legendColW*k
		y := top + float64(i%half+1)*lh
		m := Marker{At: Vec{x + 16*k, y - b.Fonts.Ascent(FontSmall)/2}, Shape: s.Shape, Size: math.Min(s.Size, 12) * k, Fill: s.Fill, Line: s.Line}
		l.Markers = append(l.Markers, m)
		b.text(l, x+30*k, y, s.Label, FontSmall, ColLabel, 0)
	}
}

// inspect describes the selected agent.
func (b *Builder) inspect(l *Layer, a *agents.View, s *sim.Snapshot) {
	k := b.Layout.Scale
	ll := world.Unproject(a.Pos)
	lines := []string{
		fmt.Sprintf("%s #%d", a.Kind, a.ID),
		"state: " + strings.ReplaceAll(a.State, "_", " "),
	}
	var flags []string
	if a.Flags&agents.FlagFranceBound != 0 {
		flags = append(flags, "France-bound")
	}
	if a.Flags&agents.FlagPeople != 0 {
		flags = append(flags, "carrying hidden people")
	}
	if a.Flags&agents.FlagSearched != 0 {
		flags = append(flags, "searched")
	}
	if len(flags) > 0 {
		lines = append(lines, strings.Join(flags, ", "))
	}
	if a.Kind == agents.KindBoat {
		lines = append(lines, fmt.Sprintf("%d people aboard, at sea for %d h %02d", a.Rank, int(a.SinceMin)/60, int(a.SinceMin)%60))
	}
	lines = append(lines, fmt.Sprintf("%.5f N, %.5f E", ll.Lat, ll.Lon))
	if site, d := b.nearestSite(a.Pos); site != nil {
		lines = append(lines, fmt.Sprintf("%.1f km from %s", d/1000, ShortName(site)))
	}
	lh := b.Fonts.LineHeight(FontNormal)
	w := 0.0
	for _, s := range lines {
		w = math.Max(w, b.Fonts.Width(FontNormal, s))
	}
	x, y := b.Main.Screen.Min.X+8*k, b.Main.Screen.Min.Y+40*k
	if b.boats {
		x = b.Layout.Strait.Max.X + 8*k // right of the Strait inset
	}
	l.Rects = append(l.Rects, RectFill{R(x, y, x+w+20*k, y+float64(len(lines))*lh+12*k), fade(rgb(0xff, 0xff, 0xff), 0xee)})
	for i, s := range lines {
		size := FontNormal
		if i == 0 {
			size = FontBold
		}
		b.text(l, x+10*k, y+6*k+float64(i+1)*lh-4, s, size, ColLabel, 0)
	}
}

func (b *Builder) nearestSite(p world.Point) (*world.Site, float64) {
	var best *world.Site
	bd := math.Inf(1)
	for i := range b.World.Sites {
		s := &b.World.Sites[i]
		if d := math.Hypot(s.Pos.X-p.X, s.Pos.Y-p.Y); d < bd {
			best, bd = s, d
		}
	}
	return best, bd
}

// HelpLines are the viewer's keys, shown by the help overlay.
var HelpLines = [][2]string{
	{"Space", "pause / run"},
	{"+  -", "faster / slower (1 simulated minute to 1 day per second)"},
	{".", "step one simulated minute (when paused)"},
	{"X", "X-ray for people on / off, from now"},
	{"Up / Down  or  ]  [", "Border Force intensity +5% / -5%, from now"},
	{"}  {", "screening share +5% / -5%, from now"},
	{"E / D", "escort staff +10 / -10, from now"},
	{"P / O", "beach patrols +10% / -10% of their dated numbers (boats)"},
	{"B / V", "boat supply +10% / -10% of its dated rate (boats)"},
	{"Scroll, drag", "zoom, pan the map under the mouse"},
	{"R", "reset the views"},
	{"Click", "inspect an agent (click again on empty map to close)"},
	{"L", "legend"},
	{"H  or  ?", "this help"},
	{"Esc, Q", "quit"},
}

// help draws the key list in the middle of the main view.
func (b *Builder) help(l *Layer) {
	k := b.Layout.Scale
	lh := b.Fonts.LineHeight(FontNormal) + 3*k
	w := 520 * k
	h := float64(len(HelpLines))*lh + 60*k
	c := b.Main.Screen.Center()
	box := R(c.X-w/2, c.Y-h/2, c.X+w/2, c.Y+h/2)
	l.Rects = append(l.Rects, RectFill{box, fade(ColPanel, 0xf0)})
	y := box.Min.Y + 14*k + b.Fonts.Ascent(FontLarge)
	b.text(l, box.Min.X+16*k, y, "Keys", FontLarge, ColPanelText, 0)
	y += 10 * k
	for _, r := range HelpLines {
		y += lh
		b.text(l, box.Min.X+16*k, y, r[0], FontBold, rgb(0xff, 0xd5, 0x4f), 0)
		b.text(l, box.Min.X+170*k, y, r[1], FontNormal, ColPanelText, 0)
	}
	b.text(l, box.Min.X+16*k, box.Max.Y-10*k, "Policy changes are marked on the charts (I, X, E; P, B). P, O, B and V act in runs with small boats.", FontSmall, ColPanelDim, 0)
}

// notice shows the viewer's message low in the Calais view, above the
// legend and left of the coast inset (the top has the view's title and
// the inspector).
func (b *Builder) notice(l *Layer, msg string) {
	k := b.Layout.Scale
	w := b.Fonts.Width(FontBold, msg)
	h := b.Fonts.LineHeight(FontBold)
	c := Vec{X: (b.Main.Screen.Min.X + math.Min(b.Main.Screen.Max.X, b.Layout.Coast.Min.X)) / 2}
	y := math.Min(b.legendBox().Min.Y, b.Main.Screen.Max.Y) - h - 24*k
	l.Rects = append(l.Rects, RectFill{R(c.X-w/2-10*k, y, c.X+w/2+10*k, y+h+10*k), fade(ColPanel, 0xf0)})
	b.text(l, c.X, y+5*k+b.Fonts.Ascent(FontBold)+2*k, msg, FontBold, rgb(0xff, 0xd5, 0x4f), 0.5)
}

// intensity says which control intensity is in force: the base level the
// lever sets, and a surge on top of it when one is in progress.
func intensity(l Levers) string {
	if l.Surge > 0.005 {
		return fmt.Sprintf("%.0f%% (base %.0f%% + surge %.0f%%)", 100*l.SearchShare, 100*(l.SearchShare-l.Surge), 100*l.Surge)
	}
	return fmt.Sprintf("%.0f%%", 100*l.SearchShare)
}
