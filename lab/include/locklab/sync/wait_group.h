// WaitGroup: Go's sync.WaitGroup, instrumented. Waits for a number of
// things (usually threads) to finish.
//
//   add(n)   adds n (may be negative) to the counter. Never blocks. When the
//            counter reaches zero, every thread blocked in wait() is released.
//   done()   add(-1).
//   wait()   blocks until the counter is zero; returns at once if it is zero
//            already. Cancellable: when the runner cancels the run it throws
//            Cancelled (let it unwind).
//
// Misuse, a Go panic (detail::panic: a kPanic verdict ends the run; outside a
// run it is fatal, "locklab: panic: negative WaitGroup counter in <name>"):
//   - the counter going below zero (more done() than add());
//   - the counter overflowing 2^31-1 (Go's counter is an int32).
//
// Reuse: once the counter is back at zero the group can start a new round
// with add(). Go's ordering rule still holds: the add() that starts a round
// must happen before the wait() meant to wait for it (a wait() on a zero
// counter returns at once). Go also panics when a new round starts while
// the previous round's waiters are still waking up ("WaitGroup is reused
// before previous Wait has returned"); locklab needs no such rule, because a
// wake-up releases exactly the threads that were queued when the counter
// reached zero, and a wait() begun in the new round waits for the new round.
//
// Who owes a done(): each round (from the counter leaving zero until it is
// back) remembers the threads that called add() and those that called
// done(). A thread dump and the wait-for graph read it through the object
// registry (use_ledger.h): a wait() waits for the live threads that an adder
// started during the round, or that added, and have not called done() yet.
//
// Recording: add()/done() emit EventKind::kLevel (arg: the counter after).
// A blocked wait() is WaitKind::kWaitGroup on this object (kWaitBegin /
// kWaitEnd events) and is counted at wait()'s site in the contention profile.
//
// Cost: add()/done() with nobody waiting is one compare-and-swap, plus a
// clock read and an event when recording is on. wait() on a zero counter is
// one load.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "locklab/core/internal_lock.h"
#include "locklab/core/site.h"
#include "locklab/core/use_ledger.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class WaitGroup final : private LedgerView {
 public:
  explicit WaitGroup(std::string_view name = {});
  ~WaitGroup();
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  void add(int n, Site site = Site::current());
  /// add(-1), shown as "done" in schedules.
  void done(Site site = Site::current());
  void wait(Site site = Site::current());

  std::uint32_t id() const noexcept { return id_; }
  /// The counter (a moment's snapshot).
  std::int32_t count() const noexcept { return counter_of(state_.load(std::memory_order_acquire)); }
  /// Threads blocked in wait() (a moment's snapshot).
  std::uint32_t waiters() const noexcept { return waiters_of(state_.load(std::memory_order_acquire)); }

 private:
  static std::int32_t counter_of(std::uint64_t s) noexcept { return static_cast<std::int32_t>(s >> 32); }
  static std::uint32_t waiters_of(std::uint64_t s) noexcept { return static_cast<std::uint32_t>(s); }
  static std::uint64_t pack(std::int64_t counter, std::uint32_t waiters) noexcept {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(counter)) << 32) | waiters;
  }
  void change(int n, std::uint64_t site);
  void add_slow(ThreadRecord& self, int n, std::uint64_t site);
  /// Who added and who called done() this round (for the wait-for graph:
  /// the threads that still owe a done()).
  void note(ThreadRecord& self, int n, std::int64_t counter_before) noexcept;
  ObjectUsers users() const override;
  [[noreturn]] void misuse(ThreadRecord& self, std::int64_t counter, std::uint64_t site);

  const std::uint32_t id_;
  // The counter (high 32 bits, signed) and the number of queued waiters (low
  // 32 bits), as in Go. Invariant: the waiter count changes only under
  // guard_, and equals queue_.size(); while it is non-zero every change of
  // the counter is made under guard_ too (add's lock-free path requires the
  // waiter count to be zero).
  std::atomic<std::uint64_t> state_{0};
  detail::GuardMutex guard_;
  detail::WaitQueue queue_ LOCKLAB_GUARDED_BY(guard_);  // threads parked in wait(), FIFO
  // The round's ledger (lock-free, a judgement: see use_ledger.h). Cleared
  // when the counter returns to zero.
  UseLedger added_by_;
  UseLedger done_by_;
  std::atomic<std::uint64_t> round_start_{0};
};

}  // namespace locklab
