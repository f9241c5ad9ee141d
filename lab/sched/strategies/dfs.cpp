#include "locklab/sched/strategies/dfs.h"

#include "locklab/core/runtime.h"

namespace locklab::sched {

bool Dfs::next_schedule() {
  if (exhausted_) return false;
  if (!started_) {
    started_ = true;
    return true;
  }
  return !stack_.empty();
}

std::uint16_t Dfs::pick(const Choice& choice) {
  const std::size_t n = static_cast<std::size_t>(choice.step);
  if (n < stack_.size()) {
    const Node& node = stack_[n];
    const std::uint16_t id = node.options[node.chosen];
    if (!contains(choice.runnable, id))
      fatal("dfs: a replayed prefix reached a different state (the run is not deterministic)");
    return id;
  }
  Node node;
  node.current = choice.current;
  if (n > 0) {
    const Node& prev = stack_[n - 1];
    const bool preempted = prev.current != 0 && prev.options[prev.chosen] != prev.current;
    node.preemptions_before = prev.preemptions_before + (preempted ? 1 : 0);
  }
  if (choice.current != 0) {
    node.options.push_back(choice.current);
    if (node.preemptions_before < bound_)
      for (const std::uint16_t id : choice.runnable)
        if (id != choice.current) node.options.push_back(id);
  } else {
    node.options.assign(choice.runnable.begin(), choice.runnable.end());
  }
  stack_.push_back(std::move(node));
  return stack_.back().options.front();
}

void Dfs::end_schedule(std::uint64_t steps) {
  // Decisions past `steps` were never made (cannot happen, but be exact).
  if (stack_.size() > steps) stack_.resize(static_cast<std::size_t>(steps));
  while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().options.size()) stack_.pop_back();
  if (stack_.empty()) {
    exhausted_ = true;
    return;
  }
  ++stack_.back().chosen;
}

}  // namespace locklab::sched
