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

 private:
  std::vector<std::pair<std::uint16_t, std::uint64_t>> suspect_;  // (thread, wait stamp), sorted
};

}  // namespace locklab::detail
