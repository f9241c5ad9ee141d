// mutex-copied-with-struct: what every variant works with.
//
// A Worker counts the jobs its handler threads finish and the bytes they
// process. Several handler threads report to one worker. The variants
// differ only in how the handler threads reach that worker: buggy.cpp gives
// each thread a copy of it, fixed.cpp a reference to the one worker.
#pragma once

#include <atomic>
#include <cstdint>

#include "locklab/core/run_context.h"

namespace locklab::bugs::mutex_copied_with_struct {

/// A worker's counts, as read by whoever asks.
struct Totals {
  std::uint64_t jobs = 0;
  std::uint64_t bytes = 0;
};

/// The worker's counts as stored. Atomics only so that a lost update stays a
/// lost update rather than undefined behaviour: each count is read, added
/// to and written back in two steps, which is safe only under one lock.
struct Tally {
  std::atomic<std::uint64_t> jobs{0};
  std::atomic<std::uint64_t> bytes{0};
};

/// What a handler thread calls once per finished job.
class Recorder {
 public:
  virtual void record(std::uint64_t bytes) = 0;

 protected:
  Recorder() = default;
  Recorder(const Recorder&) = default;
  ~Recorder() = default;
};

class Jobs;  // workload.h: the handler threads' work

/// Makes one worker, starts `handlers` threads that each run
/// jobs.handle(index, <their worker>), joins them, and returns the worker's
/// totals as the main thread reads them.
using Serve = Totals (*)(RunContext& ctx, Jobs& jobs, std::uint32_t handlers);

Totals serve_buggy(RunContext& ctx, Jobs& jobs, std::uint32_t handlers);  // buggy.cpp
Totals serve_fixed(RunContext& ctx, Jobs& jobs, std::uint32_t handlers);  // fixed.cpp

}  // namespace locklab::bugs::mutex_copied_with_struct
