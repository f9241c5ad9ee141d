// Leaked goroutines, dumped with runtime.Stack(buf, true) while the
// program still runs: four workers wait to receive on a channel nobody
// sends on, three senders are stuck on an unbuffered channel nobody reads,
// and two goroutines wait in a select whose cases never become ready.
package main

import (
	"os"
	"runtime"
	"time"
)

//go:noinline
func worker(jobs <-chan int) {
	for j := range jobs {
		_ = j
	}
}

//go:noinline
func report(results chan<- int, v int) {
	results <- v
}

//go:noinline
func watch(stop <-chan struct{}, events <-chan string) {
	select {
	case <-stop:
	case <-events:
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan int)
	stop := make(chan struct{})
	events := make(chan string)
	for i := 0; i < 4; i++ {
		go worker(jobs)
	}
	for i := 0; i < 3; i++ {
		go report(results, i)
	}
	for i := 0; i < 2; i++ {
		go watch(stop, events)
	}
	time.Sleep(100 * time.Millisecond)
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	os.Stdout.Write(buf[:n])
}
