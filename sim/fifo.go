package sim

// fifo is a ring-buffer queue of agent indices.
type fifo struct {
	buf     []int32
	head, n int
}

func (f *fifo) Len() int { return f.n }

func (f *fifo) Push(x int32) {
	if f.n == len(f.buf) {
		nb := make([]int32, max(16, 2*len(f.buf)))
		for i := 0; i < f.n; i++ {
			nb[i] = f.buf[(f.head+i)%len(f.buf)]
		}
		f.buf, f.head = nb, 0
	}
	f.buf[(f.head+f.n)%len(f.buf)] = x
	f.n++
}

// Peek returns the i-th element (0 is the head).
func (f *fifo) Peek(i int) int32 { return f.buf[(f.head+i)%len(f.buf)] }

func (f *fifo) Pop() int32 {
	x := f.buf[f.head]
	f.head = (f.head + 1) % len(f.buf)
	f.n--
	return x
}
