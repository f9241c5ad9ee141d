// Fiber: a stack of its own and a saved stack pointer; the controlled
// scheduler runs every lab thread of a run as one, on one OS thread.
//
// A switch saves the callee-saved registers (and the SSE/x87 control words)
// on the current stack and loads the other's: about 10 ns, against ~300 ns
// for swapcontext (which also saves the signal mask with a system call) and
// tens of microseconds for a handoff between OS threads on this VM. That
// difference is what makes thousands of schedules a second possible.
//
// Stacks are mmap'd with a guard page below them (an overflow faults instead
// of corrupting a neighbour) and recycled between runs by a small pool.
// Exceptions may be thrown and caught inside a fiber; none may leave its
// entry function (the entry catches everything).
//
// Sanitizer builds tell ASan (__sanitizer_start/finish_switch_fiber) and
// TSan (__tsan_create/switch_to/destroy_fiber) about every switch.
//
// Internal to the scheduler; x86-64 only (other targets fall back to
// ucontext, slower but the same contract).
#pragma once

#include <cstddef>
#include <cstdint>

namespace locklab::sched::detail {

class Fiber {
 public:
  using Entry = void (*)(void* arg);

  /// A fiber that will run `entry(arg)` when first switched to. `entry`
  /// must never return: its last act is a switch away for good.
  Fiber(Entry entry, void* arg);
  /// The calling OS thread's own context (the scheduler's side of switches).
  Fiber();
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  /// Saves the current context into `from` and resumes `to`. Returns when
  /// something switches back to `from`. `from_ends`: `from` will never be
  /// resumed (its entry's last switch); sanitizer builds free its state.
  static void switch_to(Fiber& from, Fiber& to, bool from_ends = false) noexcept;

  static constexpr std::size_t kStackBytes = 256 * 1024;

 private:
  void* sp_ = nullptr;       // saved stack pointer while not running
  void* stack_ = nullptr;    // mapping base (guard page first); null for the thread's own context
  [[maybe_unused]] void* impl_ = nullptr;  // ucontext fallback state (some builds only)
  Entry entry_ = nullptr;
  void* arg_ = nullptr;
  static void start(Fiber* self) noexcept;
  friend void fiber_trampoline_c(Fiber* self) noexcept;
  // ASan builds: this fiber's stack bounds and its fake-stack save slot.
  const void* bottom_ = nullptr;
  std::size_t size_ = 0;
  [[maybe_unused]] void* fake_stack_ = nullptr;  // ASan builds only
  // TSan builds: this context's TSan fiber (created with the fiber; for the
  // thread's own context, TSan's current fiber, learned at its first switch).
  [[maybe_unused]] void* tsan_ = nullptr;  // TSan builds only
};

}  // namespace locklab::sched::detail
