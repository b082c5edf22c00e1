package viz

import (
	"fmt"
	"time"

	"channelsim/agents"
	"channelsim/sim"
)

// ParseInstant parses a French local date and time as the viewer's and
// render's flags take it: 2015-07-15T22:00, 2015-07-15T22:00:30,
// "2015-07-15 22:00" or 2015-07-15 (midnight).
func ParseInstant(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, agents.France); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a French local date and time like 2015-07-15T22:00", s)
}

// MinuteOf returns the simulated minute of French local instant at in
// model m, or an error if the run does not cover it.
func MinuteOf(m *sim.Model, at time.Time) (float64, error) {
	t := m.Cal.Minutes(at)
	if t < 0 || t > m.Horizon() {
		first := m.Cal.Time(0).In(agents.France)
		last := m.Cal.Time(m.Horizon()).In(agents.France)
		return 0, fmt.Errorf("%s is outside the run, which covers %s to %s", at.Format("2006-01-02T15:04"), first.Format("2006-01-02T15:04"), last.Format("2006-01-02T15:04"))
	}
	return t, nil
}

// Capture fills f from model m at its current instant: the snapshot (into
// f.Snap, reusing its slices), the daily series, the live policy changes
// and the levers. It reads the model and must run on the goroutine that
// advances it.
func Capture(m *sim.Model, f *Frame) error {
	if f.Snap == nil {
		f.Snap = &sim.Snapshot{}
	}
	m.Snapshot(f.Snap)
	NewPlacement(m).Place(f.Snap)
	dates, cols, err := m.DailySeries()
	if err != nil {
		return err
	}
	f.History = &History{Dates: dates, Cols: cols}
	f.Policy = append(f.Policy[:0], m.PolicyLog()...)
	f.Levers = leversOf(m)
	boatsOf(m, &f.Boats)
	f.Status.Done = m.Done()
	return nil
}

// leversOf returns model m's live policy settings now.
func leversOf(m *sim.Model) Levers {
	return Levers{Screening: m.ScreeningShare(), SearchShare: m.SearchShare(), Surge: m.SurgeOffset(), Xray: m.XrayForPeople(), Escorts: m.EscortStaff(), Known: true}
}

// Boats is what a frame shows of the small boats besides the agents: the
// levers, the sea and the launch points in use. The zero value is a run
// without the small boats.
type Boats struct {
	On bool // the run has the small boats
	// PatrolFactor is the beach patrols' factor on their dated numbers
	// (the lever), Officers the police and gendarmes it puts on the
	// beaches now.
	PatrolFactor, Officers float64
	// Supply is the boat supply's factor on its dated rate (the lever).
	Supply float64
	// WaveM is the day's significant wave height in the Strait; Calm
	// whether boats go on it (at most MaxWaveM, the scenario's).
	WaveM, MaxWaveM float64
	Calm            bool
	// Launches are the launch points in use now, in the scenario's order.
	Launches []LaunchPoint
}

// LaunchPoint is a launch point in use: its map site and the patrols
// watching it.
type LaunchPoint struct {
	Site string
	// Officers are the beach patrols' officers there: Boats.Officers
	// times its patrol share over the points in use (the scenario's
	// boats.launch_points).
	Officers float64
}

// boatsOf fills dst with model m's small boats now, reusing its slice.
func boatsOf(m *sim.Model, dst *Boats) {
	launches := dst.Launches[:0]
	*dst = Boats{On: m.Boats()}
	if !dst.On {
		dst.Launches = launches
		return
	}
	dst.PatrolFactor, dst.Officers = m.BeachPatrols()
	dst.Supply = m.BoatSupply()
	dst.WaveM, dst.Calm = m.Sea()
	cfg := &m.Cfg.Boats
	dst.MaxWaveM = cfg.MaxWaveM
	var share float64
	for _, l := range cfg.Launches {
		if m.Cal.Local(l.From, 0) <= m.Now() {
			share += l.Patrol
			launches = append(launches, LaunchPoint{Site: l.Name, Officers: l.Patrol})
		}
	}
	for i := range launches {
		if share > 0 {
			launches[i].Officers *= dst.Officers / share
		}
	}
	dst.Launches = launches
}
