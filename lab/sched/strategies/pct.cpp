#include "locklab/sched/strategies/pct.h"

#include <algorithm>

#include "split_mix.h"

namespace locklab::sched {

Pct::Pct(std::uint64_t seed, std::uint32_t depth) : seed_(seed), depth_(depth < 1 ? 1 : depth) {}

bool Pct::next_schedule() {
  schedule_seed_ = detail::mix64(seed_ * 0xD1B54A32D192ED03ull + index_++);
  detail::SplitMix r{schedule_seed_};
  change_at_.clear();
  for (std::uint32_t i = 1; i < depth_; ++i) change_at_.push_back(r.below(k_));
  std::sort(change_at_.begin(), change_at_.end());
  next_change_ = 0;
  state_ = r.state;
  priority_.clear();
  return true;
}

std::uint16_t Pct::pick(const Choice& choice) {
  detail::SplitMix r{state_};
  // Threads seen for the first time get a random priority above every
  // lowered one (lowered priorities are 1 .. depth-1).
  for (const std::uint16_t id : choice.runnable) {
    if (priority_.size() <= id) priority_.resize(id + 1u, 0);
    if (priority_[id] == 0) priority_[id] = static_cast<std::int64_t>(depth_) + 1 + static_cast<std::int64_t>(r.below(1u << 30));
  }
  auto best = [&] {
    std::uint16_t top = choice.runnable.front();
    for (const std::uint16_t id : choice.runnable)
      if (priority_[id] > priority_[top]) top = id;
    return top;
  };
  std::uint16_t chosen = best();
  // Priority change points: the thread about to run is demoted below all.
  while (next_change_ < change_at_.size() && change_at_[next_change_] <= choice.step) {
    priority_[chosen] = static_cast<std::int64_t>(depth_) - 1 - static_cast<std::int64_t>(next_change_);
    ++next_change_;
    chosen = best();
  }
  state_ = r.state;
  return chosen;
}

std::uint32_t Pct::choose(const DataChoice& c) {
  detail::SplitMix r{state_};
  const auto i = static_cast<std::uint32_t>(r.below(c.options));
  state_ = r.state;
  return i;
}

void Pct::end_schedule(std::uint64_t steps) { k_ = std::max(k_, steps); }

}  // namespace locklab::sched
