// Semaphore: a weighted semaphore like golang.org/x/sync/semaphore.Weighted,
// instrumented. It has a capacity; callers acquire and release weights.
//
//   acquire(n)      takes n if the weight in use plus n fits the capacity and
//                   nobody is queued; otherwise queues (FIFO) and blocks until
//                   a release grants it. Cancellable: throws Cancelled when
//                   the runner cancels the run.
//   try_acquire(n)  the same without blocking: false if acquire(n) would block.
//   release(n)      gives n back, then grants queued acquirers in order while
//                   the head of the queue fits. Any thread may release (the
//                   weight has no owner, as in Go).
//
// Policy (why FIFO with no barging, as x/sync does): a release grants only
// from the head of the queue, and an arriving acquire queues behind any
// waiter even when its own weight would fit. So a large request at the head
// holds back smaller ones behind it, instead of being starved by a stream of
// small requests that always fit. The price: capacity can sit idle while the
// head waits for enough of it. try_acquire follows the same rule.
//
// Misuse, a Go panic (detail::panic: a kPanic verdict ends the run; fatal
// outside a run, "locklab: panic: ..."):
//   - release(n) of more than is in use ("semaphore: released more than held");
//   - acquire(n) with n greater than the capacity: it could never succeed.
//     (x/sync's Acquire then blocks until its context is done; there is no
//     context here, so locklab says so at once. try_acquire(n) just returns
//     false, as x/sync's TryAcquire does.)
//   - a negative n.
// n == 0 is allowed and follows the same rules. A negative capacity is
// fatal ("locklab: semaphore <name> with negative capacity").
//
// Recording: acquire/release emit EventKind::kLevel (arg: the weight in use
// after). A blocked acquire is WaitKind::kSemaphore (kWaitBegin / kWaitEnd
// events) and is counted at its site in the contention profile.
//
// Cost: every call takes one short internal lock (as x/sync's mutex).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "locklab/core/internal_lock.h"
#include "locklab/core/site.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class Semaphore {
 public:
  Semaphore(std::string_view name, std::int64_t capacity);
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  void acquire(std::int64_t n = 1, Site site = Site::current());
  bool try_acquire(std::int64_t n = 1, Site site = Site::current());
  void release(std::int64_t n = 1, Site site = Site::current());

  std::uint32_t id() const noexcept { return id_; }
  std::int64_t capacity() const noexcept { return size_; }

  /// A moment's view, for tests and dumps.
  struct View {
    std::int64_t in_use = 0;
    std::uint32_t waiters = 0;
  };
  View view() const;

 private:
  // A queued acquirer: the parked thread and the weight it wants.
  struct Waiter : detail::WaitNode {
    std::int64_t n = 0;
  };
  // Grants queued acquirers from the head while the head fits; appends the
  // threads to wake (unpark them after releasing guard_).
  void grant_from_head(std::vector<ThreadRecord*>& wake) LOCKLAB_REQUIRES(guard_);
  // A negative weight is a panic.
  void check_weight(ThreadRecord& self, std::int64_t n, std::uint64_t site, const char* op);
  [[noreturn]] void misuse(ThreadRecord& self, std::uint64_t site, std::string message);

  const std::uint32_t id_;
  const std::int64_t size_;  // the capacity
  mutable detail::GuardMutex guard_;
  std::int64_t cur_ LOCKLAB_GUARDED_BY(guard_) = 0;        // weight in use
  detail::WaitQueue waiters_ LOCKLAB_GUARDED_BY(guard_);   // Waiter nodes, FIFO
};

}  // namespace locklab
