// RunQueue: runs variants of a bug one after another, each in a child
// process (the locklab CLI writing a streamed trace to a temporary file),
// and follows each trace as it grows (LiveRun: new chunks read on a worker
// thread every few hundred ms). poll() is called once a frame and never
// blocks, so the GUI stays live whatever a run does.
//
// One run at a time: two runs side by side on a 2-core machine would steal
// each other's cores and distort exactly the figures being compared.
//
// While a child runs, poll() hands out `live` outcomes: the trace so far,
// to draw as it grows. A run ends in one of these ways, each with a clear
// message, and with whatever trace the child wrote:
//   - the CLI exits 0 or 1 (1: a result not as expected): the finished run;
//   - it exits 2 (bad settings): the CLI's own error line is quoted;
//   - it crashes (a signal): "crashed with SIGSEGV after 1.2 s; showing the
//     trace so far: N events" (an abort reads "aborted with SIGABRT after
//     ..."), and the last lines it printed;
//   - it outlives its bound (duration + kBoundMarginMs): it is killed, and
//     the message says so the same way.
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
#include "live_run.h"
#include "loaded_run.h"

namespace locklab::viz {

struct RunRequest {
  std::string bug;
  std::string variant;   // a variant's own name
  int slot = 0;          // 0: the buggy timeline, 1: the fixed one
  std::uint32_t threads = 0;        // 0: the bug's default
  std::uint64_t duration_ms = 0;    // 0: the bug's default
  std::map<std::string, std::string> params;
  std::uint32_t events_per_thread = 0;  // each thread's event budget (0: the CLI's default)
  /// When not empty, the program to run instead of `locklab run` (an
  /// exercise binary and its arguments); "--trace PATH" is appended.
  /// threads and params are then the command's business.
  std::vector<std::string> command;
};

struct RunOutcome {
  RunRequest request;
  LoadedRun run;         // run.ok() when there is something to show
  std::string message;   // what happened, one or more lines (errors, warnings)
  bool failed = false;   // the run did not end normally (crash, kill, bad settings)
  bool live = false;     // the run is still going: this is its trace so far
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
  /// Starts, watches, kills and follows; returns the runs that finished,
  /// and the trace so far of the one going when it grew (`live`).
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
    std::unique_ptr<LiveRun> live;   // follows trace_path
    bool child_ended = false;
  };
  void start_next();
  // Advances the current run; true when it is over (its outcome in `out`).
  bool step_current(std::vector<RunOutcome>& out);
  RunOutcome final_outcome(Current& c, LoadedRun run) const;

  std::string locklab_, work_dir_;
  std::deque<RunRequest> queue_;
  std::unique_ptr<Current> current_;
  std::vector<std::unique_ptr<LiveRun>> orphans_;  // followers of cancelled runs, busy until idle
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
