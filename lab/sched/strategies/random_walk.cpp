#include "locklab/sched/strategies/random_walk.h"

#include "split_mix.h"

namespace locklab::sched {

bool RandomWalk::next_schedule() {
  schedule_seed_ = detail::mix64(seed_ * 0x9E3779B97F4A7C15ull + index_++);
  state_ = schedule_seed_;
  return true;
}

std::uint16_t RandomWalk::pick(const Choice& choice) {
  detail::SplitMix r{state_};
  const std::uint64_t i = r.below(choice.runnable.size());
  state_ = r.state;
  return choice.runnable[i];
}

std::uint32_t RandomWalk::choose(const DataChoice& c) {
  detail::SplitMix r{state_};
  const auto i = static_cast<std::uint32_t>(r.below(c.options));
  state_ = r.state;
  return i;
}

}  // namespace locklab::sched
