#include "locklab/sched/strategies/replay.h"

namespace locklab::sched {

bool Replay::next_schedule() {
  diverged_ = false;
  diverged_at_ = 0;
  divergence_.clear();
  unused_ = 0;
  next_choice_ = 0;
  return true;
}

void Replay::diverge(std::uint64_t at, std::string why) {
  diverged_ = true;
  diverged_at_ = at;
  divergence_ = std::move(why);
}

std::uint16_t Replay::pick(const Choice& choice) {
  const std::size_t n = static_cast<std::size_t>(choice.step);
  if (!diverged_) {
    if (n < steps_.size() && contains(choice.runnable, steps_[n])) return steps_[n];
    if (n >= steps_.size())
      diverge(n, "the run goes on past the schedule's " + std::to_string(steps_.size()) + " steps");
    else if (steps_[n] == kTimersId)
      diverge(n, "at step " + std::to_string(n + 1) + " the schedule fires the due timers, but no timer is due there");
    else
      diverge(n, "at step " + std::to_string(n + 1) + " the schedule names T" + std::to_string(steps_[n]) +
                     ", which cannot run here");
  }
  return choice.current != 0 ? choice.current : choice.runnable.front();
}

std::uint32_t Replay::choose(const DataChoice& c) {
  if (!diverged_) {
    if (next_choice_ < choices_.size() && choices_[next_choice_] < c.options) return choices_[next_choice_++];
    const std::string what = std::string(to_string(c.kind)) + " of T" + std::to_string(c.thread);
    if (next_choice_ >= choices_.size())
      diverge(c.step, "at step " + std::to_string(c.step + 1) + " the run makes a choice (" + what +
                          ", " + std::to_string(c.options) + " options) the schedule does not have (it records " +
                          std::to_string(choices_.size()) + ")");
    else
      diverge(c.step, "at step " + std::to_string(c.step + 1) + " the schedule's choice " +
                          std::to_string(next_choice_ + 1) + " (" + what + ") is option " +
                          std::to_string(choices_[next_choice_]) + ", but only " + std::to_string(c.options) +
                          " exist there (0 to " + std::to_string(c.options - 1) + ")");
  }
  return 0;
}

void Replay::end_schedule(std::uint64_t steps) {
  unused_ = steps < steps_.size() ? steps_.size() - steps : 0;
  if (!diverged_ && unused_ > 0)
    diverge(steps, "the run ended after " + std::to_string(steps) + " of the schedule's " +
                       std::to_string(steps_.size()) + " steps");
  else if (!diverged_ && next_choice_ < choices_.size())
    diverge(steps, "the run made " + std::to_string(next_choice_) + " of the schedule's " +
                       std::to_string(choices_.size()) + " choices");
}

}  // namespace locklab::sched
