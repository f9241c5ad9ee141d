// Strategy: who runs next, at each scheduling point of a controlled run.
//
// One small interface, one file per strategy (random_walk.h, pct.h, dfs.h,
// replay.h). A strategy sees only thread ids: the runnable ones at a
// decision, and which of them was running (choosing another one while that
// one could go on is a preemption). Runs are deterministic given the
// decisions (one OS thread, virtual time, seeded randomness), so a strategy
// that makes the same decisions gets the same run: that is what makes
// schedules replayable and depth-first search possible.
//
//   for (strategy.next_schedule(); ...) {       // false: no schedules left
//     ... run: at every decision, strategy.pick(choice) ...
//     strategy.end_schedule(steps);
//   }
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace locklab::sched {

/// One decision of the scheduler.
struct Choice {
  /// Thread ids that can run now, ascending; never empty.
  std::span<const std::uint16_t> runnable;
  /// The thread that was running and reached a scheduling point, if it can
  /// go on (0 when it blocked or ended: then no pick is a preemption).
  std::uint16_t current = 0;
  /// The decision's index in this schedule (0, 1, ...).
  std::uint64_t step = 0;
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  /// "random", "pct", "dfs", "replay".
  virtual std::string name() const = 0;
  /// Prepares the next schedule. False when the strategy has no more (an
  /// exhausted depth-first search); random ones always have another.
  virtual bool next_schedule() = 0;
  /// Picks one of `choice.runnable`.
  virtual std::uint16_t pick(const Choice& choice) = 0;
  /// The schedule just ended after `steps` decisions.
  virtual void end_schedule(std::uint64_t steps) = 0;
  /// Whether the controller bounds this strategy's unfairness (see
  /// kFairnessBound): the searching strategies are; a replay is not, since
  /// it repeats a schedule exactly (forced steps included).
  virtual bool fair() const { return true; }
};

/// Fair scheduling, as CHESS and shuttle do it: a thread that could run at
/// this many decisions in a row without being picked is the only choice
/// offered at the next one. So no strategy manufactures a liveness failure
/// (a correct endless loop between two threads while a third, the one that
/// would end it, never runs); starvation shorter than the bound, where a
/// bug's window usually lies, is still explored.
inline constexpr std::uint32_t kFairnessBound = 100;

/// True when `id` is in `runnable`.
inline bool contains(std::span<const std::uint16_t> runnable, std::uint16_t id) noexcept {
  for (std::uint16_t r : runnable)
    if (r == id) return true;
  return false;
}

}  // namespace locklab::sched
