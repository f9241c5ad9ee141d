// The small enums a thread dump needs: what a thread is doing and what it
// waits for. Apart from thread_record.h so that trace readers (the GUI,
// graders) need not include the runtime's internals.
#pragma once

#include <cstdint>
#include <string_view>

namespace locklab {

/// What a thread is doing. Numbers appear in dumps and traces.
enum class ThreadState : std::uint8_t {
  kRunning = 0, kWaiting = 1, kIo = 2, kCompute = 3, kSleeping = 4, kDone = 5,
};
std::string_view to_string(ThreadState s) noexcept;

/// What a parked thread waits for.
enum class WaitKind : std::uint8_t {
  kLock = 0, kCond = 1, kChanSend = 2, kChanRecv = 3, kSelect = 4, kWaitGroup = 5,
  kSemaphore = 6, kPoolSubmit = 7, kOnce = 8, kJoin = 9, kSleep = 10,
  kSelfDeadlock = 11,  // blocked forever on a lock it already holds
};
std::string_view to_string(WaitKind k) noexcept;

/// Why a wait happened, for reading profiles (seed 002, bug 12):
///   kContended  the thread needs something another thread has: a lock, a
///               semaphore's weight, room in a full pool or channel, a Once
///               being run. Time here is lost to the program.
///   kIdle       the thread has nothing to do yet: a receive on an empty
///               channel, a select with no ready case, a cond wait, waiting
///               for others to finish (WaitGroup, join), a sleep. A server's
///               idle workers wait like this; it costs nothing.
enum class WaitClass : std::uint8_t { kContended = 0, kIdle = 1 };
std::string_view to_string(WaitClass c) noexcept;
constexpr WaitClass classify(WaitKind k) noexcept {
  switch (k) {
    case WaitKind::kCond: case WaitKind::kChanRecv: case WaitKind::kSelect:
    case WaitKind::kWaitGroup: case WaitKind::kJoin: case WaitKind::kSleep:
      return WaitClass::kIdle;
    default:
      return WaitClass::kContended;
  }
}

}  // namespace locklab
