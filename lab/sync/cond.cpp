#include "locklab/sync/cond.h"
#include "locklab/core/sched_point.h"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "core/thread_random.h"

namespace locklab {

using detail::GuardLock;
using detail::WaitNode;

namespace {
constexpr std::uint32_t kMaxSpuriousParkNs = 100'000;  // a spurious wake-up comes within 100 µs
}  // namespace

Cond::Cond(Mutex& mu, std::string_view name) : mu_(mu), id_(register_object(ObjectKind::kCond, name)) {
  ledger_.set_related(mu_.id());
  detail::attach_ledger(id_, &ledger_);
}

Cond::~Cond() {
  detail::detach_ledger(id_, &ledger_);
  GuardLock g(guard_);
  if (!waiters_.empty())
    fatal("Cond " + object_name(id_) + " destroyed while " + std::to_string(waiters_.size()) +
          " thread(s) wait on it");
}

std::uint32_t Cond::waiters() const {
  GuardLock g(guard_);
  return waiters_.size();
}

// The analysis cannot tie the caller's mutex to the reference member mu_, so
// wait() checks the hold at run time instead (the held list) and is exempt.
void Cond::wait(Site site) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
  detail::sched_point(SchedOp::kCondWait, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  const std::uint64_t key = site.key();
  if (!self.find_held(mu_.id(), LockMode::kExclusive) && mu_.owner() != self.id()) [[unlikely]]
    detail::panic(self, id_, key,
                  "Cond.wait on " + object_name(id_) + " without holding " + object_name(mu_.id()));

  // Decide now whether this wait may end spuriously (never twice in a row).
  detail::ThreadRandom rng = detail::ThreadRandom::of(self);
  std::uint64_t deadline_ns = 0;
  const double p = Runtime::get().spurious_wakeups();
  if (p > 0 && !rng.spurious_streak) {
    // Under a controlled strategy that draws choices, whether this wait may
    // end spuriously is its decision (and the park is the shortest one).
    const int drawn = detail::sched_choose(ChoiceKind::kSpuriousWakeup, 2, id_, site);
    if (drawn == 1) deadline_ns = 1;
    else if (drawn < 0 && rng.unit() < p) deadline_ns = 1 + rng.below(kMaxSpuriousParkNs);
  }

  WaitNode node;
  node.thread = &self;
  node.site = key;
  node.since = now_ticks();
  {
    GuardLock g(guard_);
    waiters_.push_back(&node);  // queued before the unlock: a signal after it finds us
  }
  mu_.unlock(site);
  self.begin_wait(WaitSpec{WaitKind::kCond, id_, LockMode::kNone, key});
  const std::uint64_t deadline = deadline_ns ? now_ticks() + TickClock::get().ticks_for_ns(deadline_ns) : 0;
  bool spurious = false;
  for (;;) {
    const WakeReason r = self.park(deadline);
    GuardLock g(guard_);
    if (node.granted) break;
    if (r == WakeReason::kTimeout) {
      waiters_.remove(&node);
      spurious = true;
      break;
    }
    if (r == WakeReason::kCancelled) {
      waiters_.remove(&node);
      g.unlock();
      relock_after_cancel(site);
      detail::leave_cancelled(self, WaitKind::kCond, id_);
    }
  }
  const std::uint64_t now = now_ticks();
  self.end_wait();
  self.count_wait(ProfileKey{key, id_, LockMode::kNone}, now > node.since ? now - node.since : 0);
  if (Runtime::recording()) self.emit(EventKind::kCondWake, id_, LockMode::kNone, key, spurious ? 1 : 0, now);
  if (!spurious) self.bump_progress();  // nothing happened on a spurious wake-up
  rng.spurious_streak = spurious;
  try {
    mu_.lock(site);
  } catch (const Cancelled&) {
    relock_after_cancel(site);
    throw;
  }
}

// Cancelled while the mutex was released: the caller's guard will unlock it
// while unwinding, so take it back first. Its holder is unwinding too (every
// lab wait now ends at once) and will release it; the parker cannot help any
// more (it returns at once after cancellation), so poll, gently. Only ever
// reached while a run is being torn down.
void Cond::wait(Mutex& held, Site site) {
  if (&held != &mu_) [[unlikely]] {
    ThreadRecord& self = Runtime::self();
    detail::panic(self, id_, site.key(),
                  "Cond.wait on " + object_name(id_) + " with " + object_name(held.id()) + ", not its own mutex " +
                      object_name(mu_.id()));
  }
  wait(site);
}

void Cond::relock_after_cancel(Site site) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
  while (!mu_.try_lock(site)) detail::pause_while_unwinding();
}

void Cond::signal(Site site) {
  detail::sched_point(SchedOp::kCondSignal, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  ThreadRecord* wake = nullptr;
  {
    GuardLock g(guard_);
    if (WaitNode* n = waiters_.pop_front()) {
      n->granted = true;
      wake = n->thread;
    }
  }
  if (Runtime::recording())
    self.emit(EventKind::kCondSignal, id_, LockMode::kNone, site.key(), wake ? 1 : 0, now_ticks());
  if (wake) wake->unpark();
}

void Cond::broadcast(Site site) {
  detail::sched_point(SchedOp::kCondBroadcast, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  std::vector<ThreadRecord*> wake;
  {
    GuardLock g(guard_);
    while (WaitNode* n = waiters_.pop_front()) {
      n->granted = true;
      wake.push_back(n->thread);
    }
  }
  if (Runtime::recording())
    self.emit(EventKind::kCondBroadcast, id_, LockMode::kNone, site.key(), wake.size(), now_ticks());
  for (ThreadRecord* t : wake) t->unpark();
}

}  // namespace locklab
