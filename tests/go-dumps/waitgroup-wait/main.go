// A WaitGroup that never reaches zero: Add(3), but only two of the three
// workers are started, so Wait never returns and Go's runtime finds every
// goroutine asleep (run with GOTRACEBACK=all). The two workers wait on a
// channel for a result nobody sends.
package main

import "sync"

//go:noinline
func fetch(wg *sync.WaitGroup, ready <-chan int) {
	defer wg.Done()
	<-ready
}

func main() {
	var wg sync.WaitGroup
	ready := make(chan int)
	wg.Add(3)
	for i := 0; i < 2; i++ {
		go fetch(&wg, ready)
	}
	wg.Wait()
}
