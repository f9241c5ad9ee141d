// Mutex: a non-reentrant mutual-exclusion lock with Go's sync.Mutex rules,
// instrumented.
//
//   lock()      blocks until the mutex is free, then owns it. Locking a mutex
//               the calling thread already holds is a self-deadlock: it is
//               reported (both sites) as a verdict, and the thread blocks as it
//               would in Go until the run cancels it. Outside a run the report
//               is fatal ("locklab: self-deadlock ...").
//   try_lock()  takes the mutex if it is free; never blocks; false if it is
//               held, even by the caller (Go's TryLock).
//   unlock()    releases it. Unlocking a mutex that is not locked aborts with
//               "locklab: unlock of unlocked mutex"; unlocking one held by
//               another thread aborts with "locklab: unlock of mutex held by
//               another thread". (Go allows the latter; locklab does not, so
//               that every hold has one owner to show on the timeline.)
//   assert_held()  checks that the calling thread holds the mutex and aborts
//               with "locklab: assert_held: ... is not held by ..." if not.
//               Never blocks, records nothing. For clang's -Wthread-safety it
//               declares the mutex held from here to the end of the scope: the
//               way to tell the analysis about a lock taken by an unannotated
//               guard such as std::scoped_lock.
//
// Policy (why): waiters queue FIFO but a woken waiter competes with arriving
// threads (barging), as in Go's normal mode; that keeps throughput high and is
// what makes a hot global lock collapse into a convoy on few cores. Go's
// starvation mode (direct hand-off after 1 ms) is not modelled.
//
// Every call takes a Site (defaulted to the caller's line). It works with
// std::lock_guard, std::unique_lock and std::scoped_lock, but then the site is
// inside the standard header: prefer locklab::MutexLock (guards.h).
//
// Cost: uncontended lock+unlock is one CAS and one exchange, plus two clock
// reads and two events when recording is on. Waiting goes through
// ThreadRecord::park, so the runner's watchdog can cancel it (Cancelled).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "locklab/core/annotations.h"
#include "locklab/core/internal_lock.h"
#include "locklab/core/site.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class LOCKLAB_CAPABILITY("mutex") Mutex {
 public:
  explicit Mutex(std::string_view name = {});
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;
  ~Mutex() = default;

  void lock(Site site = Site::current()) LOCKLAB_ACQUIRE();
  bool try_lock(Site site = Site::current()) LOCKLAB_TRY_ACQUIRE(true);
  void unlock(Site site = Site::current()) LOCKLAB_RELEASE();
  void assert_held() const LOCKLAB_ASSERT_CAPABILITY(this);

  std::uint32_t id() const noexcept { return id_; }
  /// Lab thread id of the owner, 0 if unlocked (a moment's snapshot).
  std::uint16_t owner() const noexcept { return owner_.load(std::memory_order_relaxed); }

 private:
  /// Returns the ticks spent waiting.
  std::uint64_t lock_slow(ThreadRecord& self, std::uint64_t site) LOCKLAB_EXCLUDES(guard_);
  void unlock_slow(ThreadRecord& self, std::uint64_t holder_site) LOCKLAB_EXCLUDES(guard_);

  // 0 = unlocked, 1 = locked, 2 = locked and the queue may be non-empty.
  std::atomic<std::uint32_t> state_{0};
  std::atomic<std::uint16_t> owner_{0};
  std::uint32_t id_;
  detail::GuardMutex guard_;
  detail::WaitQueue waiters_ LOCKLAB_GUARDED_BY(guard_);  // parked lock() callers, FIFO
};

}  // namespace locklab
