// RandomWalk: at every decision, a thread chosen uniformly among the
// runnable ones. Schedule i of a walk with seed s draws from a generator
// seeded with (s, i), so any schedule can be found again from its seed.
// Preempts often: good at bugs that need many switches, weaker than PCT at
// those that need one switch at one precise moment.
#pragma once

#include <cstdint>

#include "locklab/sched/strategy.h"

namespace locklab::sched {

class RandomWalk final : public Strategy {
 public:
  explicit RandomWalk(std::uint64_t seed) : seed_(seed) {}
  std::string name() const override { return "random"; }
  bool next_schedule() override;
  std::uint16_t pick(const Choice& choice) override;
  /// Uniform over the options, from the same generator as pick().
  std::uint32_t choose(const DataChoice& c) override;
  void end_schedule(std::uint64_t) override {}
  /// The seed of the current schedule (what a saved schedule records).
  std::uint64_t schedule_seed() const noexcept { return schedule_seed_; }

 private:
  std::uint64_t seed_;
  std::uint64_t index_ = 0;
  std::uint64_t schedule_seed_ = 0;
  std::uint64_t state_ = 0;
};

}  // namespace locklab::sched
