// Strategy: who runs next, at each scheduling point of a controlled run,
// and every other choice the run leaves to chance.
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
//     ... run: at every decision, strategy.pick(choice);
//         inside a thread's step, strategy.choose(data) ...
//     strategy.end_schedule(steps);
//   }
//
// What a strategy decides (when draws_choices(), the searching strategies
// and replays of their schedules):
//   - which thread runs: pick(), among the runnable ids;
//   - when due timers fire: a timer whose deadline the virtual clock has
//     reached does not fire by itself; "the timers" are a runnable option
//     with id kTimersId (0) at every decision until picked, so a thread woken
//     at the same instant, or already running, may take steps first;
//   - which ready case a select takes, and whether a Cond wait may return
//     spuriously (when enabled): choose(), one of `options`.
// A strategy that does not draw choices (step mode, which steps threads by
// hand) gets the behaviour of a real run for the rest: timers fire as soon
// as they are due, and primitives draw their choices from the thread's
// generator seeded by the run seed.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "locklab/core/sched_point.h"

namespace locklab::sched {

/// The option "the due timers fire" among the runnable ids (no thread has id 0).
inline constexpr std::uint16_t kTimersId = 0;

/// One decision of the scheduler.
struct Choice {
  /// Thread ids that can run now, ascending; never empty. May hold
  /// kTimersId (first, then) when timers are due and draws_choices().
  std::span<const std::uint16_t> runnable;
  /// The thread that was running and reached a scheduling point, if it can
  /// go on (0 when it blocked or ended: then no pick is a preemption).
  std::uint16_t current = 0;
  /// The decision's index in this schedule (0, 1, ...).
  std::uint64_t step = 0;
};

/// A choice inside a thread's step (a select's ready case, a spurious
/// wake-up), made while that thread runs.
struct DataChoice {
  ChoiceKind kind = ChoiceKind::kSelectCase;
  std::uint32_t options = 2;  // >= 2; the answer is in [0, options)
  std::uint16_t thread = 0;   // who is choosing
  std::uint64_t step = 0;     // the index of the decision that thread is running in
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
  /// Whether this strategy decides due timers and choose() (see above).
  virtual bool draws_choices() const { return true; }
  /// One of `c.options` (called only when draws_choices()).
  virtual std::uint32_t choose(const DataChoice& c) = 0;
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
