// RunQueue: runs variants of a bug one after another, each in a child
// process (the locklab CLI writing a trace to a temporary file), and loads
// each trace on a worker thread when its child ends. poll() is called once a
// frame and never blocks, so the GUI stays live whatever a run does.
//
// One run at a time: two runs side by side on a 2-core machine would steal
// each other's cores and distort exactly the figures being compared.
//
// A run ends in one of these ways, each with a clear message:
//   - the CLI exits 0 or 1 (1: a result not as expected, still a trace) and
//     its trace loads: the outcome carries the run;
//   - it exits 2 (bad settings): the CLI's own error line is quoted;
//   - it crashes (a signal): "crashed (SIGSEGV: Segmentation fault)" or
//     "aborted (SIGABRT)", and the last lines it printed;
//   - it outlives its bound (duration + kBoundMarginMs): it is killed and
//     the message says so.
// The CLI writes its trace when a run ends, so a killed or crashed child
// leaves no trace to show.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"
#include "loaded_run.h"

namespace locklab::viz {

struct RunRequest {
  std::string bug;
  std::string variant;   // a variant's own name
  int slot = 0;          // 0: the buggy timeline, 1: the fixed one
  std::uint32_t threads = 0;        // 0: the bug's default
  std::uint64_t duration_ms = 0;    // 0: the bug's default
  std::map<std::string, std::string> params;
};

struct RunOutcome {
  RunRequest request;
  LoadedRun run;         // run.ok() when there is something to show
  std::string message;   // what happened, one or more lines (errors, warnings)
  bool failed = false;   // no trace to show
};

class RunQueue {
 public:
  /// Time a child may take beyond its run's duration (start-up, the
  /// watchdog ending a deadlock, writing the trace) before it is killed.
  static constexpr std::uint64_t kBoundMarginMs = 30'000;

  /// `locklab` is the CLI's path; traces and logs go to `work_dir`.
  RunQueue(std::string locklab, std::string work_dir);

  void push(RunRequest request);
  /// Forgets queued runs and kills the running one (its outcome is dropped).
  void cancel_all();
  /// Starts, watches, kills and loads; returns the runs that finished.
  std::vector<RunOutcome> poll();

  bool busy() const noexcept { return current_ != nullptr || !queue_.empty(); }
  /// "running buggy (2 of 2 queued), 0.8 s of about 1.5 s" and a fraction for
  /// a progress bar (0..1, estimated from the duration).
  std::string progress_text() const;
  double progress_fraction() const;
  /// The slot the current run will fill, or -1.
  int current_slot() const noexcept;

  /// Overrides the bound margin (tests).
  void set_bound_margin(std::chrono::milliseconds margin) { margin_ = margin; }
  /// The command line a request runs (for messages and tests).
  std::vector<std::string> command_for(const RunRequest& request, const std::string& trace_path) const;

 private:
  struct Current {
    RunRequest request;
    std::uint64_t duration_ms = 0;   // expected, for the progress bar
    std::string trace_path, log_path;
    ChildProcess child;
    std::optional<std::future<LoadedRun>> load;
    std::string message;             // child's ending, kept for the outcome
  };
  void start_next();
  std::optional<RunOutcome> step_current();

  std::string locklab_, work_dir_;
  std::deque<RunRequest> queue_;
  std::unique_ptr<Current> current_;
  std::vector<std::future<LoadedRun>> orphans_;  // loads of cancelled runs
  std::chrono::milliseconds margin_{kBoundMarginMs};
  std::uint64_t serial_ = 0;
};

/// The locklab CLI next to this executable (or $LOCKLAB_CLI when set).
std::string default_locklab_path();

/// A fresh private directory for a session's traces, under $TMPDIR or /tmp.
std::string make_work_dir();
/// Removes a directory made by make_work_dir and its files.
void remove_work_dir(const std::string& dir);

}  // namespace locklab::viz
