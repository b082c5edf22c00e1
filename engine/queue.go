package engine

// Server gives the service time, in minutes, of the customer arg.
type Server interface {
	ServiceMin(arg int64) float64
}

// Queue is a FIFO queue in front of a pool of identical servers whose number
// may change over time (officers coming on and off shift). Customers are
// int64 handles (an agent's index). When a service ends the queue calls
// Done.Handle(arg) and starts the next customer.
//
// The queue is its own event handler, so it schedules without allocating.
type Queue struct {
	Name string
	k    *Kernel
	srv  Server
	done Handler
	prio int32

	servers int
	busy    int
	ring    []queued // a power of two long, so that a position is masked
	head, n int
	// total counts the customers waiting, here and in the queues that
	// share it (ShareWaiting); by default only its own (own).
	total *int
	own   int

	// Length is the number of customers waiting (not in service).
	Length TimeWeighted
	// Waits are the times customers waited before service, minutes.
	Waits *Tally
	// Served counts customers whose service has ended.
	Served int64
}

type queued struct {
	arg int64
	t   float64
}

// NewQueue returns a queue with the given number of servers on kernel k.
// Its completion events run at priority prio.
func NewQueue(name string, k *Kernel, servers int, srv Server, done Handler, prio int32) *Queue {
	q := &Queue{
		Name: name, k: k, srv: srv, done: done, prio: prio, servers: servers,
		ring:  make([]queued, 64),
		Waits: NewTally(1, 4*Day),
	}
	q.total = &q.own
	return q
}

// ShareWaiting makes *total count this queue's waiting customers too, with
// those of every other queue given the same counter, so that the number
// waiting in a group of queues is read at once instead of summed. Call it
// before any customer arrives.
func (q *Queue) ShareWaiting(total *int) { q.total = total }

// Servers returns the number of servers.
func (q *Queue) Servers() int { return q.servers }

// Busy returns the number of servers serving.
func (q *Queue) Busy() int { return q.busy }

// Waiting returns the number of customers waiting.
func (q *Queue) Waiting() int { return q.n }

// At returns the arg of the i-th waiting customer (0 is the head).
func (q *Queue) At(i int) int64 { return q.ring[(q.head+i)&(len(q.ring)-1)].arg }

// SetServers changes the number of servers. Customers in service finish;
// added servers start on waiting customers at once.
func (q *Queue) SetServers(c int) {
	q.servers = c
	q.startWaiting()
}

// Arrive adds customer arg: served at once if a server is free, else queued.
func (q *Queue) Arrive(arg int64) {
	if q.busy < q.servers && q.n == 0 {
		q.Waits.Add(0)
		q.start(arg)
		return
	}
	if q.n == len(q.ring) {
		q.grow()
	}
	q.ring[(q.head+q.n)&(len(q.ring)-1)] = queued{arg: arg, t: q.k.now}
	q.n++
	*q.total++
	q.Length.Set(q.k.now, float64(q.n))
	q.startWaiting()
}

// Handle ends a service (the queue's completion event).
func (q *Queue) Handle(arg int64) {
	q.busy--
	q.Served++
	q.done.Handle(arg)
	q.startWaiting()
}

func (q *Queue) start(arg int64) {
	q.busy++
	q.k.After(q.srv.ServiceMin(arg), q.prio, q, arg)
}

func (q *Queue) startWaiting() {
	for q.n > 0 && q.busy < q.servers {
		c := q.ring[q.head]
		q.head = (q.head + 1) & (len(q.ring) - 1)
		q.n--
		*q.total--
		q.Length.Set(q.k.now, float64(q.n))
		q.Waits.Add(q.k.now - c.t)
		q.start(c.arg)
	}
}

func (q *Queue) grow() {
	r := make([]queued, 2*len(q.ring))
	for i := 0; i < q.n; i++ {
		r[i] = q.ring[(q.head+i)&(len(q.ring)-1)]
	}
	q.ring, q.head = r, 0
}
