// WaitQueue: the FIFO of threads parked on one primitive. Internal to the
// primitives; the queue itself does no locking: its owner guards it.
#pragma once

#include <cstdint>
#include <string>

#include "locklab/core/thread_record.h"

namespace locklab::detail {

/// One parked thread, living on that thread's stack while it waits.
struct WaitNode {
  ThreadRecord* thread = nullptr;
  LockMode mode = LockMode::kNone;
  std::uint64_t site = 0;
  std::uint64_t since = 0;          // ticks when the wait began
  std::uint64_t charged_until = 0;  // ticks up to which the wait was charged to a holder
  bool granted = false;             // set by the waker, under the owner's guard
  WaitNode* prev = nullptr;
  WaitNode* next = nullptr;
};

class WaitQueue {
 public:
  bool empty() const noexcept { return head_ == nullptr; }
  WaitNode* front() const noexcept { return head_; }
  void push_back(WaitNode* n) noexcept;
  void push_front(WaitNode* n) noexcept;
  WaitNode* pop_front() noexcept;
  /// Removes `n` if it is queued (a cancelled waiter leaving).
  void remove(WaitNode* n) noexcept;
  bool contains(const WaitNode* n) const noexcept;
  std::uint32_t size() const noexcept { return size_; }
  template <class F>
  void for_each(F&& f) const {
    for (WaitNode* n = head_; n; n = n->next) f(*n);
  }

 private:
  WaitNode* head_ = nullptr;
  WaitNode* tail_ = nullptr;
  std::uint32_t size_ = 0;
};

/// Charges the part of `n`'s wait not yet charged to the holder site `holder`
/// on the calling (releasing) thread: Go's mutex profile, which blames the
/// critical section that made others wait.
void charge_holder(ThreadRecord& releaser, WaitNode& n, std::uint32_t object,
                   std::uint64_t holder_site, LockMode holder_mode, std::uint64_t now);

/// charge_holder for every node of `q`: on a contended release, everyone
/// still queued waited through this hold too, not only the one woken.
void charge_queue(ThreadRecord& releaser, WaitQueue& q, std::uint32_t object, std::uint64_t holder_site,
                  LockMode holder_mode, std::uint64_t now);

/// Leaves a cancelled wait: clears it, records kCancelled, throws Cancelled.
[[noreturn]] void leave_cancelled(ThreadRecord& self, WaitKind kind, std::uint32_t object);

/// Raises a self-deadlock failure for `self` (it wants `object`, which it
/// holds since `held_site`), then blocks as Go would until the run cancels
/// it. Outside a run the failure is fatal.
[[noreturn]] void self_deadlock(ThreadRecord& self, std::uint32_t object, LockMode wanted,
                                std::uint64_t site, std::uint64_t held_site, LockMode held_mode);

/// A Go panic: misuse that Go reports by panicking (send on a closed
/// channel, a negative WaitGroup counter). Raises a Failure of kind kPanic
/// with `message` (the run ends with a kPanic verdict and a report; outside a
/// run it is fatal), then unwinds the calling thread with Cancelled.
[[noreturn]] void panic(ThreadRecord& self, std::uint32_t object, std::uint64_t site, std::string message);

/// "T3 (saver-2)"
std::string thread_label(const ThreadRecord& t);

}  // namespace locklab::detail
