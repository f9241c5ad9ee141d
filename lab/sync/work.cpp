#include "locklab/sync/work.h"
#include "locklab/core/sched_point.h"

#include "locklab/core/clock.h"
#include "locklab/core/internal_lock.h"
#include "locklab/core/runtime.h"
#include "locklab/core/wait_queue.h"

namespace locklab {
namespace {

// Sleeps until the deadline through the thread's parker, so cancellation
// cuts it short.
void timed_block(ThreadState state, EventKind begin, EventKind end, std::chrono::nanoseconds d, Site site) {
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  const std::uint64_t t0 = now_ticks();
  const auto ns = static_cast<std::uint64_t>(d.count() > 0 ? d.count() : 0);
  if (Runtime::recording()) self.emit(begin, 0, LockMode::kNone, key, ns, t0);
  self.set_state(state);
  const std::uint64_t deadline = t0 + TickClock::get().ticks_for_ns(ns) + 1;
  for (;;) {
    const WakeReason r = self.park(deadline);
    if (r == WakeReason::kTimeout) break;
    if (r == WakeReason::kCancelled) {
      self.set_state(ThreadState::kRunning);
      if (Runtime::recording()) self.emit(end, 0, LockMode::kNone, key, ns, now_ticks());
      detail::leave_cancelled(self, WaitKind::kSleep, 0);
    }
  }
  self.set_state(ThreadState::kRunning);
  self.bump_progress();
  if (Runtime::recording()) self.emit(end, 0, LockMode::kNone, key, ns, now_ticks());
}

}  // namespace

void io(std::chrono::nanoseconds d, Site site) {
  detail::sched_point(SchedOp::kIo, 0, site);
  timed_block(ThreadState::kIo, EventKind::kIoBegin, EventKind::kIoEnd, d, site);
}

void sleep_for(std::chrono::nanoseconds d, Site site) {
  detail::sched_point(SchedOp::kSleep, 0, site);
  timed_block(ThreadState::kSleeping, EventKind::kSleepBegin, EventKind::kSleepEnd, d, site);
}

void compute(std::chrono::nanoseconds d, Site site) {
  detail::sched_point(SchedOp::kCompute, 0, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  const std::uint64_t t0 = now_ticks();
  const auto ns = static_cast<std::uint64_t>(d.count() > 0 ? d.count() : 0);
  if (Runtime::recording()) self.emit(EventKind::kComputeBegin, 0, LockMode::kNone, key, ns, t0);
  self.set_state(ThreadState::kCompute);
  if (detail::controlled()) {
    // One OS thread runs every lab thread: burning it would stop the others
    // and virtual time alike. Pass the duration on the virtual clock instead.
    const std::uint64_t until = t0 + TickClock::get().ticks_for_ns(ns) + 1;
    for (;;) {
      const WakeReason r = self.park(until);
      if (r == WakeReason::kTimeout) break;
      if (r == WakeReason::kCancelled) {
        self.set_state(ThreadState::kRunning);
        if (Runtime::recording()) self.emit(EventKind::kComputeEnd, 0, LockMode::kNone, key, ns, now_ticks());
        throw Cancelled{};
      }
    }
  }
  const std::uint64_t deadline = t0 + TickClock::get().ticks_for_ns(ns);
  while (now_ticks() < deadline) {
    if (Runtime::cancelled()) {
      self.set_state(ThreadState::kRunning);
      if (Runtime::recording()) self.emit(EventKind::kComputeEnd, 0, LockMode::kNone, key, ns, now_ticks());
      throw Cancelled{};
    }
    // Burn the core in short slices so cancellation is seen within ~microseconds.
    for (int i = 0; i < 64; ++i) detail::spin_pause();
  }
  self.set_state(ThreadState::kRunning);
  self.bump_progress();
  if (Runtime::recording()) self.emit(EventKind::kComputeEnd, 0, LockMode::kNone, key, ns, now_ticks());
}

}  // namespace locklab
