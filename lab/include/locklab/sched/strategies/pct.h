// PCT: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and
// Nagarakatte, ASPLOS 2010).
//
// Each thread gets a random priority when it first shows up (all at least
// `depth`); the highest-priority runnable thread always runs. At d-1
// decisions chosen at random among the first k (k: the longest schedule
// seen so far), the thread about to run drops to a priority below every
// initial one (d-1, d-2, ...). A bug of depth d (d ordering constraints,
// e.g. one preemption at the right moment plus the right start order for
// d = 2) is found by one schedule with probability at least 1 / (n k^(d-1))
// for n threads: few switches, placed well, which is what most real
// concurrency bugs need.
#pragma once

#include <cstdint>
#include <vector>

#include "locklab/sched/strategy.h"

namespace locklab::sched {

class Pct final : public Strategy {
 public:
  /// `depth` >= 1 (1: no priority changes, just a random order).
  Pct(std::uint64_t seed, std::uint32_t depth);
  std::string name() const override { return "pct"; }
  bool next_schedule() override;
  std::uint16_t pick(const Choice& choice) override;
  /// Uniform over the options (PCT's priorities order threads; a data
  /// choice has no priority to give, so it is drawn at random). The timers
  /// (kTimersId) get a priority like a thread.
  std::uint32_t choose(const DataChoice& c) override;
  void end_schedule(std::uint64_t steps) override;
  std::uint64_t schedule_seed() const noexcept { return schedule_seed_; }

 private:
  std::uint64_t seed_;
  std::uint32_t depth_;
  std::uint64_t index_ = 0;
  std::uint64_t schedule_seed_ = 0;
  std::uint64_t state_ = 0;
  std::uint64_t k_ = 64;                      // estimated schedule length
  std::vector<std::uint64_t> change_at_;      // decision indices, ascending
  std::size_t next_change_ = 0;
  std::vector<std::int64_t> priority_;        // by thread id; 0 = not seen yet
};

}  // namespace locklab::sched
