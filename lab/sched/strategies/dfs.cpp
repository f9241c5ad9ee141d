#include "locklab/sched/strategies/dfs.h"

#include "locklab/core/runtime.h"

namespace locklab::sched {

bool Dfs::next_schedule() {
  pos_ = 0;
  if (exhausted_) return false;
  if (!started_) {
    started_ = true;
    return true;
  }
  return !stack_.empty();
}

std::uint32_t Dfs::preemptions_after(const Node& n) noexcept {
  const bool preempted = !n.data && n.current != 0 && n.options[n.chosen] != n.current;
  return n.preemptions_before + (preempted ? 1 : 0);
}

std::uint32_t Dfs::replayed(bool data, std::span<const std::uint16_t> runnable, std::uint32_t options) {
  const Node& node = stack_[pos_];
  if (node.data != data)
    fatal("dfs: a replayed prefix reached a different kind of decision (the run is not deterministic)");
  const std::uint32_t value = node.options[node.chosen];
  if (data ? value >= options : !contains(runnable, static_cast<std::uint16_t>(value)))
    fatal("dfs: a replayed prefix reached a different state (the run is not deterministic)");
  ++pos_;
  return value;
}

std::uint16_t Dfs::pick(const Choice& choice) {
  if (pos_ < stack_.size()) return static_cast<std::uint16_t>(replayed(false, choice.runnable, 0));
  Node node;
  node.current = choice.current;
  if (pos_ > 0) node.preemptions_before = preemptions_after(stack_[pos_ - 1]);
  if (choice.current != 0) {
    node.options.push_back(choice.current);
    if (node.preemptions_before < bound_)
      for (const std::uint16_t id : choice.runnable)
        if (id != choice.current) node.options.push_back(id);
  } else {
    node.options.assign(choice.runnable.begin(), choice.runnable.end());
  }
  if (contains(choice.runnable, kTimersId)) ++timer_points_;
  stack_.push_back(std::move(node));
  ++pos_;
  return static_cast<std::uint16_t>(stack_.back().options.front());
}

std::uint32_t Dfs::choose(const DataChoice& c) {
  if (pos_ < stack_.size()) return replayed(true, {}, c.options);
  Node node;
  node.data = true;
  if (pos_ > 0) node.preemptions_before = preemptions_after(stack_[pos_ - 1]);
  for (std::uint32_t i = 0; i < c.options; ++i) node.options.push_back(i);
  ++data_points_;
  stack_.push_back(std::move(node));
  ++pos_;
  return 0;
}

void Dfs::end_schedule(std::uint64_t) {
  // Decisions past the ones this schedule made were never reached.
  if (stack_.size() > pos_) stack_.resize(pos_);
  while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().options.size()) stack_.pop_back();
  if (stack_.empty()) {
    exhausted_ = true;
    return;
  }
  ++stack_.back().chosen;
}

}  // namespace locklab::sched
