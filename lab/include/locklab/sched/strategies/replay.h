// Replay: makes the decisions of a saved schedule, one by one.
//
// On the run that produced the schedule (same bug, variant, settings) every
// recorded thread is runnable when its turn comes, and the run repeats
// event for event. On another variant (the fixed one) the threads may
// diverge: a recorded thread cannot run, or the run goes on past the
// recorded steps. From that decision on, Replay continues deterministically
// (the running thread goes on if it can, else the lowest id) and says where
// it left the schedule.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "locklab/sched/strategy.h"

namespace locklab::sched {

class Replay final : public Strategy {
 public:
  explicit Replay(std::vector<std::uint16_t> steps) : steps_(std::move(steps)) {}
  std::string name() const override { return "replay"; }
  bool next_schedule() override;
  std::uint16_t pick(const Choice& choice) override;
  void end_schedule(std::uint64_t steps) override;
  bool fair() const override { return false; }  // the recorded steps already are

  /// The run left the recorded schedule (see above).
  bool diverged() const noexcept { return diverged_; }
  /// The decision at which it did, and why, in words ("" if it did not).
  std::uint64_t diverged_at() const noexcept { return diverged_at_; }
  const std::string& divergence() const noexcept { return divergence_; }
  /// Recorded decisions the run never reached.
  std::uint64_t unused_steps() const noexcept { return unused_; }

 private:
  std::vector<std::uint16_t> steps_;
  bool diverged_ = false;
  std::uint64_t diverged_at_ = 0;
  std::string divergence_;
  std::uint64_t unused_ = 0;
};

}  // namespace locklab::sched
