// Scheduling points: the places where the controlled scheduler may switch
// threads, and where chaos mode shakes real threads.
//
// Every public operation of every primitive calls sched_point() first (lock,
// unlock, read-lock, try_lock, cond wait / signal / broadcast, channel send /
// receive / close, select, timer create / stop / reset, WaitGroup, Once,
// Semaphore, pool submit, sleep, io, compute), as do RunContext::running(),
// go(), join_all() and the explicit yield() below. In a plain real run it is
// one relaxed load and a predictable branch.
//
//   mode        what a scheduling point does
//   off         nothing
//   chaos       real threads: sometimes yields the core, sometimes sleeps a
//               few microseconds (seeded; seed 003's runtime.Gosched trick)
//   controlled  the calling lab thread (a fiber) hands control to the
//               scheduler, whose strategy picks who runs next
//
// Not scheduling points: plain std::atomic operations and ordinary memory
// accesses. A bug that needs a switch between two plain loads is invisible
// to the controlled scheduler (a known limit; put a yield() there to study it).
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "locklab/core/site.h"

namespace locklab {

/// What a thread is about to do at a scheduling point (for schedules in words).
enum class SchedOp : std::uint8_t {
  kStart, kLock, kTryLock, kUnlock, kRLock, kTryRLock, kRUnlock,
  kCondWait, kCondSignal, kCondBroadcast,
  kSend, kTrySend, kRecv, kTryRecv, kClose, kSelect,
  kTimerStart, kTimerStop, kTimerReset,
  kWaitGroupAdd, kWaitGroupWait, kOnce, kAcquire, kTryAcquire, kRelease,
  kSubmit, kShutdown, kSingleflight, kSwap,
  kSleep, kIo, kCompute, kYield, kRunning, kGo, kJoin,
  kWaitGroupDone,
  kAtomicLoad, kAtomicStore, kAtomicRmw,
  kTimersFire,  // not a thread's: the timers due now fire (thread id 0 in a schedule)
};
/// "lock", "read-lock", "send", ... (plain words for a printed schedule).
std::string_view to_string(SchedOp op) noexcept;

/// A choice a primitive leaves to chance, other than who runs next.
enum class ChoiceKind : std::uint8_t {
  kSelectCase,      // which of several ready select cases runs (options: the ready ones, in case order)
  kSpuriousWakeup,  // whether a Cond wait may return spuriously (0 no, 1 yes)
};
/// "select case", "spurious wake-up".
std::string_view to_string(ChoiceKind kind) noexcept;

/// An explicit scheduling point (Go's runtime.Gosched): lets the controlled
/// scheduler switch here, and chaos mode shake here. Never blocks for long.
void yield(Site site = Site::current());

namespace detail {

enum class SchedMode : std::uint8_t { kOff = 0, kChaos = 1, kControlled = 2 };
/// Set by the runner for the length of a run; read at every scheduling point.
extern std::atomic<SchedMode> g_sched_mode;

void sched_point_slow(SchedOp op, std::uint32_t object, Site site) noexcept;

inline void sched_point(SchedOp op, std::uint32_t object, Site site) noexcept {
  if (g_sched_mode.load(std::memory_order_relaxed) != SchedMode::kOff) [[unlikely]]
    sched_point_slow(op, object, site);
}

/// Set by a controlled run's unwinding when a thread has gone round many
/// times without ending or reaching a wait (a loop that only takes free
/// locks or yields, whose exit condition a cancelled thread would have set).
extern std::atomic<bool> g_force_unwind;

[[noreturn]] void force_unwind_here(SchedOp op, std::uint32_t object);

/// The scheduling point of an operation that may block (lock, read-lock,
/// try-lock, send, receive, yield): as sched_point, and may throw Cancelled
/// once g_force_unwind is set, as a cancelled wait does, so such a loop ends
/// and its thread unwinds. No cost outside chaos and controlled runs.
inline void sched_point_cancellable(SchedOp op, std::uint32_t object, Site site) {
  if (g_sched_mode.load(std::memory_order_relaxed) != SchedMode::kOff) [[unlikely]] {
    sched_point_slow(op, object, site);
    if (g_force_unwind.load(std::memory_order_relaxed)) [[unlikely]]
      force_unwind_here(op, object);
  }
}

/// In a controlled run whose strategy draws choices: asks it to pick one of
/// `options` (>= 2) for the calling thread, and returns the index in
/// [0, options). Returns -1 outside controlled mode, or when the strategy
/// leaves such choices to the primitive's own seeded generator (step mode):
/// the caller then draws as in a real run.
int sched_choose(ChoiceKind kind, std::uint32_t options, std::uint32_t object, Site site) noexcept;

/// True while a controlled run is active (lab threads are fibers on one OS
/// thread; time is virtual).
inline bool controlled() noexcept {
  return g_sched_mode.load(std::memory_order_relaxed) == SchedMode::kControlled;
}

/// After cancellation some waits must go on off the parker until other
/// threads have unwound (join_all, a pool's shutdown, a Cond re-locking its
/// mutex). This lets them run: a fiber switch in controlled mode, a short
/// sleep otherwise.
void pause_while_unwinding() noexcept;

}  // namespace detail
}  // namespace locklab
