// DeadlockWatch: the runner's check for wait cycles while a run goes on, so
// a lock cycle is reported as soon as it closes rather than when the
// watchdog's no-progress bound expires. Internal to the runner.
//
// A snapshot is taken without stopping the threads, so a wait that is
// ending (its thread was just granted the lock but has not run yet) can
// look like part of a cycle for a moment. A cycle counts only when two
// consecutive looks see it with the very same waits (same threads, same
// wait start times) and none of its threads has a wake-up pending: the
// threads of a real deadlock cannot change their waits, a passing
// interleaving always does.
//
// look_stuck() applies the same idea to the wider rule of wait_graph.h
// (channels, Conds, WaitGroups), over a longer time, since it rests on a
// judgement.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "locklab/trace/verdict.h"
#include "locklab/analysis/wait_graph.h"

namespace locklab::detail {

class DeadlockWatch {
 public:
  /// Looks at one snapshot; returns a cycle seen in this one and the last.
  std::optional<WaitCycle> look(const std::vector<ThreadSnapshot>& threads);

  /// Looks for threads stuck beside others that still run (a channel+lock
  /// deadlock while a ticker keeps going). The group counts once the very
  /// same waits have been stuck for `settle_ns` of run time and one of them
  /// waits for a lock another of them holds (a definite edge: a group made
  /// only of "likely" waits, a consumer whose producer has not sent yet,
  /// is left to the all-asleep watchdog).
  std::optional<StuckGroup> look_stuck(const std::vector<ThreadSnapshot>& threads, std::uint64_t now_ns,
                                       std::uint64_t settle_ns);

 private:
  std::vector<std::pair<std::uint16_t, std::uint64_t>> suspect_;  // (thread, wait stamp), sorted
  std::vector<std::pair<std::uint16_t, std::uint64_t>> stuck_;    // the stuck group's waits, sorted
  std::uint64_t stuck_since_ns_ = 0;
};

}  // namespace locklab::detail
