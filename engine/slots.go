package engine

import "fmt"

// FreeSlots is the free list of a slab: a slice of records that events,
// lists and other records name by index. A submodel puts a finished
// record's slot back once nothing can name it any more (no pending event,
// no list, no other record), and the next record takes that slot instead
// of growing the slice, so that the slab holds at most as many records as
// were ever unfinished at once, not every record ever created. Slots are
// taken back last put, first taken.
//
// It also keeps the slots in use in the order they were taken, so that
// the records can be visited oldest first (in the order of the numbers a
// submodel gives them as it creates them) whatever slots they hold. A
// FreeSlots serves one slab, which grows only by Take. The zero value is
// an empty list.
type FreeSlots struct {
	free []int32
	// The slots in use, oldest first, as a doubly linked list: by slot,
	// the slot taken before and after it, plus one (0: none).
	prev, next     []int32
	oldest, newest int32 // slot plus one (0: none)
	used           int
}

// Put gives slot i back for reuse. Each slot in use may be put back once.
func (f *FreeSlots) Put(i int32) {
	p, n := f.prev[i], f.next[i]
	if p > 0 {
		f.next[p-1] = n
	} else {
		f.oldest = n
	}
	if n > 0 {
		f.prev[n-1] = p
	} else {
		f.newest = p
	}
	f.prev[i], f.next[i] = 0, 0
	f.used--
	f.free = append(f.free, i)
}

// Len returns the number of free slots.
func (f *FreeSlots) Len() int { return len(f.free) }

// Used returns the number of slots in use.
func (f *FreeSlots) Used() int { return f.used }

// Peek returns the slot that the next Take of a slab of n slots will
// return: the last slot put back, or n when none is free.
func (f *FreeSlots) Peek(n int) int32 {
	if k := len(f.free); k > 0 {
		return f.free[k-1]
	}
	return int32(n)
}

// Slots returns the free slots (the list itself: not to be changed).
func (f *FreeSlots) Slots() []int32 { return f.free }

// Oldest returns the slot in use taken first, or −1 when none is in use.
func (f *FreeSlots) Oldest() int32 { return f.oldest - 1 }

// After returns the slot in use taken next after slot i (in use), or −1.
func (f *FreeSlots) After(i int32) int32 { return f.next[i] - 1 }

// Take returns a slot of slab *s for a new record: a free slot, holding
// the finished record last put there (the caller overwrites it, and may
// reuse what it owns, such as a slice's storage), or else a new zero
// record appended to the slab. The slot becomes the newest in use.
func Take[T any](s *[]T, f *FreeSlots) int32 {
	var i int32
	if k := len(f.free); k > 0 {
		i = f.free[k-1]
		f.free = f.free[:k-1]
	} else {
		var zero T
		*s = append(*s, zero)
		i = int32(len(*s) - 1)
		f.prev = append(f.prev, 0)
		f.next = append(f.next, 0)
	}
	f.prev[i], f.next[i] = f.newest, 0
	if f.newest > 0 {
		f.next[f.newest-1] = i + 1
	} else {
		f.oldest = i + 1
	}
	f.newest = i + 1
	f.used++
	return i
}

// CheckOrder walks the slots in use oldest first, as views do, and checks
// that each is in use (not marked in free, indexed by slot) and that the
// records' ids, given by id, rise; it returns an error naming what (the
// record's kind) on the first that is not, and otherwise how many it
// visited, which must be the number in use.
func (f *FreeSlots) CheckOrder(free []bool, what string, id func(i int32) int64) error {
	visited, last := 0, int64(-1)
	for i := f.Oldest(); i >= 0; i = f.After(i) {
		if free[i] || id(i) <= last {
			return fmt.Errorf("slot %d (%s %d, free %v) comes after %s %d in the order of ids", i, what, id(i), free[i], what, last)
		}
		last = id(i)
		visited++
	}
	if visited != f.used {
		return fmt.Errorf("%d %ss in the order of ids, %d slots in use", visited, what, f.used)
	}
	return nil
}
