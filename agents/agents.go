// Package agents holds who acts in the border system and how they decide:
// migrants and their groups in the Calais camp, lorry drivers, and the
// rules each applies (where to try tonight, whether to board, how vigilant
// to be). It knows nothing of the clock or the event calendar: package sim
// schedules the agents and calls these rules with its random streams, so
// every decision here is a plain function of its inputs and a *rand.Rand.
package agents
