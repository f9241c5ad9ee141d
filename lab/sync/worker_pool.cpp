#include "locklab/sync/worker_pool.h"
#include "locklab/core/sched_point.h"

#include <algorithm>
#include <string>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"

namespace locklab {

using detail::GuardLock;
using detail::WaitNode;

WorkerPool::WorkerPool(RunContext& ctx, std::string_view name, std::uint32_t workers,
                       std::uint32_t queue_capacity, Site site)
    : id_(register_object(ObjectKind::kWorkerPool, name)), capacity_(queue_capacity), site_(site.key()) {
  if (workers == 0) fatal("worker pool " + object_name(id_) + " with no workers");
  {
    GuardLock g(guard_);
    live_ = workers;
  }
  const std::string prefix = object_name(id_) + ".worker-";
  for (std::uint32_t i = 0; i < workers; ++i) ctx.go(prefix + std::to_string(i), [this] { worker_loop(); });
}

WorkerPool::~WorkerPool() {
  try {
    shutdown_at(site_);
  } catch (const Cancelled&) {
    // The run is ending; shutdown_at still waited for every worker.
  }
}

void WorkerPool::worker_loop() {
  ThreadRecord& self = Runtime::self();
  self.set_member_of(id_);  // the wait-for graph's "submitter waits for busy workers"
  {
    GuardLock g(guard_);
    workers_.push_back(self.id());
  }
  // Counts this worker out however it ends: drained, cancelled, or a task threw.
  struct Exit {
    WorkerPool* pool;
    bool in_task = false;
    ~Exit() { pool->worker_ended(in_task); }
  } exit{this};
  std::vector<ThreadRecord*> wake;
  for (;;) {
    Task task;
    if (!next_task(self, task)) return;
    exit.in_task = true;
    task();
    task = nullptr;  // the task's captures die before it counts as completed
    exit.in_task = false;
    {
      GuardLock g(guard_);
      --busy_;
      ++completed_;
      admit_locked(wake);  // this worker is free again: a blocked submitter may hand in
    }
    self.bump_progress();
    for (ThreadRecord* t : wake) t->unpark();
    wake.clear();
  }
}

void WorkerPool::worker_ended(bool in_task) noexcept {
  GuardLock g(guard_);
  if (in_task) --busy_;
  if (--live_ == 0) {
    for (ThreadRecord* j : joiners_) j->unpark();
    ended_.notify_all();  // under guard_: the pool may be gone once we let go of it
  }
}

bool WorkerPool::has_room_locked() const {
  // Queued tasks are bounded by the queue places plus the workers that are
  // not running a task and not parked (starting, or between two tasks): each
  // of those is about to take one. Parked workers take tasks by hand-off.
  const std::uint32_t coming = live_ - busy_ - idle_.size();
  return queue_.size() < std::size_t{capacity_} + coming;
}

void WorkerPool::admit_locked(std::vector<ThreadRecord*>& wake) {
  while (!submitters_.empty() && has_room_locked()) {
    auto* s = static_cast<Waiter*>(submitters_.pop_front());
    queue_.push_back(std::move(*s->slot));
    s->granted = true;
    wake.push_back(s->thread);
  }
}

bool WorkerPool::next_task(ThreadRecord& self, Task& out) {
  GuardLock g(guard_);
  for (;;) {
    if (!queue_.empty()) {
      out = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
      const auto queued = static_cast<std::uint64_t>(queue_.size());
      g.unlock();
      detail::emit_level(self, id_, site_, queued);
      return true;
    }
    if (closed_) return false;
    // Idle: wait for a submit() to hand us a task (or shutdown() to wake us).
    Waiter node;
    node.thread = &self;
    node.site = site_;
    node.since = now_ticks();
    node.slot = &out;
    idle_.push_back(&node);
    self.begin_wait(WaitSpec{WaitKind::kChanRecv, id_, LockMode::kNone, site_});
    g.unlock();
    for (;;) {
      const WakeReason r = self.park();
      g.lock();
      if (node.granted) break;
      if (r == WakeReason::kCancelled) {
        idle_.remove(&node);
        g.unlock();
        detail::leave_cancelled(self, WaitKind::kChanRecv, id_);
      }
      g.unlock();
    }
    self.end_wait();
    if (out) {  // handed over by submit(), which counted us busy
      if (Runtime::recording())
        self.emit(EventKind::kChanReceived, id_, LockMode::kNone, site_, queue_.size(), now_ticks());
      return true;
    }
    // Woken empty-handed by shutdown(): look again (drain, then end).
  }
}

void WorkerPool::submit(Task task, Site site) {
  detail::sched_point(SchedOp::kSubmit, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  if (!task) detail::panic(self, id_, key, "submit of an empty task to worker pool " + object_name(id_));
  Waiter node;
  {
    GuardLock g(guard_);
    if (closed_) {
      g.unlock();
      detail::panic(self, id_, key, "submit to worker pool " + object_name(id_) + " after shutdown");
    }
    if (WaitNode* n = idle_.pop_front()) {  // a parked worker takes it at once
      auto* w = static_cast<Waiter*>(n);
      *w->slot = std::move(task);
      w->granted = true;
      ++busy_;
      ThreadRecord* worker = w->thread;
      g.unlock();
      worker->unpark();
      self.bump_progress();
      detail::emit_level(self, id_, key, 0);
      return;
    }
    if (has_room_locked()) {
      queue_.push_back(std::move(task));
      const auto queued = static_cast<std::uint64_t>(queue_.size());
      g.unlock();
      self.bump_progress();
      detail::emit_level(self, id_, key, queued);
      return;
    }
    // Every worker is busy and the queue is full: wait for a place (Go: the
    // send on a full task channel).
    node.thread = &self;
    node.site = key;
    node.since = now_ticks();
    node.slot = &task;
    submitters_.push_back(&node);
    self.begin_wait(WaitSpec{WaitKind::kPoolSubmit, id_, LockMode::kNone, key});
  }
  for (;;) {
    const WakeReason r = self.park();
    GuardLock g(guard_);
    if (node.granted) break;
    if (r == WakeReason::kCancelled) {
      submitters_.remove(&node);
      g.unlock();
      detail::leave_cancelled(self, WaitKind::kPoolSubmit, id_);
    }
  }
  detail::end_sync_wait(self, id_, key, node.since);
}

void WorkerPool::shutdown(Site site) {
  detail::sched_point(SchedOp::kShutdown, id_, site);
  shutdown_at(site.key());
}

void WorkerPool::shutdown_at(std::uint64_t site) {
  ThreadRecord& self = Runtime::self();
  std::vector<ThreadRecord*> wake;
  GuardLock g(guard_);
  if (std::find(workers_.begin(), workers_.end(), self.id()) != workers_.end()) {
    g.unlock();
    detail::panic(self, id_, site,
                  "shutdown of worker pool " + object_name(id_) + " from its own worker would wait for itself");
  }
  if (!closed_) {
    closed_ = true;
    // Idle workers wake empty-handed, find nothing, and end.
    while (WaitNode* n = idle_.pop_front()) {
      n->granted = true;
      wake.push_back(n->thread);
    }
  }
  if (live_ == 0) return;
  joiners_.push_back(&self);
  const std::uint64_t since = now_ticks();
  self.begin_wait(WaitSpec{WaitKind::kJoin, id_, LockMode::kNone, site});
  g.unlock();
  for (ThreadRecord* t : wake) t->unpark();
  bool cancelled = false;
  for (;;) {
    const WakeReason r = self.park();
    g.lock();
    if (live_ == 0) break;
    if (r == WakeReason::kCancelled) {
      // The workers use this pool until they end, so keep waiting, off the
      // parker (which now returns at once). Their waits are cancelled too.
      cancelled = true;
      while (live_ > 0) {
        if (detail::controlled()) {
          g.unlock();
          detail::pause_while_unwinding();
          g.lock();
        } else {
          ended_.wait(g);
        }
      }
      break;
    }
    g.unlock();
  }
  std::erase(joiners_, &self);
  g.unlock();
  if (cancelled) detail::leave_cancelled(self, WaitKind::kJoin, id_);
  detail::end_sync_wait(self, id_, site, since);
}

WorkerPool::View WorkerPool::view() const {
  GuardLock g(guard_);
  View v;
  v.live_workers = live_;
  v.idle_workers = idle_.size();
  v.busy_workers = busy_;
  v.queued = static_cast<std::uint32_t>(queue_.size());
  v.blocked_submitters = submitters_.size();
  v.completed = completed_;
  v.closed = closed_;
  return v;
}

}  // namespace locklab
