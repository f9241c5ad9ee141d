// The recorder's clock: raw TSC ticks on the hot path, nanoseconds afterwards.
//
// rdtsc costs a few nanoseconds and never enters the kernel; this machine
// reports constant_tsc and nonstop_tsc, so ticks advance at a fixed rate on
// every core. Where the CPU has no invariant TSC the clock falls back to
// CLOCK_MONOTONIC (then "ticks" are nanoseconds).
#pragma once

#include <cstdint>

namespace locklab {

/// The current time in ticks. Cheap; safe from any thread. During a
/// controlled run it is the virtual clock instead (see below).
std::uint64_t now_ticks() noexcept;

namespace detail {
/// The controlled scheduler's virtual clock. While on, now_ticks() returns
/// it, advancing it by one tick per call (so every event of a run has its
/// own time, in the order things happened); sleeps, io, compute, timers and
/// park deadlines move it forward when no thread can run. On only while one
/// controlled run executes (its fibers share one OS thread).
void virtual_clock_on(std::uint64_t start_ticks) noexcept;
void virtual_clock_off() noexcept;
/// Moves the virtual clock to `ticks` if that is later.
void virtual_clock_advance(std::uint64_t ticks) noexcept;
}  // namespace detail

/// Nanoseconds of CLOCK_MONOTONIC (slower than now_ticks; used to calibrate).
std::uint64_t now_ns() noexcept;

/// Converts ticks to nanoseconds. Calibrated once per process (about 20 ms the
/// first time it is needed) against CLOCK_MONOTONIC.
class TickClock {
 public:
  static const TickClock& get();
  double ns_per_tick() const noexcept { return ns_per_tick_; }
  bool uses_tsc() const noexcept { return uses_tsc_; }
  /// ticks -> ns relative to `origin_ticks`.
  std::uint64_t to_ns(std::uint64_t ticks, std::uint64_t origin_ticks) const noexcept {
    return ticks <= origin_ticks ? 0 : static_cast<std::uint64_t>(
        static_cast<double>(ticks - origin_ticks) * ns_per_tick_);
  }
  std::uint64_t ticks_for_ns(std::uint64_t ns) const noexcept {
    return static_cast<std::uint64_t>(static_cast<double>(ns) / ns_per_tick_);
  }

 private:
  TickClock();
  double ns_per_tick_ = 1.0;
  bool uses_tsc_ = false;
};

}  // namespace locklab
