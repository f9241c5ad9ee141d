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
// configuration: its threads, its step limit, and fair schedules only: see
// kFairnessBound).
//
// The other choices of a run are decisions of the search too, enumerated in
// full (no bound): each ready case of a select, each spurious wake-up when
// enabled (choose()), and the moment due timers fire (the timers are a
// runnable option, kTimersId, at every decision until they fire; firing them
// while the running thread could go on counts as a preemption, as picking
// another thread would).
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
  std::uint32_t choose(const DataChoice& c) override;
  void end_schedule(std::uint64_t steps) override;
  /// True once every schedule within the bound has been run.
  bool exhausted() const noexcept { return exhausted_; }
  std::uint32_t bound() const noexcept { return bound_; }
  /// Decisions met so far with due timers among the options, and choices
  /// inside steps (select cases, spurious wake-ups): what the search
  /// enumerated besides thread switches (for the certificate's words).
  std::uint64_t timer_points() const noexcept { return timer_points_; }
  std::uint64_t data_points() const noexcept { return data_points_; }

 private:
  struct Node {
    bool data = false;                   // a choose() (option indices), else a pick() (thread ids)
    std::vector<std::uint32_t> options;  // pick: the non-preempting choice first
    std::size_t chosen = 0;
    std::uint16_t current = 0;           // pick: the thread that could go on (0: none)
    std::uint32_t preemptions_before = 0;
  };
  static std::uint32_t preemptions_after(const Node& n) noexcept;
  /// The recorded decision at pos_ (a prefix being replayed); checks it fits.
  std::uint32_t replayed(bool data, std::span<const std::uint16_t> runnable, std::uint32_t options);
  std::uint32_t bound_;
  std::vector<Node> stack_;
  std::size_t pos_ = 0;                  // decisions made in this schedule
  std::uint64_t timer_points_ = 0;
  std::uint64_t data_points_ = 0;
  bool started_ = false;
  bool exhausted_ = false;
};

}  // namespace locklab::sched
