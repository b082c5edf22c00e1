package sim

// submodel is a part of the model that plugs into the core (the camp and
// its migrants, the UK removals system): it adds summary keys, daily
// columns, agents to snapshots and live policy levers, without the core
// knowing its insides. Submodels are built in New, in a fixed order.
type submodel interface {
	// summary returns the submodel's summary keys, in order.
	summary() []Entry
	// dailyColumns names the submodel's daily columns.
	dailyColumns() []string
	// daily returns the values of day d, one per column.
	daily(d int) []float64
	// snapshot appends the submodel's agents to dst at minute now.
	snapshot(dst *Snapshot, now float64)
}
