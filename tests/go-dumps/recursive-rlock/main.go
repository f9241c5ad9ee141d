// A recursive read lock behind a queued writer: net() holds the read lock
// and calls sumDebits(), which read-locks the same RWMutex again. Between
// the two, a writer queues in Lock, so the second RLock waits for the
// writer, which waits for the first RLock: Go's runtime finds every
// goroutine asleep and prints them all (run with GOTRACEBACK=all).
package main

import (
	"sync"
	"time"
)

type Ledger struct {
	mu      sync.RWMutex
	debits  []int
	credits []int
}

//go:noinline
func (l *Ledger) sumDebits() int {
	l.mu.RLock() // the second read lock of the same receiver
	defer l.mu.RUnlock()
	s := 0
	for _, d := range l.debits {
		s += d
	}
	return s
}

//go:noinline
func (l *Ledger) net(writerQueued chan struct{}) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	<-writerQueued
	time.Sleep(50 * time.Millisecond) // let the writer reach Lock
	c := 0
	for _, x := range l.credits {
		c += x
	}
	return c - l.sumDebits()
}

//go:noinline
func (l *Ledger) post(amount int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.credits = append(l.credits, amount)
}

func main() {
	l := &Ledger{debits: []int{1, 2}, credits: []int{5}}
	queued := make(chan struct{})
	go func() {
		close(queued)
		l.post(7)
	}()
	println(l.net(queued))
}
