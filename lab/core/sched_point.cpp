#include "locklab/core/sched_point.h"

#include <chrono>
#include <thread>

#include "core/sched_hooks.h"
#include "locklab/core/clock.h"
#include "locklab/core/runtime.h"
#include "locklab/core/thread_record.h"

namespace locklab {

namespace detail {

std::atomic<SchedMode> g_sched_mode{SchedMode::kOff};

namespace {
const SchedHooks kNoHooks{};
std::atomic<const SchedHooks*> g_hooks{&kNoHooks};
}  // namespace

void set_sched_mode(SchedMode mode, const SchedHooks* hooks) noexcept {
  if (mode == SchedMode::kOff) {
    g_sched_mode.store(SchedMode::kOff, std::memory_order_release);
    g_hooks.store(&kNoHooks, std::memory_order_release);
    return;
  }
  g_hooks.store(hooks, std::memory_order_release);
  g_sched_mode.store(mode, std::memory_order_release);
}

const SchedHooks& sched_hooks() noexcept { return *g_hooks.load(std::memory_order_acquire); }

void sched_point_slow(SchedOp op, std::uint32_t object, Site site) noexcept {
  if (g_sched_mode.load(std::memory_order_acquire) == SchedMode::kOff) return;
  const SchedHooks& hooks = sched_hooks();
  if (hooks.point) hooks.point(op, object, site.key());
}

int sched_choose(ChoiceKind kind, std::uint32_t options, std::uint32_t object, Site site) noexcept {
  if (options < 2) return 0;
  if (!controlled()) return -1;
  const SchedHooks& hooks = sched_hooks();
  return hooks.choose ? hooks.choose(kind, options, object, site.key()) : -1;
}

std::atomic<bool> g_force_unwind{false};

void force_unwind_here(SchedOp op, std::uint32_t object) {
  ThreadRecord& self = Runtime::self();
  if (Runtime::recording())
    self.emit(EventKind::kCancelled, object, LockMode::kNone, 0, static_cast<std::uint64_t>(op), now_ticks());
  throw Cancelled{};
}

void pause_while_unwinding() noexcept {
  if (controlled()) {
    sched_hooks().unwind_pause();
    return;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace detail

void yield(Site site) {
  if (detail::g_sched_mode.load(std::memory_order_relaxed) == detail::SchedMode::kOff) {
    std::this_thread::yield();
    return;
  }
  detail::sched_point_cancellable(SchedOp::kYield, 0, site);
}

std::string_view to_string(ChoiceKind kind) noexcept {
  switch (kind) {
    case ChoiceKind::kSelectCase: return "select case";
    case ChoiceKind::kSpuriousWakeup: return "spurious wake-up";
  }
  return "?";
}

std::string_view to_string(SchedOp op) noexcept {
  switch (op) {
    case SchedOp::kStart: return "starts";
    case SchedOp::kLock: return "lock";
    case SchedOp::kTryLock: return "try_lock";
    case SchedOp::kUnlock: return "unlock";
    case SchedOp::kRLock: return "read-lock";
    case SchedOp::kTryRLock: return "try read-lock";
    case SchedOp::kRUnlock: return "read-unlock";
    case SchedOp::kCondWait: return "cond wait";
    case SchedOp::kCondSignal: return "cond signal";
    case SchedOp::kCondBroadcast: return "cond broadcast";
    case SchedOp::kSend: return "send";
    case SchedOp::kTrySend: return "try send";
    case SchedOp::kRecv: return "receive";
    case SchedOp::kTryRecv: return "try receive";
    case SchedOp::kClose: return "close";
    case SchedOp::kSelect: return "select";
    case SchedOp::kTimerStart: return "start timer";
    case SchedOp::kTimerStop: return "stop timer";
    case SchedOp::kTimerReset: return "reset timer";
    case SchedOp::kWaitGroupAdd: return "WaitGroup add";
    case SchedOp::kWaitGroupWait: return "WaitGroup wait";
    case SchedOp::kWaitGroupDone: return "WaitGroup done";
    case SchedOp::kAtomicLoad: return "atomic load";
    case SchedOp::kAtomicStore: return "atomic store";
    case SchedOp::kAtomicRmw: return "atomic read-modify-write";
    case SchedOp::kTimersFire: return "timers fire";
    case SchedOp::kOnce: return "Once";
    case SchedOp::kAcquire: return "acquire";
    case SchedOp::kTryAcquire: return "try acquire";
    case SchedOp::kRelease: return "release";
    case SchedOp::kSubmit: return "submit";
    case SchedOp::kShutdown: return "shut down";
    case SchedOp::kSingleflight: return "singleflight";
    case SchedOp::kSwap: return "swap";
    case SchedOp::kSleep: return "sleep";
    case SchedOp::kIo: return "io";
    case SchedOp::kCompute: return "compute";
    case SchedOp::kYield: return "yield";
    case SchedOp::kRunning: return "checks running()";
    case SchedOp::kGo: return "go";
    case SchedOp::kJoin: return "join";
  }
  return "?";
}

}  // namespace locklab
