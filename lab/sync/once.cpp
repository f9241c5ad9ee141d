#include "locklab/sync/once.h"
#include "locklab/core/sched_point.h"

#include <exception>
#include <vector>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"

namespace locklab {

using detail::GuardLock;
using detail::WaitNode;

Once::Once(std::string_view name) : id_(register_object(ObjectKind::kOnce, name)) {}

void Once::call_slow(void (*invoke)(void*), void* fn, Site site) {
  detail::sched_point(SchedOp::kOnce, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  {
    GuardLock g(guard_);
    if (done_.load(std::memory_order_relaxed)) return;  // guard_ orders it after fn's writes
    if (running_) {
      if (runner_ == self.id()) {
        const std::uint64_t held_site = run_site_;
        g.unlock();
        detail::self_deadlock(self, id_, LockMode::kExclusive, key, held_site, LockMode::kExclusive);
      }
      WaitNode node;
      node.thread = &self;
      node.site = key;
      node.since = now_ticks();
      waiters_.push_back(&node);
      self.begin_wait(WaitSpec{WaitKind::kOnce, id_, LockMode::kNone, key});
      g.unlock();
      wait_done(self, node);
      return;
    }
    running_ = true;
    runner_ = self.id();
    run_site_ = key;
  }

  // This thread runs fn, holding the Once (as Go's doSlow holds its mutex).
  self.push_held(id_, LockMode::kExclusive, key, Runtime::recording() ? now_ticks() : 0);
  std::exception_ptr error;
  try {
    invoke(fn);
  } catch (...) {
    error = std::current_exception();  // Go: a panicking f still counts as done
  }
  self.pop_held(id_, LockMode::kExclusive);

  std::vector<ThreadRecord*> wake;
  {
    GuardLock g(guard_);
    done_.store(true, std::memory_order_release);
    running_ = false;
    runner_ = 0;
    const std::uint64_t now = now_ticks();
    wake.reserve(waiters_.size());
    while (WaitNode* w = waiters_.pop_front()) {
      detail::charge_holder(self, *w, id_, key, LockMode::kNone, now);
      w->granted = true;
      wake.push_back(w->thread);
    }
  }
  self.bump_progress();
  detail::emit_level(self, id_, key, 1);
  for (ThreadRecord* t : wake) t->unpark();
  if (error) std::rethrow_exception(error);
}

void Once::wait_done(ThreadRecord& self, WaitNode& node) {
  for (;;) {
    const WakeReason r = self.park();
    GuardLock g(guard_);
    if (node.granted) break;
    if (r == WakeReason::kCancelled) {
      waiters_.remove(&node);
      g.unlock();
      detail::leave_cancelled(self, WaitKind::kOnce, id_);
    }
  }
  detail::end_sync_wait(self, id_, node.site, node.since);
}

}  // namespace locklab
