package engine

import (
	"math/rand/v2"
	"testing"
)

// TestFreeSlots is a property test over random sequences of records taken
// and finished: a slot is never handed out while its record is live, Peek
// says which slot Take returns, a reused slot still holds its finished
// record until overwritten, the slots in use are visited oldest first,
// and the slab never grows past the peak number of records live at once,
// however many were created.
func TestFreeSlots(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		var slab []uint64 // each slot's record: its serial number
		var f FreeSlots
		var live []int32 // slots of live records
		inUse := map[int32]bool{}
		created, peak := uint64(0), 0
		// The live population drifts up and down around a level that
		// itself changes, as a camp's does.
		level := 1 + r.IntN(200)
		for step := 0; step < 20000; step++ {
			if step%2000 == 0 {
				level = 1 + r.IntN(200)
			}
			if len(live) == 0 || (r.IntN(2*level) >= len(live)) {
				n := len(slab)
				want := f.Peek(n)
				i := Take(&slab, &f)
				switch {
				case i != want:
					t.Fatalf("seed %d: Peek said slot %d, Take gave %d", seed, want, i)
				case inUse[i]:
					t.Fatalf("seed %d: slot %d handed out while live", seed, i)
				case int(i) < n && slab[i] == 0:
					t.Fatalf("seed %d: reused slot %d lost its finished record", seed, i)
				case int(i) >= n && (int(i) != n || len(slab) != n+1 || slab[i] != 0):
					t.Fatalf("seed %d: new slot %d of %d, record %d", seed, i, len(slab), slab[i])
				}
				created++
				slab[i] = created
				inUse[i] = true
				live = append(live, i)
				peak = max(peak, len(live))
			} else {
				k := r.IntN(len(live))
				i := live[k]
				live[k] = live[len(live)-1]
				live = live[:len(live)-1]
				delete(inUse, i)
				f.Put(i)
			}
			if len(slab) != len(live)+f.Len() || f.Used() != len(live) {
				t.Fatalf("seed %d: %d slots, %d live (%d used) and %d free", seed, len(slab), len(live), f.Used(), f.Len())
			}
			if step%97 == 0 || step > 19900 {
				// Oldest first: the serial numbers rise, and every live
				// slot is visited once.
				n, last := 0, uint64(0)
				for i := f.Oldest(); i >= 0; i = f.After(i) {
					if !inUse[i] || slab[i] <= last {
						t.Fatalf("seed %d, step %d: slot %d (record %d, live %v) after record %d", seed, step, i, slab[i], inUse[i], last)
					}
					last = slab[i]
					n++
				}
				if n != len(live) {
					t.Fatalf("seed %d, step %d: %d slots visited, %d live", seed, step, n, len(live))
				}
			}
		}
		if len(slab) != peak {
			t.Fatalf("seed %d: slab of %d slots, peak live %d", seed, len(slab), peak)
		}
		if created < 10*uint64(peak) {
			t.Fatalf("seed %d: %d created, peak %d: the test did not churn", seed, created, peak)
		}
		for _, i := range f.Slots() {
			if inUse[i] {
				t.Fatalf("seed %d: slot %d is free and live", seed, i)
			}
		}
	}
}

// TestCheckOrder: the walk of the slots in use accepts rising ids and
// refuses a slot marked free or an id out of order.
func TestCheckOrder(t *testing.T) {
	var f FreeSlots
	var slab []int64
	for id := int64(1); id <= 4; id++ {
		i := Take(&slab, &f)
		slab[i] = id
	}
	f.Put(1)
	free := []bool{false, true, false, false}
	id := func(i int32) int64 { return slab[i] }
	if err := f.CheckOrder(free, "case", id); err != nil {
		t.Errorf("a sound slab: %v", err)
	}
	free[2] = true
	if err := f.CheckOrder(free, "case", id); err == nil {
		t.Error("a slot in use marked free was accepted")
	}
	free[2] = false
	slab[3] = 0
	if err := f.CheckOrder(free, "case", id); err == nil {
		t.Error("ids out of order were accepted")
	}
}
