#include "locklab/sync/wait_group.h"
#include "locklab/core/sched_point.h"

#include <limits>
#include <string>
#include <vector>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"

namespace locklab {

using detail::GuardLock;
using detail::WaitNode;

WaitGroup::WaitGroup(std::string_view name) : id_(register_object(ObjectKind::kWaitGroup, name)) {
  detail::attach_ledger(id_, this);
}

WaitGroup::~WaitGroup() { detail::detach_ledger(id_, this); }

void WaitGroup::note(ThreadRecord& self, int n, std::int64_t counter_before) noexcept {
  if (n > 0) {
    if (counter_before == 0) round_start_.store(now_ticks(), std::memory_order_relaxed);
    added_by_.note(self.id());
  } else if (n < 0) {
    done_by_.note(self.id());
  }
  if (counter_before + n == 0) {  // the round is over
    added_by_.clear();
    done_by_.clear();
  }
}

ObjectUsers WaitGroup::users() const {
  ObjectUsers u;
  u.wait_group = true;
  added_by_.fill(u.threads, u.many);
  done_by_.fill(u.done_by, u.done_by_many);
  u.counter = count();
  u.round_start_ticks = round_start_.load(std::memory_order_relaxed);
  return u;
}

void WaitGroup::misuse(ThreadRecord& self, std::int64_t counter, std::uint64_t site) {
  detail::panic(self, id_, site,
                (counter < 0 ? "negative WaitGroup counter in " : "WaitGroup counter overflow in ") +
                    object_name(id_));
}

namespace {
bool out_of_range(std::int64_t c) noexcept { return c < 0 || c > std::numeric_limits<std::int32_t>::max(); }
}  // namespace

void WaitGroup::add(int n, Site site) {
  detail::sched_point(SchedOp::kWaitGroupAdd, id_, site);
  change(n, site.key());
}

void WaitGroup::done(Site site) {
  detail::sched_point(SchedOp::kWaitGroupDone, id_, site);
  change(-1, site.key());
}

void WaitGroup::change(int n, std::uint64_t key) {
  ThreadRecord& self = Runtime::self();
  std::uint64_t s = state_.load(std::memory_order_relaxed);
  for (;;) {
    // With waiters queued, counter changes go through guard_ (see state_).
    if (waiters_of(s) != 0) {
      add_slow(self, n, key);
      return;
    }
    const std::int64_t c = std::int64_t{counter_of(s)} + n;
    if (out_of_range(c)) misuse(self, c, key);
    if (state_.compare_exchange_weak(s, pack(c, 0), std::memory_order_acq_rel, std::memory_order_relaxed)) {
      note(self, n, c - n);
      self.bump_progress();
      detail::emit_level(self, id_, key, static_cast<std::uint64_t>(c));
      return;
    }
  }
}

void WaitGroup::add_slow(ThreadRecord& self, int n, std::uint64_t site) {
  std::vector<ThreadRecord*> wake;
  std::int64_t c = 0;
  {
    GuardLock g(guard_);
    std::uint64_t s = state_.load(std::memory_order_relaxed);
    for (;;) {
      c = std::int64_t{counter_of(s)} + n;
      if (out_of_range(c)) {
        g.unlock();
        misuse(self, c, site);
      }
      // Reaching zero releases every queued waiter: the waiter count goes to
      // zero with the counter, in one step.
      const std::uint64_t next = c == 0 ? pack(0, 0) : pack(c, waiters_of(s));
      if (state_.compare_exchange_weak(s, next, std::memory_order_acq_rel, std::memory_order_relaxed)) break;
    }
    note(self, n, c - n);
    if (c == 0) {
      wake.reserve(queue_.size());
      while (WaitNode* w = queue_.pop_front()) {
        w->granted = true;
        wake.push_back(w->thread);
      }
    }
  }
  self.bump_progress();
  detail::emit_level(self, id_, site, static_cast<std::uint64_t>(c));
  for (ThreadRecord* t : wake) t->unpark();
}

void WaitGroup::wait(Site site) {
  detail::sched_point(SchedOp::kWaitGroupWait, id_, site);
  if (counter_of(state_.load(std::memory_order_acquire)) == 0) return;
  ThreadRecord& self = Runtime::self();
  WaitNode node;
  node.thread = &self;
  node.site = site.key();
  node.since = now_ticks();
  {
    GuardLock g(guard_);
    std::uint64_t s = state_.load(std::memory_order_acquire);
    do {
      if (counter_of(s) == 0) return;
    } while (!state_.compare_exchange_weak(s, s + 1, std::memory_order_acq_rel, std::memory_order_acquire));
    queue_.push_back(&node);
    self.begin_wait(WaitSpec{WaitKind::kWaitGroup, id_, LockMode::kNone, node.site});
  }
  for (;;) {
    const WakeReason r = self.park();
    GuardLock g(guard_);
    if (node.granted) break;
    if (r == WakeReason::kCancelled) {
      // Leave the queue and the waiter count. While we are counted, add()
      // cannot change state_ without guard_, so a plain decrement is exact.
      queue_.remove(&node);
      state_.fetch_sub(1, std::memory_order_relaxed);
      g.unlock();
      detail::leave_cancelled(self, WaitKind::kWaitGroup, id_);
    }
  }
  detail::end_sync_wait(self, id_, node.site, node.since);
}

}  // namespace locklab
