#include "locklab/sync/mutex.h"
#include "locklab/core/sched_point.h"

#include <string>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/user_site.h"

namespace locklab {

using detail::WaitNode;

Mutex::Mutex(std::string_view name) : id_(register_object(ObjectKind::kMutex, name)) {}

void Mutex::lock(Site site) {
  detail::sched_point_cancellable(SchedOp::kLock, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = detail::charged_key(site, __builtin_return_address(0));
  if (owner_.load(std::memory_order_relaxed) == self.id()) [[unlikely]] {
    const auto held = self.find_held(id_);
    detail::self_deadlock(self, id_, LockMode::kExclusive, key, held ? held->site : 0, LockMode::kExclusive);
  }
  std::uint32_t expected = 0;
  std::uint64_t waited = 0;
  if (!state_.compare_exchange_strong(expected, 1, std::memory_order_acquire, std::memory_order_relaxed))
      [[unlikely]] {
    waited = lock_slow(self, key);
  }
  owner_.store(self.id(), std::memory_order_relaxed);
  self.bump_progress();
  detail::record_lock_acquired(self, id_, LockMode::kExclusive, key, waited);
}

bool Mutex::try_lock(Site site) {
  detail::sched_point_cancellable(SchedOp::kTryLock, id_, site);
  ThreadRecord& self = Runtime::self();
  std::uint32_t expected = 0;
  if (!state_.compare_exchange_strong(expected, 1, std::memory_order_acquire, std::memory_order_relaxed)) {
    detail::record_lock_try_failed(self, id_, LockMode::kExclusive, detail::charged_key(site, __builtin_return_address(0), true));
    return false;
  }
  owner_.store(self.id(), std::memory_order_relaxed);
  self.bump_progress();
  detail::record_lock_acquired(self, id_, LockMode::kExclusive, detail::charged_key(site, __builtin_return_address(0), true), 0, /*blocking=*/false);
  return true;
}

std::uint64_t Mutex::lock_slow(ThreadRecord& self, std::uint64_t site) {
  // Spin briefly first (as Go does on a multicore machine): a holder running
  // on another core often releases within a few hundred nanoseconds.
  // Not in a controlled run: the holder cannot run while we spin.
  for (int i = 0; i < (detail::controlled() ? 0 : 4); ++i) {
    for (int j = 0; j < 30; ++j) detail::spin_pause();
    std::uint32_t s = 0;
    if (state_.load(std::memory_order_relaxed) == 0 &&
        state_.compare_exchange_strong(s, 1, std::memory_order_acquire, std::memory_order_relaxed))
      return 0;
  }

  WaitNode node;
  node.thread = &self;
  node.mode = LockMode::kExclusive;
  node.site = site;
  node.since = now_ticks();
  bool waiting = false;
  guard_.lock();
  for (;;) {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    if (s == 0) {
      // Free: take it, keeping the "waiters" mark if others still queue.
      const std::uint32_t desired = waiters_.empty() ? 1 : 2;
      if (!state_.compare_exchange_strong(s, desired, std::memory_order_acquire, std::memory_order_relaxed))
        continue;
      guard_.unlock();
      const std::uint64_t waited = now_ticks() - node.since;
      if (waiting) {
        self.end_wait();
        self.count_wait(ProfileKey{site, id_, LockMode::kExclusive}, waited);
      }
      return waited;
    }
    if (s == 1 &&
        !state_.compare_exchange_strong(s, 2, std::memory_order_relaxed, std::memory_order_relaxed))
      continue;  // it changed under us; look again
    // Queue: FIFO on the first try, at the front after losing a race.
    if (!waiting) {
      self.begin_wait(WaitSpec{WaitKind::kLock, id_, LockMode::kExclusive, site});
      waiting = true;
      waiters_.push_back(&node);
    } else {
      waiters_.push_front(&node);
    }
    node.granted = false;
    guard_.unlock();
    for (;;) {
      const WakeReason r = self.park();
      guard_.lock();
      if (node.granted) break;  // the releaser took us off the queue: retry (guard_ held)
      if (r == WakeReason::kCancelled) {
        waiters_.remove(&node);
        guard_.unlock();
        detail::leave_cancelled(self, WaitKind::kLock, id_);
      }
      guard_.unlock();
    }
  }
}

void Mutex::unlock(Site site) {
  detail::sched_point(SchedOp::kUnlock, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint16_t owner = owner_.load(std::memory_order_relaxed);
  if (owner != self.id()) [[unlikely]] {
    if (owner == 0 || state_.load(std::memory_order_relaxed) == 0)
      fatal("unlock of unlocked mutex " + object_name(id_));
    fatal("unlock of mutex " + object_name(id_) + " held by another thread (T" + std::to_string(owner) +
          ") from " + detail::thread_label(self));
  }
  const auto held = self.pop_held(id_, LockMode::kExclusive);
  owner_.store(0, std::memory_order_relaxed);
  const std::uint32_t prev = state_.exchange(0, std::memory_order_release);
  if (prev == 2) [[unlikely]] unlock_slow(self, held ? held->site : 0);
  detail::record_lock_released(self, id_, LockMode::kExclusive, detail::charged_key(site, __builtin_return_address(0)));
}

void Mutex::assert_held() const {
  const ThreadRecord& self = Runtime::self();
  if (owner_.load(std::memory_order_relaxed) != self.id()) [[unlikely]]
    fatal("assert_held: mutex " + object_name(id_) + " is not held by " + detail::thread_label(self));
}

void Mutex::unlock_slow(ThreadRecord& self, std::uint64_t holder_site) {
  ThreadRecord* wake = nullptr;
  {
    detail::GuardLock g(guard_);
    // Blame this hold for every queued waiter's time since the last charge,
    // then wake the first.
    detail::charge_queue(self, waiters_, id_, holder_site, LockMode::kExclusive, now_ticks());
    WaitNode* n = waiters_.pop_front();
    if (!n) return;
    n->granted = true;
    wake = n->thread;
  }
  wake->unpark();
}

}  // namespace locklab
