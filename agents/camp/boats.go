package camp

import (
	"math"

	"channelsim/agents"
	"channelsim/agents/freight"
)

// Boats is what the camp needs of the small boats (package boats): whether
// smugglers offer them at all yet, whether they go tonight, what a seat
// costs, and a launch of the night's people. The boats tell the camp what
// became of each person through the Passengers methods below.
type Boats interface {
	Offered() bool         // some launch point is in use
	Open() bool            // boats go tonight: the sea calm enough and boats in stock
	Price() float64        // a seat's price now
	Launch(people []int32) // put the night's people in boats
	LaunchAt() int         // when the night's boats leave, minutes after local midnight
}

// boatChoice is the camp's news of the boats: what the people who went to
// the beach got, and who went.
type boatChoice struct {
	b               Boats
	aware           float64 // the share of the camp that knows of the boats
	success, deaths float64 // news: people landed, and deaths, per person who went (exponentially weighted)
	share           float64 // news: the share of the people going out who went to the boats
	beach           []int32 // the people on the beach tonight, in the order they came
	wentLast        int     // people who went to the beach last night
	landed, died    int     // outcomes since the last evening
	outTonight      int     // people the waves sent out tonight (spots and boats)
	found           int     // the day half the camp knew of the boats (-1: not yet)
	col             int     // the daily column went_to_boats (waited_for_boats follows it)
	// Running totals.
	beachNights, beachPeople, waited int64
	arrived, diedAtSea               int64
}

// UseBoats makes the small boats a way across beside the lorry spots,
// from the first launch point's date.
func (c *Model) UseBoats(b Boats) {
	c.boat = &boatChoice{b: b, aware: c.cfg.Knowledge.InitialShare, success: infoPrior, found: -1, col: len(c.cols)}
	if c.cfg.Boat.Known {
		c.boat.aware = 1
	}
	c.cols = append(c.cols, boatColumns[:]...)
	c.ncol = len(c.cols)
	c.daily = make([]float64, c.env.Days*c.ncol)
	first := c.cal.DayDate(0)
	c.k.At(c.cal.Local(first, b.LaunchAt()), freight.PrioControl, launchNight{c}, 0)
}

// The boats' daily columns, after the camp's and the spots'.
var boatColumns = [...]string{"went_to_boats", "waited_for_boats"}

// boatAttractiveness is the boats' attractiveness to a group whose leader
// has money (0 if the boats are not offered, the leader cannot pay or does
// not know of them).
func (c *Model) boatAttractiveness(lead *Migrant) float64 {
	bc := c.boat
	if !bc.b.Offered() || (!lead.Paid && bc.b.Price() > lead.MoneyGBP) {
		return 0
	}
	cfg := &c.cfg.Boat
	return cfg.Appeal * bc.success * c.boatRisk() * (1 + cfg.Herd*bc.share)
}

// boatRisk is how far the camp's news of deaths at sea puts it off the
// boats: exp(−risk_aversion × deaths per person who went).
func (c *Model) boatRisk() float64 {
	return math.Exp(-c.cfg.Boat.RiskAversion * c.boat.deaths)
}

// withBoats returns the better of best, a camp's best prospect at its
// lorry spots, and the boats' (the news of success on the beach, after
// the news of deaths), when most of the camp knows of the boats and they
// are offered: the camp goes out less only when every way across looks
// worse. Without the boats, best.
func (c *Model) withBoats(best float64) float64 {
	bc := c.boat
	if bc == nil || bc.aware < 0.5 || !bc.b.Offered() {
		return best
	}
	return math.Max(best, bc.success*c.boatRisk())
}

// toBeach sends a group to the boats: onto the beach if the boats go
// tonight, else it waits in the camp. It reports whether the group went.
func (c *Model) toBeach(members []int32) bool {
	bc := c.boat
	if !bc.b.Open() {
		bc.waited += int64(len(members))
		c.day()[bc.col+1] += float64(len(members))
		return false
	}
	for _, i := range members {
		c.set(i, OutTonight)
		c.people[i].Group = -1
		c.people[i].Spot = -1
	}
	bc.beach = append(bc.beach, members...)
	c.day()[bc.col] += float64(len(members))
	return true
}

// launchNight: the smugglers take the people on the beach. Those who have
// not paid pay now.
type launchNight struct{ c *Model }

