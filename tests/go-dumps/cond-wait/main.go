// A Cond whose signal came before anyone waited: the producer sets ready
// and signals before the three consumers reach Wait, and they check no
// condition in a loop; they wait on the Cond forever and main waits for
// them (run with GOTRACEBACK=all: Go prints every goroutine).
package main

import (
	"sync"
	"time"
)

type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

//go:noinline
func (q *Queue) take(wg *sync.WaitGroup) {
	defer wg.Done()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.cond.Wait() // no loop, no condition: the signal is already gone
	q.items = q.items[1:]
}

func main() {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	q.mu.Lock()
	q.items = append(q.items, 1)
	q.cond.Signal()
	q.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(3)
	for i := 0; i < 3; i++ {
		go q.take(&wg)
	}
	time.Sleep(50 * time.Millisecond)
	wg.Wait()
}
