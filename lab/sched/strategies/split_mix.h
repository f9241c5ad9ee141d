// Internal: SplitMix64 (Steele, Lea and Flood 2014), the strategies' small
// seeded generator.
#pragma once

#include <cstdint>

namespace locklab::sched::detail {

inline std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct SplitMix {
  std::uint64_t state = 0;
  std::uint64_t next() noexcept {
    state += 0x9E3779B97F4A7C15ull;
    return mix64(state);
  }
  /// Uniform in [0, n), n > 0.
  std::uint64_t below(std::uint64_t n) noexcept {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
};

}  // namespace locklab::sched::detail
