package freight

import "math/rand/v2"

// DriverPool is the UK-bound lorry drivers as a population: each new
// lorry's driver draws a vigilance (checks of their own vehicle under the
// Code of Practice, locks, not stopping near Calais) that rises with the
// civil penalties drivers have seen imposed over the last 30 days, and a
// small share are complicit, taking paying stowaways.
type DriverPool struct {
	cfg *Drivers
	r   *rand.Rand
	// Penalties and lorries by day over the last 30 days: drivers respond
	// to penalties per thousand lorries (EST: a month's memory).
	penalties, lorries [30]float64
	// The window's totals, kept as it changes: every entry is a whole
	// number, so the running sums are exact and equal to summing the
	// window (which took 60 additions a lorry).
	penaltiesSum, lorriesSum float64
	day                      int
	penaltiesGBP             float64
}

func newDriverPool(cfg *Drivers, r *rand.Rand) *DriverPool {
	return &DriverPool{cfg: cfg, r: r}
}

// hire draws the driver of a new UK-bound lorry.
func (d *DriverPool) hire(l *Lorry) {
	l.Vigilance = Vigilance(d.cfg.VigilanceBase, d.cfg.PenaltyResponse*d.perThousand(), d.r)
	l.Complicit = d.r.Float64() < d.cfg.ComplicitShare
	d.lorries[d.day]++
	d.lorriesSum++
}

// perThousand returns civil penalties per thousand lorries over the window.
func (d *DriverPool) perThousand() float64 {
	n, l := d.penaltiesSum, d.lorriesSum
	if l == 0 {
		return 0
	}
	return 1000 * n / l
}

// NextDay moves the 30-day window of penalties on by a day.
func (d *DriverPool) NextDay() {
	d.day = (d.day + 1) % len(d.penalties)
	d.penaltiesSum -= d.penalties[d.day]
	d.lorriesSum -= d.lorries[d.day]
	d.penalties[d.day] = 0
	d.lorries[d.day] = 0
}

// Penalise imposes civil penalties for people found hidden on a lorry:
// unless the driver shows an effective system (penalised_share), each
// responsible person pays a penalty per clandestine. r is the caller's
// stream (the draws belong to the event that found the people).
func (d *DriverPool) Penalise(people int, r *rand.Rand) {
	if r.Float64() >= d.cfg.PenalisedShare {
		return // the driver showed an effective system
	}
	for k := 0; k < people*d.cfg.PenaltyParties; k++ {
		d.penaltiesGBP += d.cfg.PenaltyMinGBP + r.Float64()*(d.cfg.PenaltyMaxGBP-d.cfg.PenaltyMinGBP)
	}
	d.penalties[d.day] += float64(people)
	d.penaltiesSum += float64(people)
}

// PenaltiesGBP returns the civil penalties imposed so far.
func (d *DriverPool) PenaltiesGBP() float64 { return d.penaltiesGBP }

// PaymentGBP is what a complicit driver takes per person.
func (d *DriverPool) PaymentGBP() float64 { return d.cfg.PaymentGBP }

// Vigilance returns a driver's vigilance, 0–1: a base level from the
// Code of Practice checks, plus what the recent pressure of civil penalties
// adds (the caller's penalty response times penalties per thousand
// lorries), with individual variation of ±0.075 (EST).
func Vigilance(base, added float64, r *rand.Rand) float64 {
	v := base + added + 0.15*(r.Float64()-0.5)
	return max(0, min(1, v)) // the builtins: math.Max and math.Min's results, inlined
}
