package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// ErlangCWaitMin returns the mean time a customer waits in queue in an
// M/M/c queue (Poisson arrivals at lambdaPerHour, exponential service with
// mean serviceMeanMin, c servers, FIFO), by the Erlang C formula:
//
//	Wq = C(c, a) / (c·μ − λ),  a = λ/μ,
//	C(c, a) = (a^c/c!)·(c/(c−a)) / (Σ_{k<c} a^k/k! + (a^c/c!)·(c/(c−a)))
//
// (Kleinrock, Queueing Systems vol. 1, 1975, §3.5). It returns an error
// unless the queue is stable (ρ = a/c < 1).
func ErlangCWaitMin(c int, lambdaPerHour, serviceMeanMin float64) (float64, error) {
	if c < 1 || lambdaPerHour <= 0 || serviceMeanMin <= 0 {
		return 0, fmt.Errorf("erlang C needs c ≥ 1 and positive rates (c=%d, λ=%g/h, S=%g min)", c, lambdaPerHour, serviceMeanMin)
	}
	lambda := lambdaPerHour / 60 // per minute
	mu := 1 / serviceMeanMin
	a := lambda / mu
	if a >= float64(c) {
		return 0, fmt.Errorf("queue is unstable: utilisation ρ = %.3f ≥ 1", a/float64(c))
	}
	// Sum terms iteratively to avoid overflowing factorials.
	term, sum := 1.0, 0.0
	for k := 0; k < c; k++ {
		sum += term
		term *= a / float64(k+1)
	}
	// term is now a^c/c!.
	top := term * float64(c) / (float64(c) - a)
	pWait := top / (sum + top)
	return pWait / (float64(c)*mu - lambda), nil
}

// MMc simulates an M/M/c FIFO queue on the event kernel and returns the
// mean wait in queue, in minutes, of customers after a warm-up of a tenth of
// them. It checks the kernel and Queue against Erlang C.
func MMc(c int, lambdaPerHour, serviceMeanMin float64, customers int, seed uint64) (float64, error) {
	if c < 1 || lambdaPerHour <= 0 || serviceMeanMin <= 0 || customers < 10 {
		return 0, fmt.Errorf("M/M/c needs c ≥ 1, positive rates and at least 10 customers")
	}
	st := NewStreams(seed)
	m := &mmc{
		arr:       st.New("arrivals"),
		svc:       st.New("service"),
		gapMean:   60 / lambdaPerHour,
		svcMean:   serviceMeanMin,
		customers: customers,
		warmup:    customers / 10,
	}
	m.q = NewQueue("mmc", &m.k, c, m, HandlerFunc(func(int64) {}), 0)
	m.k.After(m.arr.ExpFloat64()*m.gapMean, 1, m, 0)
	m.k.RunUntil(math.Inf(1))
	return m.q.Waits.Mean(), nil
}

type mmc struct {
	k                 Kernel
	q                 *Queue
	arr, svc          *rand.Rand
	gapMean, svcMean  float64
	customers, warmup int
	arrived           int
}

// Handle is an arrival.
func (m *mmc) Handle(int64) {
	m.arrived++
	if m.arrived == m.warmup+1 {
		m.q.Waits = NewTally(1, 1) // forget the warm-up's waits
	}
	m.q.Arrive(int64(m.arrived))
	if m.arrived < m.customers {
		m.k.After(m.arr.ExpFloat64()*m.gapMean, 1, m, 0)
	}
}

// ServiceMin draws an exponential service time.
func (m *mmc) ServiceMin(int64) float64 { return m.svc.ExpFloat64() * m.svcMean }
