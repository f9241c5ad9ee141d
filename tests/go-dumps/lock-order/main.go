// A lock-order inversion: transfer(a, b) locks a then b, transfer(b, a)
// locks b then a. Each goroutine holds its first lock and waits for the
// other's; main waits for both, so Go's runtime finds every goroutine
// asleep and prints them all (run with GOTRACEBACK=all).
package main

import (
	"sync"
	"time"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

//go:noinline
func transfer(from, to *Account, amount int, wg *sync.WaitGroup) {
	defer wg.Done()
	from.mu.Lock()
	defer from.mu.Unlock()
	time.Sleep(50 * time.Millisecond) // both take their first lock
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

func main() {
	a := &Account{balance: 100}
	b := &Account{balance: 100}
	var wg sync.WaitGroup
	wg.Add(2)
	go transfer(a, b, 10, &wg)
	go transfer(b, a, 20, &wg)
	wg.Wait()
}
