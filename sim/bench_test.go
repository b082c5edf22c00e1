package sim_test

import (
	"fmt"
	"testing"

	"channelsim/sim"
)

// BenchmarkFreightYear runs one simulated year of freight (UK-bound and
// France-bound lorries, controls, ferries and shuttles) at four volumes
// relative to 2015; cost should grow linearly with volume. Migrants and
// removals are off so that the figure is the freight engine's.
func BenchmarkFreightYear(b *testing.B) {
	for _, scale := range []float64{0.25, 0.5, 1, 2} {
		b.Run(fmt.Sprintf("volume=%.2f", scale), func(b *testing.B) {
			cfg := load(b, "baseline-2015", 365)
			cfg.Migrants.Enabled = false
			cfg.Removals.Enabled = false
			cfg.Freight.UKBoundPerYear *= scale
			cfg.Freight.FranceBoundPerYear *= scale
			// Capacity grows with volume so that the system is as loaded.
			cfg.Port.Ships = max(1, int(float64(cfg.Port.Ships)*scale+0.5))
			for i := range cfg.Tunnel.DeparturesPerHour {
				cfg.Tunnel.DeparturesPerHour[i] = min(12, cfg.Tunnel.DeparturesPerHour[i]*scale)
			}
			cfg.Tunnel.LorriesPerShuttle = int(float64(cfg.Tunnel.LorriesPerShuttle) * max(1, scale/2))
			for i := range cfg.Officers.Shifts {
				cfg.Officers.Shifts[i].Officers = int(float64(cfg.Officers.Shifts[i].Officers) * scale)
			}
			cfg.Port.UKBooths = max(1, int(float64(cfg.Port.UKBooths)*scale+0.5))
			cfg.Tunnel.UKBooths = max(1, int(float64(cfg.Tunnel.UKBooths)*scale+0.5))
			b.ReportAllocs()
			var lorries, events float64
			for i := 0; i < b.N; i++ {
				m, err := sim.NewDefault(cfg)
				if err != nil {
					b.Fatal(err)
				}
				m.Run()
				l, _ := m.Summary().Float("lorries_arrived")
				f, _ := m.Summary().Float("france_bound_arrived")
				lorries += l + f
				events += float64(m.K.Fired())
			}
			b.ReportMetric(lorries/float64(b.N), "lorries/op")
			b.ReportMetric(events/float64(b.N), "events/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/events, "ns/event")
		})
	}
}

// BenchmarkBaselineYear is the whole model (freight, camp, removals) for a
// year from 1 July 2015.
func BenchmarkBaselineYear(b *testing.B) {
	cfg := load(b, "baseline-2015", 365)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m, err := sim.NewDefault(cfg)
		if err != nil {
			b.Fatal(err)
		}
		m.Run()
	}
}
