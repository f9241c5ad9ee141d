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
  /// `steps`: the thread picked at each decision (kTimersId: the due timers
  /// fired). `choices`: the answers of the choices inside steps, in order.
  /// `draws_choices`: the schedule was made by a strategy that decided
  /// timers and choices (Schedule::choices_drawn); false for step mode's and
  /// older schedules, whose runs left them to the primitives (replayed the
  /// same way).
  explicit Replay(std::vector<std::uint16_t> steps, std::vector<std::uint32_t> choices = {},
                  bool draws_choices = true)
      : steps_(std::move(steps)), choices_(std::move(choices)), draws_(draws_choices) {}
  std::string name() const override { return "replay"; }
  bool next_schedule() override;
  std::uint16_t pick(const Choice& choice) override;
  bool draws_choices() const override { return draws_; }
  std::uint32_t choose(const DataChoice& c) override;
  void end_schedule(std::uint64_t steps) override;
  bool fair() const override { return false; }  // the recorded steps already are

  /// The run left the recorded schedule (see above).
  bool diverged() const noexcept { return diverged_; }
  /// The decision at which it did, and why, in words ("" if it did not).
  std::uint64_t diverged_at() const noexcept { return diverged_at_; }
  const std::string& divergence() const noexcept { return divergence_; }
  /// Recorded decisions the run never reached (steps; choices not counted).
  std::uint64_t unused_steps() const noexcept { return unused_; }

 private:
  void diverge(std::uint64_t at, std::string why);

  std::vector<std::uint16_t> steps_;
  std::vector<std::uint32_t> choices_;
  bool draws_ = true;
  std::size_t next_choice_ = 0;
  bool diverged_ = false;
  std::uint64_t diverged_at_ = 0;
  std::string divergence_;
  std::uint64_t unused_ = 0;
};

}  // namespace locklab::sched