func (e launchNight) Handle(int64) {
	c := e.c
	bc := c.boat
	c.k.At(c.cal.NextLocal(c.k.Now(), bc.b.LaunchAt()), freight.PrioControl, e, 0)
	bc.wentLast = len(bc.beach)
	if len(bc.beach) == 0 {
		return
	}
	bc.beachNights++
	bc.beachPeople += int64(len(bc.beach))
	price := bc.b.Price()
	for _, i := range bc.beach {
		if p := &c.people[i]; !p.Paid {
			p.Paid = true
			p.MoneyGBP = math.Max(0, p.MoneyGBP-price)
			c.st.paymentsGBP += price
		}
	}
	bc.b.Launch(bc.beach) // tells each person's outcome at once or later; sends no one to the beach
	bc.beach = bc.beach[:0]
}

// clearBeach sends back to their camp those who reached the beach after
// the night's launch (people released by the police in the small hours
// who went straight out again).
func (c *Model) clearBeach() {
	bc := c.boat
	for _, i := range bc.beach {
		c.set(i, c.home(i))
	}
	bc.beach = bc.beach[:0]
}

// boatNews folds the last night's outcomes into the camp's news of the
// boats and spreads word of them (the evening wave calls it before the
// groups choose).
func (c *Model) boatNews() {
	bc := c.boat
	if !bc.b.Offered() {
		bc.outTonight = 0
		return
	}
	w := 1 - math.Exp(-1/c.cfg.InfoMemory)
	if bc.wentLast > 0 {
		bc.success += w * (math.Min(1, float64(bc.landed)/float64(bc.wentLast)) - bc.success)
		bc.deaths += w * (math.Min(1, float64(bc.died)/float64(bc.wentLast)) - bc.deaths)
	}
	if bc.outTonight > 0 {
		bc.share += w * (math.Min(1, float64(bc.wentLast)/float64(bc.outTonight)) - bc.share)
	}
	bc.landed, bc.died, bc.wentLast, bc.outTonight = 0, 0, 0, 0
	if bc.aware < 1 {
		news := math.Min(2, bc.success/infoPrior)
		bc.aware = math.Min(1, bc.aware+c.cfg.Knowledge.WordOfMouth*bc.aware*(1-bc.aware)*news)
		if bc.found < 0 && bc.aware >= 0.5 {
			bc.found = c.env.Today()
		}
	}
}

// Passengers: what the boats tell the camp.

// NoBoat: no boat for them tonight; back to their camp, a failed night.
func (c *Model) NoBoat(people []int32) {
	for _, i := range people {
		c.set(i, c.home(i))
		c.failedNight(i)
	}
}

// Prevented: stopped on the beach by French police; back to the camp
// after the police release them.
func (c *Model) Prevented(people []int32) {
	for _, i := range people {
		c.people[i].Caught++
		c.returnLater(i)
	}
}

// AtSea: their boat has left.
func (c *Model) AtSea(people []int32) {
	for _, i := range people {
		c.set(i, AtSea)
	}
}

// Rescued: their boat got into distress; French vessels bring them back.
func (c *Model) Rescued(people []int32) {
	for _, i := range people {
		c.returnLater(i)
	}
}

// Died: died at sea.
func (c *Model) Died(people []int32) {
	c.boat.died += len(people)
	c.boat.diedAtSea += int64(len(people))
	for _, i := range people {
		c.set(i, DiedAtSea)
	}
}

// Landed: brought to Dover by Border Force; they claim asylum and enter
// the removals system.
func (c *Model) Landed(people []int32) {
	c.boat.landed += len(people)
	c.boat.arrived += int64(len(people))
	for _, i := range people {
		c.set(i, ArrivedByBoat)
	}
	if c.refer != nil {
		c.refer.Refer(len(people))
	}
}

// returnLater sends person i back to their camp after the time French
// police take (half to one and a half times return_after, as for people
// found on lorries).
func (c *Model) returnLater(i int32) {
	c.set(i, Returning)
	c.k.After(c.cfg.ReturnAfter.Min()*(0.5+c.rBoard.Float64()), freight.PrioLorry, returnToCamp{c}, int64(i))
}

// boatSummary returns the camp's summary keys of the boats (none without
// them).
func (c *Model) boatSummary() []agents.Entry {
	bc := c.boat
	if bc == nil {
		return nil
	}
	return []agents.Entry{
		{Key: "boat_nights", Value: bc.beachNights},
		{Key: "went_to_boats", Value: bc.beachPeople},
		{Key: "waited_for_boats", Value: bc.waited},
		{Key: "boats_found_day", Value: int64(bc.found)},
		{Key: "migrants_arrived_by_boat", Value: bc.arrived},
		{Key: "migrants_died_at_sea", Value: bc.diedAtSea},
	}
}
