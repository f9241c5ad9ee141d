// Names of the enums, for dumps, reports and JSON. Stable: JSON keys use them.
#include "locklab/core/event.h"
#include "locklab/core/objects.h"
#include "locklab/core/thread_record.h"

namespace locklab {

std::string_view to_string(EventKind k) noexcept {
  switch (k) {
    case EventKind::kNone: return "none";
    case EventKind::kLockWait: return "lock-wait";
    case EventKind::kLockAcquire: return "lock-acquire";
    case EventKind::kLockRelease: return "lock-release";
    case EventKind::kLockTryFail: return "lock-try-fail";
    case EventKind::kCondWait: return "cond-wait";
    case EventKind::kCondWake: return "cond-wake";
    case EventKind::kCondSignal: return "cond-signal";
    case EventKind::kCondBroadcast: return "cond-broadcast";
    case EventKind::kChanSendWait: return "chan-send-wait";
    case EventKind::kChanSent: return "chan-sent";
    case EventKind::kChanRecvWait: return "chan-recv-wait";
    case EventKind::kChanReceived: return "chan-received";
    case EventKind::kChanClose: return "chan-close";
    case EventKind::kSelectWait: return "select-wait";
    case EventKind::kSelectChosen: return "select-chosen";
    case EventKind::kTimerCreate: return "timer-create";
    case EventKind::kTimerFire: return "timer-fire";
    case EventKind::kTimerStop: return "timer-stop";
    case EventKind::kIoBegin: return "io-begin";
    case EventKind::kIoEnd: return "io-end";
    case EventKind::kComputeBegin: return "compute-begin";
    case EventKind::kComputeEnd: return "compute-end";
    case EventKind::kSleepBegin: return "sleep-begin";
    case EventKind::kSleepEnd: return "sleep-end";
    case EventKind::kOpBegin: return "op-begin";
    case EventKind::kOpEnd: return "op-end";
    case EventKind::kThreadStart: return "thread-start";
    case EventKind::kThreadEnd: return "thread-end";
    case EventKind::kCancelled: return "cancelled";
    case EventKind::kAnnotation: return "annotation";
    case EventKind::kSwap: return "swap";
    case EventKind::kAtomicLoad: return "atomic-load";
    case EventKind::kAtomicStore: return "atomic-store";
    case EventKind::kMisuse: return "misuse";
    case EventKind::kWaitBegin: return "wait-begin";
    case EventKind::kWaitEnd: return "wait-end";
    case EventKind::kLevel: return "level";
  }
  return "unknown";
}

std::string_view to_string(LockMode m) noexcept {
  switch (m) {
    case LockMode::kNone: return "none";
    case LockMode::kExclusive: return "write";
    case LockMode::kShared: return "read";
  }
  return "unknown";
}

std::string_view to_string(ObjectKind k) noexcept {
  switch (k) {
    case ObjectKind::kOther: return "object";
    case ObjectKind::kMutex: return "Mutex";
    case ObjectKind::kRWMutex: return "RWMutex";
    case ObjectKind::kCond: return "Cond";
    case ObjectKind::kChan: return "Chan";
    case ObjectKind::kTimer: return "Timer";
    case ObjectKind::kWaitGroup: return "WaitGroup";
    case ObjectKind::kOnce: return "Once";
    case ObjectKind::kSemaphore: return "Semaphore";
    case ObjectKind::kWorkerPool: return "WorkerPool";
    case ObjectKind::kSingleflight: return "Singleflight";
    case ObjectKind::kSnapshot: return "Snapshot";
    case ObjectKind::kThread: return "Thread";
    case ObjectKind::kGuarded: return "Guarded";
    case ObjectKind::kAtomic: return "Atomic";
  }
  return "object";
}

std::string_view to_string(ThreadState s) noexcept {
  switch (s) {
    case ThreadState::kRunning: return "running";
    case ThreadState::kWaiting: return "waiting";
    case ThreadState::kIo: return "io";
    case ThreadState::kCompute: return "compute";
    case ThreadState::kSleeping: return "sleeping";
    case ThreadState::kDone: return "done";
  }
  return "unknown";
}

std::string_view to_string(WaitKind k) noexcept {
  switch (k) {
    case WaitKind::kLock: return "lock";
    case WaitKind::kCond: return "cond";
    case WaitKind::kChanSend: return "chan-send";
    case WaitKind::kChanRecv: return "chan-recv";
    case WaitKind::kSelect: return "select";
    case WaitKind::kWaitGroup: return "waitgroup";
    case WaitKind::kSemaphore: return "semaphore";
    case WaitKind::kPoolSubmit: return "pool-submit";
    case WaitKind::kOnce: return "once";
    case WaitKind::kJoin: return "join";
    case WaitKind::kSleep: return "sleep";
    case WaitKind::kSelfDeadlock: return "self-deadlock";
  }
  return "unknown";
}

std::string_view to_string(WaitClass c) noexcept {
  return c == WaitClass::kIdle ? "idle" : "contended";
}

}  // namespace locklab
