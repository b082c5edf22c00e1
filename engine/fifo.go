package engine

// FIFO is a ring-buffer queue of agent indices.
type FIFO struct {
	buf     []int32 // a power of two long, so that a position is masked
	head, n int
}

// Len returns the number of elements queued.
func (f *FIFO) Len() int { return f.n }

// Push adds x at the tail.
func (f *FIFO) Push(x int32) {
	if f.n == len(f.buf) {
		nb := make([]int32, max(16, 2*len(f.buf)))
		for i := 0; i < f.n; i++ {
			nb[i] = f.buf[(f.head+i)&(len(f.buf)-1)]
		}
		f.buf, f.head = nb, 0
	}
	f.buf[(f.head+f.n)&(len(f.buf)-1)] = x
	f.n++
}

// Peek returns the i-th element (0 is the head).
func (f *FIFO) Peek(i int) int32 { return f.buf[(f.head+i)&(len(f.buf)-1)] }

// Pop removes and returns the head.
func (f *FIFO) Pop() int32 {
	x := f.buf[f.head]
	f.head = (f.head + 1) & (len(f.buf) - 1)
	f.n--
	return x
}
