// A read lock held across a blocking submit: each handler holds the
// registry's read lock while it submits a job to a pool whose only worker
// needs the write lock to run a job. The worker takes the first job and
// waits in Lock for the read locks still held; the other handlers block in
// the send (the pool has no queue) holding theirs. The program sends itself SIGQUIT once everyone is stuck
// (run with GOTRACEBACK=all): Go prints every goroutine and exits.
package main

import (
	"os"
	"sync"
	"syscall"
	"time"
)

type Registry struct {
	mu    sync.RWMutex
	names map[string]int
}

type Pool struct {
	jobs chan func()
}

//go:noinline
func (p *Pool) Submit(job func()) {
	p.jobs <- job // blocks until the worker is free
}

//go:noinline
func (p *Pool) work() {
	for job := range p.jobs {
		job()
	}
}

//go:noinline
func (r *Registry) register(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names[name] = len(r.names)
}

//go:noinline
func (r *Registry) handle(p *Pool, name string) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p.Submit(func() { r.register(name) })
}

func main() {
	r := &Registry{names: map[string]int{}}
	p := &Pool{jobs: make(chan func())}
	for _, n := range []string{"a", "b", "c"} {
		go r.handle(p, n)
	}
	time.Sleep(100 * time.Millisecond) // every handler holds its read lock
	go p.work()
	time.Sleep(100 * time.Millisecond)
	syscall.Kill(os.Getpid(), syscall.SIGQUIT)
	time.Sleep(time.Second)
}
