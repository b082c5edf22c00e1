package engine

// FreeSlots is the free list of a slab: a slice of records that events,
// lists and other records name by index. A submodel puts a finished
// record's slot back once nothing can name it any more (no pending event,
// no list, no other record), and the next record takes that slot instead
// of growing the slice, so that the slab holds at most as many records as
// were ever unfinished at once, not every record ever created. Slots are
// taken back last put, first taken. The zero value is an empty list.
type FreeSlots struct {
	free []int32
}

// Put gives slot i back for reuse. Each slot may be put back once between
// two takes.
func (f *FreeSlots) Put(i int32) { f.free = append(f.free, i) }

// Len returns the number of free slots.
func (f *FreeSlots) Len() int { return len(f.free) }

// Next returns the slot that the next Take of a slab of n slots will
// return: the last slot put back, or n when none is free.
func (f *FreeSlots) Next(n int) int32 {
	if k := len(f.free); k > 0 {
		return f.free[k-1]
	}
	return int32(n)
}

// Slots returns the free slots (the list itself: not to be changed).
func (f *FreeSlots) Slots() []int32 { return f.free }

// Take returns a slot of slab *s for a new record: a free slot, holding
// the finished record last put there (the caller overwrites it, and may
// reuse what it owns, such as a slice's storage), or else a new zero
// record appended to the slab.
func Take[T any](s *[]T, f *FreeSlots) int32 {
	if k := len(f.free); k > 0 {
		i := f.free[k-1]
		f.free = f.free[:k-1]
		return i
	}
	var zero T
	*s = append(*s, zero)
	return int32(len(*s) - 1)
}
