// Controlled runs: one run of a workload (or a bug's variant) with every lab
// thread a fiber on the calling OS thread, one running at a time, the
// strategy deciding at every scheduling point who goes next, on virtual time.
//
// What changes against a real run (runner.h):
//   - sleeps, io, compute, timers and timed waits take virtual time, which
//     jumps forward whenever no thread can run: a run is fast and its
//     timestamps are reproducible;
//   - RunContext::running() turns false after `stop_after_steps` decisions
//     or the run's duration in virtual time, whichever comes first;
//   - a deadlock is seen at once, exactly: no thread can run and nothing is
//     pending in time. The verdict is kDeadlock with the wait-for graph's
//     explanation and a thread dump, as in a real run; the waits are then
//     cancelled so every thread unwinds;
//   - threads still running after `max_steps` decisions end the run as
//     kNoProgress (a livelock, or a workload too long for controlled runs);
//   - there is no watchdog, no monitor thread and no progress sampling.
// Same seed, same strategy decisions: same run, event for event (tested).
//
// Runs on the calling thread, one at a time per process (like real runs);
// not from inside another run.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/core/sched_point.h"
#include "locklab/sched/strategy.h"
#include "locklab/trace/trace.h"

namespace locklab::sched {

struct ControlledLimits {
  std::uint64_t stop_after_steps = 400;  // then running() turns false
  std::uint64_t max_steps = 4000;        // then the run ends as kNoProgress
};

/// One decision of a controlled run: who ran, and what it did.
struct Step {
  std::uint16_t thread = 0;   // kTimersId (0): the due timers fired (op kTimersFire)
  SchedOp op = SchedOp::kStart;
  std::uint32_t object = 0;   // the primitive (Trace::objects id), 0 none
  std::uint64_t site = 0;     // Site key (Site::describe)
  bool resumed = false;       // it went on with a wait that had blocked
  bool preemption = false;    // picked while the previous thread could go on
};

/// A choice made inside a step: a select's ready case, a spurious wake-up.
struct StepChoice {
  std::uint64_t step = 0;      // index into ControlledRun::steps
  std::uint16_t thread = 0;
  ChoiceKind kind = ChoiceKind::kSelectCase;
  std::uint32_t options = 0;   // how many there were
  std::uint32_t value = 0;     // which was taken (select: the n-th ready case, in case order)
  std::uint32_t object = 0;    // select: the channel of the case taken (0 none)
  std::uint64_t site = 0;
};

struct ControlledRun {
  Trace trace;
  std::vector<Step> steps;
  std::vector<StepChoice> choices;  // empty when the strategy left them to the primitives
  bool choices_drawn = false;       // the strategy decided timers and choices (Strategy::draws_choices)
  std::uint32_t preemptions = 0;
  /// The thread ids picked, one per step: the schedule's steps.
  std::vector<std::uint16_t> picks() const;
  /// The choices' answers, in order: the schedule's choices.
  std::vector<std::uint32_t> choice_values() const;
};

/// Runs `workload` under `strategy` (config: threads and duration_ms must be
/// set, as for run_workload). Throws ConfigError for a bad configuration.
ControlledRun run_workload_controlled(const std::string& name, const std::function<void(RunContext&)>& workload,
                                      const RunConfig& config, Strategy& strategy,
                                      const ControlledLimits& limits = {});

/// Runs `variant` of `bug` under `strategy`; unset threads and duration take
/// the bug's controlled defaults (BugInfo::controlled), then its defaults.
ControlledRun run_bug_controlled(const BugInfo& bug, const std::string& variant, const RunConfig& config,
                                 Strategy& strategy, const ControlledLimits& limits = {});

/// "T2 (writer-0) lock Ledger.mu at buggy.cpp:24 (BuggyLedger::add_entries)";
/// a resumed wait reads "T2 (writer-0) resumes lock ...".
std::string describe_step(const Trace& trace, const Step& step);

/// The configuration a controlled run of `bug` uses: `config` with unset
/// threads, duration and parameters filled from BugInfo::controlled.
RunConfig controlled_config(const BugInfo& bug, const RunConfig& config);

}  // namespace locklab::sched
