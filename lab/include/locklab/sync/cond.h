// Cond: Go's sync.Cond over a lab Mutex, instrumented. A place for threads to
// wait until some condition on state guarded by the mutex becomes true.
//
//   Mutex mu("Queue.mu");
//   Cond  nonempty(mu, "Queue.nonempty");
//   ...
//   MutexLock l(mu);
//   while (items.empty()) nonempty.wait();   // `while`, never `if`: see below
//
//   wait()       the caller must hold the mutex (misuse otherwise: a Go panic,
//                "Cond.wait on <cond> without holding <mutex>"). Atomically
//                queues the caller and unlocks the mutex, parks until woken,
//                then locks the mutex again before returning. Returns with
//                the mutex held on every path, cancellation included: when
//                the runner cancels the run, wait() re-takes the mutex (its
//                holder is unwinding too) and then throws Cancelled, so the
//                caller's guard releases it as usual.
//   wait(mu)     the same, annotated for clang's thread-safety analysis
//                (LOCKLAB_REQUIRES(mu)); mu must be the Cond's mutex.
//   signal()     wakes the thread that has waited longest, if any.
//   broadcast()  wakes every waiting thread.
//   Neither needs the mutex held (Go allows both ways), and neither blocks.
//
// Wake-ups may be spurious: a wait can return although nobody signalled,
// which Go's documentation and POSIX both allow. The lab injects them on
// demand (RunConfig::spurious_wakeups, a probability per wait, drawn from
// the run's seed) to show why the condition must be re-checked in a loop.
// A spurious wake-up returns after a short park (up to 100 µs). A thread
// never gets two spurious wake-ups in a row, so a thread waiting for a
// condition that never comes still ends up parked for good, and the runner
// can call the deadlock instead of watching it spin.
//
// Policy (why): waiters are woken in FIFO order (Go's notifyList hands out
// tickets in order); a woken waiter then competes for the mutex like any
// other thread, so the condition may be false again by the time it gets it:
// the other reason for `while`.
//
// Recording: the mutex's release, then kCondWait (from begin_wait), then
// kCondWake when the wait ends (arg: 1 for a spurious wake-up, 0 for a
// signal), then the mutex's re-lock;
// kCondSignal / kCondBroadcast on the signalling thread (arg: threads
// woken). A wait is WaitKind::kCond on this object, cancellable, and counted
// at wait()'s site in the contention profile (the time until the wake-up;
// re-locking the mutex is counted as a lock wait).
#pragma once

#include <cstdint>
#include <string_view>

#include "locklab/core/internal_lock.h"
#include "locklab/sync/mutex.h"
#include "locklab/core/site.h"
#include "locklab/core/use_ledger.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class Cond {
 public:
  /// `mu` must outlive the Cond.
  explicit Cond(Mutex& mu, std::string_view name = {});
  Cond(const Cond&) = delete;
  Cond& operator=(const Cond&) = delete;
  /// Aborts if threads still wait on it.
  ~Cond();

  void wait(Site site = Site::current());
  /// The same wait, for code checked by clang's -Wthread-safety: it states
  /// that the caller holds `held`, which must be this Cond's mutex (another
  /// mutex is misuse, a Go-style panic "Cond.wait on <cond> with <mutex>,
  /// not its own mutex"). The plain wait() cannot say it: the analysis does
  /// not know that the mutex a caller holds is the one mutex() refers to.
  void wait(Mutex& held, Site site = Site::current()) LOCKLAB_REQUIRES(held);
  void signal(Site site = Site::current());
  void broadcast(Site site = Site::current());

  Mutex& mutex() const noexcept { return mu_; }
  std::uint32_t id() const noexcept { return id_; }
  /// Threads parked in wait() (a moment's snapshot).
  std::uint32_t waiters() const;

 private:
  // After cancellation: takes mu_ back (see cond.cpp) so the caller's guard
  // can release it while unwinding.
  void relock_after_cancel(Site site);

  Mutex& mu_;
  const std::uint32_t id_;
  mutable detail::GuardMutex guard_;
  detail::WaitQueue waiters_ LOCKLAB_GUARDED_BY(guard_);  // threads parked in wait(), FIFO
  UseLedger ledger_;  // every thread that waited, signalled or broadcast (lock-free)
};

}  // namespace locklab
