// Internal to the primitives: the calling thread's random generator, for the
// choices Go leaves to chance (which ready select case runs, which Cond waits
// return spuriously).
//
// Seeded from the run's seed (RuntimeOptions::seed) and the thread's lab id,
// so a run with one seed makes the same choices on the same threads; every
// run has new records, hence fresh generators. Owned by the thread: no
// locking. The generator is SplitMix64 (Steele, Lea and Flood 2014): small,
// fast, and plenty for picking among a handful of cases.
#pragma once

#include <cstdint>

#include "locklab/core/runtime.h"
#include "locklab/core/thread_record.h"

namespace locklab::detail {

class ThreadRandom {
 public:
  /// The generator of `self` (the calling thread's record). Its state lives
  /// in the record, so it follows the lab thread (fibers share OS threads).
  static ThreadRandom of(ThreadRecord& self) {
    ThreadRecord::RandomState& s = self.random_state();
    if (!s.seeded) {
      s.seeded = true;
      s.state = mix(Runtime::get().seed() ^ mix(0x5E1EC7ull + self.id()));
      s.spurious_streak = false;
    }
    return ThreadRandom(s);
  }

  std::uint64_t next() noexcept {
    s_.state += 0x9E3779B97F4A7C15ull;
    return mix(s_.state);
  }
  /// Uniform in [0, n) (n > 0); the bias is below 2^-32 for the n used here.
  std::uint32_t below(std::uint32_t n) noexcept {
    return static_cast<std::uint32_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  /// Uniform in [0, 1).
  double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Cond: the previous wait of this thread returned spuriously (see cond.h:
  /// never twice in a row).
  bool& spurious_streak;

 private:
  explicit ThreadRandom(ThreadRecord::RandomState& s) : spurious_streak(s.spurious_streak), s_(s) {}
  static std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  ThreadRecord::RandomState& s_;
};

}  // namespace locklab::detail
