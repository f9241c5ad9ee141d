// Internal: the one skeleton of a run, shared by its two drivers: the real
// driver (runner.cpp: OS threads, a monitor, a watchdog) and the controlled
// driver (lab/sched/controlled_run.cpp: fibers, virtual time, a strategy).
//
// Everything that does not depend on how threads start and time passes is
// here, once: checking the settings (threads, duration, parameters, variant),
// resetting the runtime, the RunInfo and the RunContext, the body of the
// "main" lab thread, the verdict of a run that stopped early or ended on its
// own (failures, errors, settings the workload refused), and the Trace. A
// driver only starts the main thread, lets time pass, decides when to stop,
// and cancels and joins.
//
// Parameters keep their exact value: text is parsed once, strictly, into a
// double, and the RunInfo shows it in the shortest text that reads back as
// the same double (1e-07 stays 1e-07).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "locklab/core/run_context.h"
#include "locklab/core/runtime.h"
#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/trace/trace.h"
#include "locklab/trace/verdict.h"

namespace locklab::detail {

/// A run's settings, checked.
struct RunPlan {
  std::string name;      // the bug's id, or the workload's name
  std::string variant;   // "" for a plain workload
  std::function<void(RunContext&)> workload;
  RunConfig config;      // threads and duration_ms set; params as typed
  std::map<std::string, double> params;  // every parameter, exact
};

/// Checks `config` for a plain workload (threads and duration must be set;
/// every parameter must be a number). Throws ConfigError.
RunPlan plan_workload(const std::string& name, std::function<void(RunContext&)> workload,
                      const RunConfig& config);
/// Checks `config` for `variant` of `bug`: the variant exists, and the
/// parameters are the bug's, in range (resolve_params). Unset threads and
/// duration must have been filled by the driver (each has its defaults).
/// Throws ConfigError.
RunPlan plan_bug(const BugInfo& bug, const std::string& variant, const RunConfig& config);

/// One run in progress: begun by the constructor, ended by finish().
class RunFrame {
 public:
  explicit RunFrame(const RunPlan& plan);
  ~RunFrame();  // ends the runtime's run if finish() was not reached
  RunFrame(const RunFrame&) = delete;
  RunFrame& operator=(const RunFrame&) = delete;

  RunContext& ctx() noexcept { return ctx_; }
  const RunInfo& info() const noexcept { return info_; }
  /// The first failure a primitive raised in this run (any thread).
  std::optional<Failure> failure() const;

  /// The body of the run's "main" lab thread `self`: runs the workload,
  /// keeps what it threw (a std::invalid_argument before any thread started
  /// is the workload refusing its settings), joins every thread it started,
  /// marks `self` done.
  void run_main(ThreadRecord& self);

  /// The verdict of a run the driver stops early: `v` has its kind and
  /// summary (an empty deadlock summary is filled from the wait-for graph);
  /// adds the time, the thread snapshot, the deadlock's explanation and the
  /// dump. Call before cancelling the waits.
  Verdict stopped(Verdict v, std::uint64_t end_ticks) const;
  /// The verdict of a run whose threads all ended: a failure raised late,
  /// an error (with Verdict::settings_error), or completed.
  Verdict ended(std::uint64_t end_ticks);

  /// Builds the Trace and ends the runtime's run.
  Trace finish(const Verdict& verdict, std::uint64_t end_ticks, std::vector<ProgressSample> samples);

 private:
  static bool begin_runtime(const RunPlan& plan, RunFrame* frame);

  mutable std::mutex mu_;
  std::optional<Failure> failure_;  // guarded by mu_
  const bool begun_;                // the runtime's run began (before ctx_ exists)
  RunInfo info_;
  RunContext ctx_;
  const std::function<void(RunContext&)> workload_;
  std::string main_error_;          // written by the main thread before it is done
  std::string settings_error_;      // likewise
  bool finished_ = false;
};

/// The verdict a primitive's failure (self-deadlock, panic) gives.
Verdict failure_verdict(const Failure& f);
/// The shortest decimal text that reads back as `v` ("20", "0.5", "1e-07").
std::string number_text(double v);

}  // namespace locklab::detail
