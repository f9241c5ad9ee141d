// Internal to the primitives: the calling thread's random generator, for the
// choices Go leaves to chance (which ready select case runs, which Cond waits
// return spuriously).
//
// Seeded from the run's seed (RuntimeOptions::seed) and the thread's lab id,
// so a run with one seed makes the same choices on the same threads; a new
// run, or a new record for this thread, re-seeds it. Owned by the thread: no
// locking. The generator is SplitMix64 (Steele, Lea and Flood 2014): small,
// fast, and plenty for picking among a handful of cases.
#pragma once

#include <cstdint>

#include "locklab/runtime.h"
#include "locklab/thread_record.h"

namespace locklab::detail {

class ThreadRandom {
 public:
  /// The generator of `self` (the calling thread's record).
  static ThreadRandom& of(ThreadRecord& self) {
    thread_local ThreadRandom r;
    const std::uint64_t run = Runtime::get().origin_ticks();
    if (r.owner_ != &self || r.run_ != run) {
      r.owner_ = &self;
      r.run_ = run;
      r.state_ = mix(Runtime::get().seed() ^ mix(0x5E1EC7ull + self.id()));
      r.spurious_streak = false;
    }
    return r;
  }

  std::uint64_t next() noexcept {
    state_ += 0x9E3779B97F4A7C15ull;
    return mix(state_);
  }
  /// Uniform in [0, n) (n > 0); the bias is below 2^-32 for the n used here.
  std::uint32_t below(std::uint32_t n) noexcept {
    return static_cast<std::uint32_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  /// Uniform in [0, 1).
  double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Cond: the previous wait of this thread returned spuriously (see cond.h:
  /// never twice in a row).
  bool spurious_streak = false;

 private:
  static std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  const ThreadRecord* owner_ = nullptr;
  std::uint64_t run_ = 0;
  std::uint64_t state_ = 0;
};

}  // namespace locklab::detail
