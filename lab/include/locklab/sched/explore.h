// Explore: run a bug's variant under the controlled scheduler, schedule
// after schedule, until one fails or the budget is spent.
//
// A controlled run fails when it ends badly (deadlock, self-deadlock,
// panic, no end within the step limit, a thread threw) or when the bug's
// oracle reports its symptom. The failing schedule is returned as data (a
// Schedule, ready to save) with its steps and the run's trace.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/sched/controlled.h"
#include "locklab/sched/schedule.h"
#include "locklab/sched/strategy.h"

namespace locklab::sched {

struct ExploreOptions {
  std::string strategy = "pct";   // random, pct, dfs
  std::uint32_t depth = 3;        // pct
  std::uint32_t preemptions = 2;  // dfs
  std::uint64_t budget = 0;       // schedules; 0 with no time limit: kDefaultBudget
  double time_s = 0;              // wall-clock limit in seconds (0: none)
  std::uint64_t seed = 1;
  RunConfig run;                  // threads, duration, params (unset: the bug's controlled defaults)
  ControlledLimits limits;
  /// Called every few schedules with the count so far; returning false stops
  /// the search (Ctrl-C).
  std::function<bool(std::uint64_t schedules)> on_progress;
};

inline constexpr std::uint64_t kDefaultBudget = 10000;

struct ExploreResult {
  std::uint64_t schedules = 0;   // schedules run
  bool found = false;            // a failing schedule was found
  bool exhausted = false;        // dfs ran every schedule within its bound
  bool interrupted = false;      // on_progress said stop
  double seconds = 0;
  std::uint64_t total_steps = 0;
  /// What the search met, over every schedule it ran: the certificate's
  /// words (what was explored) come from these.
  struct Covered {
    std::uint32_t threads = 0;                  // the workload (the last run's settings)
    std::map<std::string, std::string> params;
    std::uint64_t timer_firings = 0;            // steps where the due timers fired
    std::uint64_t select_choices = 0;           // ready-case choices of selects
    std::uint64_t spurious_choices = 0;         // spurious wake-up choices
    bool choices_drawn = false;                 // the strategy decided them (not the run seed)
  } covered;
  ControlledRun failing;         // the failing run (when found)
  OracleVerdict oracle;          // the oracle on the failing run
  Schedule schedule;             // the failing schedule (when found)
};

/// A strategy from the options. Throws ConfigError for an unknown name or a
/// bad depth.
std::unique_ptr<Strategy> make_strategy(const ExploreOptions& options);

/// Does this controlled run of `bug` fail? Fills `oracle` if given.
bool run_fails(const BugInfo& bug, const Trace& trace, OracleVerdict* oracle = nullptr);

/// Explores `variant` of `bug`. Throws ConfigError for bad options.
ExploreResult explore(const BugInfo& bug, const std::string& variant, const ExploreOptions& options);

/// The schedule of `run` of `bug` (its settings and steps).
Schedule schedule_of(const BugInfo& bug, const ControlledRun& run, const std::string& strategy,
                     std::uint64_t seed, const ControlledLimits& limits);

/// Replays `schedule` against `variant` (the schedule's own when empty).
struct ReplayResult {
  ControlledRun run;
  OracleVerdict oracle;
  bool failed = false;
  bool diverged = false;
  std::string divergence;
};
ReplayResult replay(const BugInfo& bug, const Schedule& schedule, const std::string& variant = {});

}  // namespace locklab::sched
