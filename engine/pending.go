package engine

import (
	"math"
	"math/bits"
	"slices"
)

// The calendar's pending entries are kept in three tiers by the bucket of
// their time, b = floor(t / bucketWidth), relative to the current bucket
// cur:
//
//   - near: the entries with b <= cur (the next quarter of a minute or so
//     of events, 3 to 10 in a run of the baseline), sorted, the next first;
//   - ring: one unsorted linked list per bucket for cur < b < cur+ringSize
//     (the next 17 hours), with a bitmap of the lists that are not empty;
//     the lists' nodes are recycled, so that they allocate nothing in a
//     steady state;
//   - far: a 4-ary heap of the rest.
//
// Bucket numbers grow with time, so every entry in near sorts before every
// entry in ring, and those before every entry in far: the smallest entry
// is near's first. When near is empty the next non-empty bucket becomes
// current and its list moves into near, where it is sorted; entries of far
// move into the ring as its window reaches them. Each entry is thus
// appended to a list once and sorted among a few, instead of sifted in a
// heap of all pending events, which is what most of a run's time went to;
// taking the next is then a step along near. Entries of equal time are
// always in the same tier and ordered by the same key, so the order of
// events is exactly that of a single heap.
const (
	// Quarter-minute buckets and a 17-hour ring took the fewest
	// instructions a 30-day baseline run (1/8 to 4 minutes, 2^12 to 2^14
	// buckets tried; docs/performance-model.md).
	bucketWidth = 0.25 // minutes
	ringBits    = 12
	ringSize    = 1 << ringBits // 4,096 buckets
	ringMask    = ringSize - 1
	// Times from lastBucketTime on share the last bucket number.
	lastBucketTime = 1 << 62 * bucketWidth
)

type pending struct {
	near sorted
	far  heap4
	cur  int64
	// head[i] is the first node (index+1; 0: none) of the list of the
	// bucket at ring position i.
	head  [ringSize]int32
	occ   [ringSize / 64]uint64
	nodes []node
	free  int32 // first free node (index+1; 0: none)
	// inRing counts the entries in the ring's lists.
	inRing int
}

type node struct {
	e    entry
	next int32
}

func bucketOf(t float64) int64 {
	if t >= lastBucketTime {
		return math.MaxInt64
	}
	return int64(t / bucketWidth)
}

func (p *pending) len() int { return p.near.len() + p.inRing + len(p.far) }

// push adds e, whose time is t (not before the current bucket's start).
func (p *pending) push(e entry, t float64) {
	b := bucketOf(t)
	switch {
	case b <= p.cur:
		p.near.insert(e)
	case b-p.cur < ringSize:
		n := p.free
		if n != 0 {
			p.free = p.nodes[n-1].next
		} else {
			p.nodes = append(p.nodes, node{})
			n = int32(len(p.nodes))
		}
		i := b & ringMask
		p.nodes[n-1] = node{e: e, next: p.head[i]}
		p.head[i] = n
		p.occ[i>>6] |= 1 << (i & 63)
		p.inRing++
	default:
		p.far.push(e)
	}
}

// top returns the smallest entry, or nil if there is none, making the
// next non-empty bucket current if near is empty.
func (p *pending) top() *entry {
	if p.near.len() == 0 && !p.advance() {
		return nil
	}
	return &p.near.e[p.near.lo]
}

// pop removes the smallest entry; top must have returned it.
func (p *pending) pop() { p.near.pop() }

// advance makes the next non-empty bucket current and moves its entries
// into near. It reports false if nothing is pending.
func (p *pending) advance() bool {
	switch {
	case p.inRing > 0:
		p.cur = p.nextOccupied()
	case len(p.far) > 0:
		p.cur = bucketOf(p.far[0].time())
	default:
		return false
	}
	if p.inRing > 0 {
		i := p.cur & ringMask
		for n := p.head[i]; n != 0; {
			nd := &p.nodes[n-1]
			p.near.e = append(p.near.e, nd.e)
			next := nd.next
			nd.next, p.free = p.free, n
			n = next
			p.inRing--
		}
		p.head[i] = 0
		p.occ[i>>6] &^= 1 << (i & 63)
		p.near.sort()
	}
	// Entries of far now within the ring's window (or in the current
	// bucket, after a jump) move in.
	for len(p.far) > 0 {
		e := p.far[0]
		b := bucketOf(e.time())
		if b-p.cur >= ringSize {
			break
		}
		p.far.pop()
		p.push(e, e.time())
	}
	return p.near.len() > 0 || p.advance()
}

