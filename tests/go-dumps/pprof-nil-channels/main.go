// Goroutines that can never be woken, dumped the way a server's
// /debug/pprof/goroutine?debug=2 prints them (pprof.Lookup("goroutine")
// .WriteTo(w, 2)): five receive from a channel that was never made (nil),
// two wait in a select with no cases, and one in a select on a nil
// channel and a channel nobody sends on.
package main

import (
	"os"
	"runtime/pprof"
	"time"
)

type Hub struct {
	updates chan int // never made: nil
}

//go:noinline
func (h *Hub) listen() {
	<-h.updates // a nil channel: blocks forever
}

//go:noinline
func park() {
	select {} // no cases: blocks forever
}

//go:noinline
func either(a chan int, b chan string) {
	select {
	case <-a:
	case <-b:
	}
}

func main() {
	h := &Hub{}
	for i := 0; i < 5; i++ {
		go h.listen()
	}
	for i := 0; i < 2; i++ {
		go park()
	}
	go either(nil, make(chan string))
	time.Sleep(100 * time.Millisecond)
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
}
