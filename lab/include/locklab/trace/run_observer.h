// RunObserver: the interface through which a run tells a watcher that it
// started and is ending. The trace layer owns it (its streaming writer,
// trace_stream.h, is one observer); the runner (lab/run) calls it, so the
// trace layer never includes the runner.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "locklab/trace/trace.h"

namespace locklab {

/// Watches a run while it goes (the streaming trace writer, trace_stream.h,
/// is one). Both calls come on the thread that called run_bug/run_workload (run/runner.h).
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  /// The run has begun: Runtime::begin_run() is done, the workload is about
  /// to start. From now until run_bug returns, Runtime's thread records,
  /// objects, op names and gauges may be read from any thread (they stay
  /// valid until the next run begins). `annotations` returns the run's
  /// annotations so far; it may be called from any thread until
  /// run_ending() returns, not after.
  virtual void run_started(const RunInfo& info, std::function<std::vector<std::string>()> annotations) = 0;
  /// Every lab thread has ended (their records are final); the Trace is not
  /// built yet.
  virtual void run_ending() = 0;
};

}  // namespace locklab
