// mutex-copied-with-struct: the workload every variant runs, and how a run
// is judged (oracle.cpp).
//
// Threads: `threads` handlers ("handler-<i>") finish jobs back to back, each
// job one "Record" operation that reports its size (1 to `max_bytes` bytes)
// to the worker, which takes `update_ns` to fold it into its counts. When
// the run ends, main reads the worker's totals and annotates them next to
// what the handlers really did (kTotalsNote).
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::mutex_copied_with_struct {

/// The handler threads' side: makes jobs, times them, counts them.
class Jobs {
 public:
  Jobs(RunContext& ctx, std::uint32_t handlers);

  /// Handles jobs until the run ends, reporting each to `worker`. Called
  /// once by each handler thread, with its own index.
  void handle(std::uint32_t index, Recorder& worker);

  /// How long a worker takes to fold one job into its counts (update_ns).
  std::chrono::nanoseconds update_time() const { return update_time_; }

  /// What the handlers did, summed (after they have been joined).
  Totals done() const;

 private:
  RunContext& ctx_;
  const std::uint32_t op_;
  const std::uint64_t max_bytes_;
  const std::chrono::nanoseconds update_time_;
  std::vector<Totals> done_;  // one per handler, written once at its end
};

void run(RunContext& ctx, Serve serve);

/// Symptom: a lockset violation on Worker.tally (threads updated it under
/// different locks), and the worker counted fewer jobs or bytes than the
/// handlers recorded (lost updates).
OracleVerdict oracle(const Trace& run);

/// The annotation main leaves at the end: "worker totals: counted J jobs
/// and B bytes; handlers did J2 jobs and B2 bytes".
inline constexpr const char* kTotalsNote = "worker totals: ";

}  // namespace locklab::bugs::mutex_copied_with_struct
