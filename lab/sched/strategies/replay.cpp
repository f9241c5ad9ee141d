#include "locklab/sched/strategies/replay.h"

namespace locklab::sched {

bool Replay::next_schedule() {
  diverged_ = false;
  diverged_at_ = 0;
  divergence_.clear();
  unused_ = 0;
  return true;
}

std::uint16_t Replay::pick(const Choice& choice) {
  const std::size_t n = static_cast<std::size_t>(choice.step);
  if (!diverged_) {
    if (n < steps_.size() && contains(choice.runnable, steps_[n])) return steps_[n];
    diverged_ = true;
    diverged_at_ = n;
    divergence_ = n < steps_.size()
                      ? "at step " + std::to_string(n + 1) + " the schedule names T" + std::to_string(steps_[n]) +
                            ", which cannot run here"
                      : "the run goes on past the schedule's " + std::to_string(steps_.size()) + " steps";
  }
  return choice.current != 0 ? choice.current : choice.runnable.front();
}

void Replay::end_schedule(std::uint64_t steps) {
  unused_ = steps < steps_.size() ? steps_.size() - steps : 0;
  if (!diverged_ && unused_ > 0) {
    diverged_ = true;
    diverged_at_ = steps;
    divergence_ = "the run ended after " + std::to_string(steps) + " of the schedule's " +
                  std::to_string(steps_.size()) + " steps";
  }
}

}  // namespace locklab::sched
