// Event: the one record every primitive emits. Fixed size (32 bytes), no
// pointers to follow, so a trace is an array that can be written and read raw.
#pragma once

#include <cstdint>
#include <string_view>

namespace locklab {

/// Every kind of event locklab records. One list for the whole project: the
/// recorder, the trace file, the analyses and the views all switch on it.
/// Numbers are part of the .lltrace format: append, never renumber.
enum class EventKind : std::uint8_t {
  kNone = 0,
  // Locks. `mode` is LockMode; `arg` of an acquire is the wait in ticks
  // before it (0 = uncontended).
  kLockWait = 1,      // started waiting for object
  kLockAcquire = 2,   // got it
  kLockRelease = 3,   // released it
  kLockTryFail = 4,   // try_lock found it taken
  // Condition variables.
  kCondWait = 10, kCondWake = 11, kCondSignal = 12, kCondBroadcast = 13,
  // Channels. `arg` is the channel's length after the operation.
  kChanSendWait = 20, kChanSent = 21, kChanRecvWait = 22, kChanReceived = 23,
  kChanClose = 24,
  kSelectWait = 30, kSelectChosen = 31,  // arg of chosen: the case index
  kTimerCreate = 40, kTimerFire = 41, kTimerStop = 42,
  // Simulated work. `arg` is the requested duration in ns.
  kIoBegin = 50, kIoEnd = 51, kComputeBegin = 52, kComputeEnd = 53,
  kSleepBegin = 54, kSleepEnd = 55,
  // Workload progress. `arg` is the operation kind index (Trace::op_names);
  // kOpEnd's `object` field holds the latency in ns, saturated at 2^32-1.
  kOpBegin = 60, kOpEnd = 61,
  kThreadStart = 70, kThreadEnd = 71,
  kCancelled = 72,    // a wait was cancelled by the runner (arg: the kind waited on)
  kAnnotation = 80,   // arg: index into Trace::annotations
  kSwap = 90,         // an atomic snapshot pointer was swapped
  // Atomic<T> (sync/atomic.h). arg: the value read / written (64 bits).
  kAtomicLoad = 91, kAtomicStore = 92,
  kMisuse = 100,      // a primitive was misused; arg: MisuseKind
  // Waits that have no event kind of their own (WaitGroup, Once, Semaphore,
  // pool submit, Singleflight, join): emitted by ThreadRecord::begin_wait /
  // end_wait. kWaitBegin's arg is the WaitKind; kWaitEnd's is the ticks
  // waited (a cancelled wait's kWaitEnd is followed by kCancelled).
  kWaitBegin = 110, kWaitEnd = 111,
  // An object's level after an operation: a WaitGroup's counter, a
  // Semaphore's weight in use, a worker pool's queue length, a Once's
  // 1 = done, a Singleflight's calls in flight. arg: the level.
  kLevel = 112,
};

/// How a lock is held or wanted.
enum class LockMode : std::uint8_t { kNone = 0, kExclusive = 1, kShared = 2 };

std::string_view to_string(EventKind kind) noexcept;
std::string_view to_string(LockMode mode) noexcept;

/// One recorded event.
///
/// While recording, `time` is raw ticks (clock.h) and `site` is a Site::key().
/// In a Trace, `time` is nanoseconds since the run began and `site` is an
/// index into Trace::sites (0 = unknown).
struct Event {
  std::uint64_t time = 0;
  std::uint64_t site = 0;
  std::uint64_t arg = 0;
  std::uint32_t object = 0;  // object id (Trace::objects), 0 = none
  std::uint16_t thread = 0;  // lab thread id (Trace::threads)
  EventKind kind = EventKind::kNone;
  LockMode mode = LockMode::kNone;

  friend bool operator==(const Event&, const Event&) = default;
};
static_assert(sizeof(Event) == 32, "Event is part of the .lltrace format");

}  // namespace locklab
