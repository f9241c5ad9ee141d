// Dfs: bounded exhaustive search, depth first, with a preemption bound
// (Musuvathi and Qadeer, PLDI 2007: most bugs need very few preemptions).
//
// The first schedule never preempts: at every decision the running thread
// goes on if it can, else the lowest runnable id. Each later schedule
// replays a prefix of the previous one and takes the next untried choice at
// its deepest decision, skipping choices that would preempt more than
// `preemption_bound` times in the schedule. Choosing a thread when the one
// that ran before blocked or ended is not a preemption and is always tried.
// When every choice is tried, next_schedule() returns false: no failure
// within the bound in any of the schedules run is a certificate (for that
// configuration: its threads, its step limit).
//
// Needs deterministic runs (which controlled runs are): the same prefix of
// decisions must lead to the same runnable sets.
#pragma once

#include <cstdint>
#include <vector>

#include "locklab/sched/strategy.h"

namespace locklab::sched {

class Dfs final : public Strategy {
 public:
  explicit Dfs(std::uint32_t preemption_bound) : bound_(preemption_bound) {}
  std::string name() const override { return "dfs"; }
  bool next_schedule() override;
  std::uint16_t pick(const Choice& choice) override;
  void end_schedule(std::uint64_t steps) override;
  /// True once every schedule within the bound has been run.
  bool exhausted() const noexcept { return exhausted_; }
  std::uint32_t bound() const noexcept { return bound_; }

 private:
  struct Node {
    std::vector<std::uint16_t> options;  // the non-preempting choice first
    std::size_t chosen = 0;
    std::uint16_t current = 0;           // the thread that could go on (0: none)
    std::uint32_t preemptions_before = 0;
  };
  std::uint32_t bound_;
  std::vector<Node> stack_;
  bool started_ = false;
  bool exhausted_ = false;
};

}  // namespace locklab::sched
