package viz

import (
	"time"

	"channelsim/sim"
	"channelsim/world"
)

// Interpolator draws agents between two snapshots when the display runs
// ahead of the model (the viewer shows the instant it wants while the
// model goroutine catches up). Agents are matched by kind and ID; an
// agent's position moves in a straight line from a to b, which is along
// the road to within a few metres for the distances an agent covers
// between two snapshots. An agent that jumped farther than MaxJumpM (put
// in a queue's block, loaded on a vessel) is shown where b has it, and
// agents not in both are shown as in b. The zero value is ready to use.
type Interpolator struct {
	MaxJumpM float64 // 0 means 2 km
	index    map[agentKey]int32
}

type agentKey struct {
	kind sim.AgentKind
	id   uint64
}

// Lerp fills dst with the state at fraction f (0–1) of the way from a to
// b: b's agents, clock and figures, with positions interpolated. dst's
// slices are reused; a and b are not changed.
func (ip *Interpolator) Lerp(dst, a, b *sim.Snapshot, f float64) {
	f = min(1, max(0, f))
	agents := dst.Agents[:0]
	*dst = *b
	dst.T = a.T + f*(b.T-a.T)
	dst.Time = a.Time.Add(time.Duration(f * float64(b.Time.Sub(a.Time))))
	dst.Agents = append(agents, b.Agents...)
	if f == 1 {
		return
	}
	jump := ip.MaxJumpM
	if jump == 0 {
		jump = 2000
	}
	if ip.index == nil {
		ip.index = make(map[agentKey]int32, len(a.Agents))
	}
	clear(ip.index)
	for i := range a.Agents {
		ip.index[agentKey{a.Agents[i].Kind, a.Agents[i].ID}] = int32(i)
	}
	for i := range dst.Agents {
		ag := &dst.Agents[i]
		j, ok := ip.index[agentKey{ag.Kind, ag.ID}]
		if !ok {
			continue
		}
		p, q := a.Agents[j].Pos, ag.Pos
		dx, dy := q.X-p.X, q.Y-p.Y
		if dx*dx+dy*dy > jump*jump {
			continue
		}
		ag.Pos = world.Point{X: p.X + f*dx, Y: p.Y + f*dy}
	}
}