// nextOccupied returns the first bucket after cur whose list is not empty
// (there is one: inRing > 0). The ring holds buckets cur+1 … cur+ringSize-1,
// each at its number modulo ringSize, so scanning positions forward from
// cur+1 meets them in order.
func (p *pending) nextOccupied() int64 {
	b := p.cur + 1
	for {
		i := b & ringMask
		if w := p.occ[i>>6] >> (i & 63); w != 0 {
			return b + int64(bits.TrailingZeros64(w))
		}
		b += 64 - i&63
	}
}

// each calls f for every pending entry, in no order.
func (p *pending) each(f func(*entry)) {
	for i := range p.near.e[p.near.lo:] {
		f(&p.near.e[p.near.lo+i])
	}
	for i := range p.far {
		f(&p.far[i])
	}
	for _, n := range p.head {
		for n != 0 {
			f(&p.nodes[n-1].e)
			n = p.nodes[n-1].next
		}
	}
}

// sorted holds entries in increasing order from e[lo]: e[lo] is the
// smallest, and taking it is a step of lo. It is only ever short (the
// current bucket's entries), but an insertion moves the shorter side, so
// that a long one costs a binary search and a copy, not a scan.
type sorted struct {
	e  []entry
	lo int
}

func (s *sorted) len() int { return len(s.e) - s.lo }

// pop removes the smallest entry (there is one).
func (s *sorted) pop() {
	s.lo++
	if s.lo == len(s.e) {
		s.e, s.lo = s.e[:0], 0
	}
}

// sort sorts the entries appended since near was last empty (lo is 0):
// by insertion, for the few of a bucket, else by slices.SortFunc.
func (s *sorted) sort() {
	e := s.e
	if len(e) > 32 {
		slices.SortFunc(e, func(a, b entry) int { return int(less(&b, &a)) - int(less(&a, &b)) })
		return
	}
	for i := 1; i < len(e); i++ {
		x := e[i]
		j := i
		for j > 0 && x.before(&e[j-1]) {
			e[j] = e[j-1]
			j--
		}
		e[j] = x
	}
}

// insert adds x in order. Entries scheduled into the current bucket sort
// mostly after those there (a later sequence number) or just after the
// ones taken (an event at the current instant): both ends move little.
func (s *sorted) insert(x entry) {
	e := s.e
	// i is the first position whose entry sorts after x.
	lo, hi := s.lo, len(e)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if x.before(&e[m]) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	i := lo
	if s.lo > 0 && i-s.lo < len(e)-i {
		// Move the entries before i one place down, into the room left
		// by those taken.
		copy(e[s.lo-1:i-1], e[s.lo:i])
		s.lo--
		e[i-1] = x
		return
	}
	e = append(e, entry{})
	copy(e[i+1:], e[i:])
	e[i] = x
	s.e = e
}

// heap4 is a 4-ary min-heap of entries: a node's children sit in one cache
// line and the tree is half as deep as a binary heap's.
type heap4 []entry

func (hp *heap4) push(x entry) {
	*hp = append(*hp, x)
	h := *hp
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !x.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = x
}

// pop removes the root. The hole left at the root goes down to a leaf
// along the smallest children (three comparisons a level, without
// branches), then the last entry, which usually belongs near the bottom,
// sifts up from there (Floyd's bottom-up deletion). Entries are totally
// ordered (sequence numbers are unique), so the shape of the heap never
// changes the order events fire in.
func (hp *heap4) pop() {
	n := len(*hp) - 1
	x := (*hp)[n]
	*hp = (*hp)[:n]
	h := *hp
	if n == 0 {
		return
	}
	i := 0
	for {
		c := 4*i + 1
		if c+3 < n {
			// The smallest of four, without a branch to mispredict: the
			// smaller of each pair, then the smaller of the two.
			q := h[c : c+4 : c+4]
			a := less(&q[1], &q[0])
			b := 2 + less(&q[3], &q[2])
			m := a ^ (a^b)&-less(&q[b], &q[a])
			h[i] = q[m]
			i = c + int(m)
			continue
		}
		if c < n {
			m := c
			for j := c + 1; j < n; j++ {
				if h[j].before(&h[m]) {
					m = j
				}
			}
			h[i] = h[m]
			i = m
		}
		break
	}
	for i > 0 {
		p := (i - 1) / 4
		if !x.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = x
}
