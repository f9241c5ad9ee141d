// WorkerPool: a fixed number of lab worker threads fed through a bounded
// queue, instrumented. It is seed 001's GoPool (anycable-go): "Schedule
// blocks if all workers are busy and the internal pool's buffer is full",
// which is what lets a caller that submits while holding a lock deadlock
// against workers that need that lock.
//
//   WorkerPool(ctx, name, workers, queue_capacity)
//               starts `workers` lab threads ("<name>.worker-<i>") with
//               ctx.go(), so the runner names, tracks and cancels them like
//               any other lab thread. That is why it takes the RunContext:
//               construct it inside a workload. workers >= 1.
//   submit(t)   hands task t to a parked (idle) worker if there is one, else
//               queues it if there is room, else blocks until a worker
//               finishes a task (FIFO among blocked submitters). It blocks
//               exactly when every worker is running a task and
//               queue_capacity tasks already wait. (Workers that are
//               starting, or between two tasks, are about to take a task: a
//               task queued for them does not use up a queue place.)
//               queue_capacity 0 makes submit a rendezvous with a free
//               worker, like Go's unbuffered task channel. Cancellable:
//               throws Cancelled when the runner cancels the run; the task
//               was not accepted.
//   shutdown()  stops accepting tasks, lets the workers drain what is queued
//               (and what blocked submitters were already handing in), then
//               waits until every worker has ended. Idempotent. Cancellable:
//               on cancellation it still waits for the workers to end (they
//               use this pool until then; their own waits are cancelled, so
//               they end promptly), then throws Cancelled.
//   ~WorkerPool shutdown(), swallowing Cancelled.
//
// Workers are threads of the run: RunContext::join_all() waits for them too,
// so shut the pool down (or let it go out of scope) before join_all(), or
// join_all() waits for idle workers forever (the watchdog then reports it).
//
// Tasks run on the workers in submission order (each worker takes the
// oldest). A task that throws ends its worker and the run (VerdictKind::kError
// naming the worker), as a panic in a goroutine ends a Go program.
//
// Misuse, a Go panic (detail::panic: kPanic verdict; fatal outside a run):
//   - submit() after shutdown() (Go: a send on a closed channel);
//   - submit() of an empty std::function;
//   - shutdown() from one of the pool's own workers: it would wait for itself.
//
// Recording: a blocked submit is WaitKind::kPoolSubmit on this pool (kWaitBegin
// / kWaitEnd events), counted at submit()'s site in the contention profile.
// An idle worker waits as a channel receive on the pool (WaitKind::kChanRecv,
// kChanRecvWait / kChanReceived, at the site that made the pool), because a
// GoPool worker is a goroutine ranging over the task channel; idle time is
// not contention, so it is not counted in the profile. submit and taking a
// task emit EventKind::kLevel (arg: tasks queued after). shutdown() waits as
// WaitKind::kJoin on this pool.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <string_view>
#include <vector>

#include "locklab/core/internal_lock.h"
#include "locklab/core/run_context.h"
#include "locklab/core/site.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class WorkerPool {
 public:
  using Task = std::function<void()>;

  WorkerPool(RunContext& ctx, std::string_view name, std::uint32_t workers, std::uint32_t queue_capacity,
             Site site = Site::current());
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(Task task, Site site = Site::current());
  void shutdown(Site site = Site::current());

  std::uint32_t id() const noexcept { return id_; }

  /// A moment's view, for tests and dumps.
  struct View {
    std::uint32_t live_workers = 0;        // started and not yet ended
    std::uint32_t idle_workers = 0;        // parked, waiting for a task
    std::uint32_t busy_workers = 0;        // running a task
    std::uint32_t queued = 0;              // tasks waiting for a worker
    std::uint32_t blocked_submitters = 0;  // submit() calls parked on a full pool
    std::uint64_t completed = 0;           // tasks that returned
    bool closed = false;                   // shutdown() was called
  };
  View view() const;

 private:
  // A parked worker (slot receives its task) or submitter (slot holds its task).
  struct Waiter : detail::WaitNode {
    Task* slot = nullptr;
  };
  void worker_loop();
  // The next task for a worker; parks while there is none. False once the
  // pool is shut down and drained.
  bool next_task(ThreadRecord& self, Task& out) LOCKLAB_EXCLUDES(guard_);
  // Whether submit() may queue one more task without blocking.
  bool has_room_locked() const LOCKLAB_REQUIRES(guard_);
  // Moves blocked submitters' tasks into the queue while there is room;
  // appends the submitters to wake.
  void admit_locked(std::vector<ThreadRecord*>& wake) LOCKLAB_REQUIRES(guard_);
  void worker_ended(bool in_task) noexcept LOCKLAB_EXCLUDES(guard_);
  void shutdown_at(std::uint64_t site);

  const std::uint32_t id_;
  const std::uint32_t capacity_;  // queue places
  const std::uint64_t site_;      // where the pool was made (Site::key())
  mutable detail::GuardMutex guard_;
  std::deque<Task> queue_ LOCKLAB_GUARDED_BY(guard_);          // tasks no worker took yet, oldest first
  detail::WaitQueue idle_ LOCKLAB_GUARDED_BY(guard_);          // Waiter nodes of parked workers
  detail::WaitQueue submitters_ LOCKLAB_GUARDED_BY(guard_);    // Waiter nodes of blocked submitters
  std::vector<std::uint16_t> workers_ LOCKLAB_GUARDED_BY(guard_);  // lab thread ids of the workers
  std::vector<ThreadRecord*> joiners_ LOCKLAB_GUARDED_BY(guard_);  // threads parked in shutdown()
  std::uint32_t live_ LOCKLAB_GUARDED_BY(guard_) = 0;          // workers not yet ended
  std::uint32_t busy_ LOCKLAB_GUARDED_BY(guard_) = 0;          // workers running (or handed) a task
  std::uint64_t completed_ LOCKLAB_GUARDED_BY(guard_) = 0;     // tasks that returned
  bool closed_ LOCKLAB_GUARDED_BY(guard_) = false;             // shutdown() was called
  std::condition_variable_any ended_;  // notified under guard_ when live_ reaches 0 (shutdown after cancellation)
};

}  // namespace locklab
