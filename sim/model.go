// Package sim is the model of the cross-Channel border system: it builds
// the submodels — freight (lorries, drivers, officers, vessels), the camp
// (migrants and stowaways) and removals (cases, escorts, flights), each in
// its package under agents/ — on one event kernel, wires them through
// their small interfaces, assembles the run's summary, daily series and
// snapshots, and owns the live policy levers.
package sim

import (
	"math"
	"time"

	"channelsim/agents"
	"channelsim/agents/boats"
	"channelsim/agents/camp"
	"channelsim/agents/freight"
	"channelsim/agents/removals"
	"channelsim/engine"
	"channelsim/world"
	"channelsim/world/weather"
)

// Model is one run of the border system: the kernel and its clock, the
// random streams, the submodels and the policy levers. It is not safe for
// concurrent use; parallel runs use one Model each.
type Model struct {
	Cfg   *Config
	World *world.World
	K     engine.Kernel
	Cal   engine.Calendar

	env       *agents.Env
	day       int // the current day of the daily series
	freight   *freight.Model
	camp      *camp.Model     // nil when migrants are off
	removals  *removals.Model // nil when removals are off
	boats     *boats.Model    // nil when the small boats are off
	subs      []submodel      // camp, boats and removals, in order, after freight
	policyLog []PolicyChange
}

// submodel is what the model asks of each part beside freight: its summary
// keys, daily columns and agents in a snapshot.
type submodel interface {
	Summary() []agents.Entry
	DailyColumns() []string
	Daily(d int) []float64
	Views(dst []agents.View, now float64) []agents.View
	CheckInvariants() error
}

// New builds a model from a validated scenario and a map. It returns an
// error if the map lacks a road the model needs.
func New(cfg *Config, w *world.World) (*Model, error) {
	m := &Model{Cfg: cfg, World: w}
	m.Cal = engine.NewCalendar(cfg.Start, cfg.Days, agents.France)
	m.env = agents.NewEnv(&m.K, &m.Cal, engine.NewStreams(cfg.Seed), w, cfg.Days, &m.day)
	fc := freight.Config{Traffic: &cfg.Freight, Port: &cfg.Port, Tunnel: &cfg.Tunnel,
		Officers: &cfg.Officers, Screening: &cfg.Screening, Controls: &cfg.Controls, Closures: cfg.Closures, Stack: &cfg.Stack}
	if cfg.Migrants.Enabled {
		fc.Drivers = &cfg.Migrants.Drivers
	}
	var err error
	if m.freight, err = freight.New(m.env, fc); err != nil {
		return nil, err
	}
	// The camp is built before removals (their events at the same instant
	// keep this order), and refers people found in the UK to them once
	// they exist.
	var ref referral
	if cfg.Migrants.Enabled {
		if m.camp, err = camp.New(m.env, &cfg.Migrants, m.freight, &ref); err != nil {
			return nil, err
		}
		m.subs = append(m.subs, m.camp)
	}
	if cfg.Boats.Enabled && m.camp != nil {
		sea := weather.New(&cfg.Weather, m.months(), m.env.Streams.New("weather"))
		if m.boats, err = boats.New(m.env, &cfg.Boats, sea, m.camp); err != nil {
			return nil, err
		}
		m.camp.UseBoats(m.boats)
		m.subs = append(m.subs, m.boats)
	}
	if cfg.Removals.Enabled {
		m.removals = removals.New(m.env, &cfg.Removals)
		ref.to = m.removals
		m.subs = append(m.subs, m.removals)
	}
	m.freight.Start()
	m.K.At(engine.Day, freight.PrioDaily, dayEnd{m}, 0)
	return m, nil
}

// months returns the month of each day of the run, for the weather.
func (m *Model) months() []time.Month {
	ms := make([]time.Month, m.Cfg.Days)
	for d := range ms {
		ms[d] = m.Cal.DayDate(d).Month
	}
	return ms
}

// referral passes people found in the UK to the removals submodel, when
// there is one.
type referral struct{ to *removals.Model }

func (r *referral) Refer(n int) {
	if r.to != nil {
		r.to.Refer(n)
	}
}

// dayEnd closes a day of the daily series and starts the next.
type dayEnd struct{ m *Model }

func (e dayEnd) Handle(int64) {
	m := e.m
	m.day++
	if m.day < m.Cfg.Days {
		m.freight.NewDay()
		m.K.After(engine.Day, freight.PrioDaily, e, 0)
	}
}

// Run runs the model to its horizon.
func (m *Model) Run() { m.RunUntil(m.Horizon()) }

// RunUntil advances the model to minute t (not past the horizon).
func (m *Model) RunUntil(t float64) {
	m.K.RunUntil(math.Min(t, m.Horizon()))
}

// Horizon returns the last minute of the run.
func (m *Model) Horizon() float64 { return m.env.Horizon }

// Done reports whether the run has reached its horizon.
func (m *Model) Done() bool { return m.K.Now() >= m.Horizon() }

// Now returns the current simulated minute.
func (m *Model) Now() float64 { return m.K.Now() }

// Lorry returns lorry i of the freight's slab (for inspection).
func (m *Model) Lorry(i int) *freight.Lorry { return m.freight.Lorry(int32(i)) }

// MigrantCounts returns the number of migrants in each state (zero when
// the camp is off).
func (m *Model) MigrantCounts() [camp.NumMigrantStates]int {
	if m.camp == nil {
		return [camp.NumMigrantStates]int{}
	}
	return m.camp.Counts()
}

// MigrantSlots returns the size of the camp's slab of people and how many
// of its slots are free for reuse (zero when the camp is off).
func (m *Model) MigrantSlots() (slots, free int) {
	if m.camp == nil {
		return 0, 0
	}
	return m.camp.Slots()
}

// CheckInvariants checks that nothing was created or lost: every lorry,
// migrant and removal case is in exactly one state and the running counts
// match a recount. It returns the first violation found, or nil.
func (m *Model) CheckInvariants() error {
	if err := m.freight.CheckInvariants(); err != nil {
		return err
	}
	for _, s := range m.subs {
		if err := s.CheckInvariants(); err != nil {
			return err
		}
	}
	return nil
}

// NewDefault builds a model of cfg on the embedded map.
func NewDefault(cfg *Config) (*Model, error) {
	w, err := world.Default()
	if err != nil {
		return nil, err
	}
	return New(cfg, w)
}
