#include "locklab/sync/rwmutex.h"
#include "locklab/core/sched_point.h"

#include <string>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/user_site.h"

namespace locklab {

using detail::WaitNode;

RWMutex::RWMutex(std::string_view name) : id_(register_object(ObjectKind::kRWMutex, name)) {}

void RWMutex::acquired(ThreadRecord& self, LockMode mode, std::uint64_t site, std::uint64_t waited, bool blocking) {
  self.bump_progress();
  detail::record_lock_acquired(self, id_, mode, site, waited, blocking);
}

ThreadRecord* RWMutex::grant(WaitNode& node, ThreadRecord& releaser, std::uint32_t object,
                             std::uint64_t holder_site, LockMode holder_mode, std::uint64_t now) {
  detail::charge_holder(releaser, node, object, holder_site, holder_mode, now);
  node.granted = true;
  return node.thread;
}

void RWMutex::wait_granted(ThreadRecord& self, WaitNode& node) {
  self.begin_wait(WaitSpec{WaitKind::kLock, id_, node.mode, node.site});
  guard_.unlock();
  for (;;) {
    const WakeReason r = self.park();
    guard_.lock();
    if (node.granted) break;
    if (r == WakeReason::kCancelled) {
      // Leave whichever queue holds us; a cancelled pending writer gives the
      // writer slot back so queued readers are not stranded.
      read_waiters_.remove(&node);
      write_waiters_.remove(&node);
      if (pending_writer_ == &node) {
        pending_writer_ = nullptr;
        announced_ = 0;
      }
      guard_.unlock();
      detail::leave_cancelled(self, WaitKind::kLock, id_);
    }
    guard_.unlock();
  }
  guard_.unlock();
  const std::uint64_t waited = now_ticks() - node.since;
  self.end_wait();
  self.count_wait(ProfileKey{node.site, id_, node.mode}, waited);
  acquired(self, node.mode, node.site, waited);
}

// ---- shared (read) side ----------------------------------------------------

void RWMutex::lock_shared(Site site) {
  detail::sched_point_cancellable(SchedOp::kRLock, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = detail::charged_key(site, __builtin_return_address(0));
  guard_.lock();
  if (writer_ == self.id() || (announced_ == self.id() && pending_writer_)) [[unlikely]] {
    guard_.unlock();
    const auto held = self.find_held(id_, LockMode::kExclusive);
    detail::self_deadlock(self, id_, LockMode::kShared, key, held ? held->site : 0, LockMode::kExclusive);
  }
  if (announced_ == 0) {  // no writer holds or waits: come in
    ++readers_;
    guard_.unlock();
    acquired(self, LockMode::kShared, key, 0);
    return;
  }
  // A writer holds the lock or has announced itself: queue behind it (Go's
  // rule, even if this thread already holds a read lock).
  WaitNode node;
  node.thread = &self;
  node.mode = LockMode::kShared;
  node.site = key;
  node.since = now_ticks();
  read_waiters_.push_back(&node);
  wait_granted(self, node);
}

bool RWMutex::try_lock_shared(Site site) {
  detail::sched_point_cancellable(SchedOp::kTryRLock, id_, site);
  ThreadRecord& self = Runtime::self();
  {
    detail::GuardLock g(guard_);
    if (announced_ != 0) {
      detail::record_lock_try_failed(self, id_, LockMode::kShared, detail::charged_key(site, __builtin_return_address(0), true));
      return false;
    }
    ++readers_;
  }
  acquired(self, LockMode::kShared, detail::charged_key(site, __builtin_return_address(0), true), 0, /*blocking=*/false);
  return true;
}

void RWMutex::unlock_shared(Site site) {
  detail::sched_point(SchedOp::kRUnlock, id_, site);
  ThreadRecord& self = Runtime::self();
  const auto held = self.pop_held(id_, LockMode::kShared);
  if (!held) fatal("read-unlock of RWMutex " + object_name(id_) + " not read-locked by " + detail::thread_label(self));
  ThreadRecord* wake = nullptr;
  {
    detail::GuardLock g(guard_);
    if (readers_ == 0) fatal("read-unlock of RWMutex " + object_name(id_) + " with no readers");
    --readers_;
    if (pending_writer_) {
      // The announced writer, and the readers queued behind it, waited
      // through this read hold (shared with any other readers: an
      // approximation, charged to whoever releases).
      const std::uint64_t now = now_ticks();
      detail::charge_holder(self, *pending_writer_, id_, held->site, LockMode::kShared, now);
      detail::charge_queue(self, read_waiters_, id_, held->site, LockMode::kShared, now);
    }
    if (readers_ == 0 && pending_writer_) {
      // The last reader the announced writer was waiting for: hand it over.
      WaitNode* w = pending_writer_;
      pending_writer_ = nullptr;
      writer_ = w->thread->id();
      wake = grant(*w, self, id_, held->site, LockMode::kShared, now_ticks());
    }
  }
  detail::record_lock_released(self, id_, LockMode::kShared, detail::charged_key(site, __builtin_return_address(0)));
  if (wake) wake->unpark();
}

// ---- exclusive (write) side --------------------------------------------------

void RWMutex::lock(Site site) {
  detail::sched_point_cancellable(SchedOp::kLock, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = detail::charged_key(site, __builtin_return_address(0));
  guard_.lock();
  if (writer_ == self.id() || announced_ == self.id()) [[unlikely]] {
    guard_.unlock();
    const auto held = self.find_held(id_, LockMode::kExclusive);
    detail::self_deadlock(self, id_, LockMode::kExclusive, key, held ? held->site : 0, LockMode::kExclusive);
  }
  if (const auto held = self.find_held(id_, LockMode::kShared)) [[unlikely]] {
    guard_.unlock();
    detail::self_deadlock(self, id_, LockMode::kExclusive, key, held->site, LockMode::kShared);
  }
  if (announced_ == 0 && readers_ == 0) {
    announced_ = writer_ = self.id();
    guard_.unlock();
    acquired(self, LockMode::kExclusive, key, 0);
    return;
  }
  WaitNode node;
  node.thread = &self;
  node.mode = LockMode::kExclusive;
  node.site = key;
  node.since = now_ticks();
  if (announced_ == 0) {
    // Take the writer slot and announce: from now on new readers queue.
    announced_ = self.id();
    pending_writer_ = &node;
  } else {
    write_waiters_.push_back(&node);  // behind the writer that holds the slot
  }
  wait_granted(self, node);
}

bool RWMutex::try_lock(Site site) {
  detail::sched_point_cancellable(SchedOp::kTryLock, id_, site);
  ThreadRecord& self = Runtime::self();
  {
    detail::GuardLock g(guard_);
    if (announced_ != 0 || readers_ != 0) {
      detail::record_lock_try_failed(self, id_, LockMode::kExclusive, detail::charged_key(site, __builtin_return_address(0), true));
      return false;
    }
    announced_ = writer_ = self.id();
  }
  acquired(self, LockMode::kExclusive, detail::charged_key(site, __builtin_return_address(0), true), 0, /*blocking=*/false);
  return true;
}

void RWMutex::unlock(Site site) {
  detail::sched_point(SchedOp::kUnlock, id_, site);
  ThreadRecord& self = Runtime::self();
  std::vector<ThreadRecord*> wake;
  std::uint64_t holder_site = 0;
  {
    detail::GuardLock g(guard_);
    if (writer_ != self.id()) {
      if (writer_ == 0) fatal("unlock of unlocked RWMutex " + object_name(id_));
      fatal("unlock of RWMutex " + object_name(id_) + " held by another thread (T" + std::to_string(writer_) +
            ") from " + detail::thread_label(self));
    }
    const auto held = self.pop_held(id_, LockMode::kExclusive);
    holder_site = held ? held->site : 0;
    const std::uint64_t now = now_ticks();
    writer_ = 0;
    // Everyone queued waited through this write hold.
    detail::charge_queue(self, read_waiters_, id_, holder_site, LockMode::kExclusive, now);
    detail::charge_queue(self, write_waiters_, id_, holder_site, LockMode::kExclusive, now);
    // Release every blocked reader together, before the next writer.
    while (WaitNode* r = read_waiters_.pop_front()) {
      ++readers_;
      wake.push_back(grant(*r, self, id_, holder_site, LockMode::kExclusive, now));
    }
    // Pass the writer slot to the next queued writer (it then waits for the
    // readers just released), or free it.
    if (WaitNode* w = write_waiters_.pop_front()) {
      announced_ = w->thread->id();
      if (readers_ == 0) {
        writer_ = announced_;
        wake.push_back(grant(*w, self, id_, holder_site, LockMode::kExclusive, now));
      } else {
        pending_writer_ = w;
      }
    } else {
      announced_ = 0;
    }
  }
  detail::record_lock_released(self, id_, LockMode::kExclusive, detail::charged_key(site, __builtin_return_address(0)));
  for (ThreadRecord* t : wake) t->unpark();
}

RWMutex::View RWMutex::view() const {
  detail::GuardLock g(guard_);
  View v;
  v.writer = writer_;
  v.announced_writer = announced_;
  v.readers = readers_;
  v.waiting_readers = read_waiters_.size();
  v.waiting_writers = write_waiters_.size();
  return v;
}

}  // namespace locklab
