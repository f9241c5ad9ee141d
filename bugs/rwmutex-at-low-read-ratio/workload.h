// rwmutex-at-low-read-ratio: the workload every variant runs, and how a run
// is judged (oracle.cpp).
//
// Threads: `threads` workers ("worker-<i>") serve operations back to back on
// one table of `keys` keys: each operation is a "Get" with probability
// read_pct percent, otherwise a "Put" of a random key. Each is timed on its
// own, so the latency table gives the exact number of each. A Get does
// read_us of CPU work under the lock (none by default). Each worker measures
// the CPU time it used; the workload closes with the annotation described
// at kCpuPrefix.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::rwmutex_at_low_read_ratio {

using MakeTable = std::unique_ptr<Table> (*)(std::chrono::nanoseconds read_work);

void run(RunContext& ctx, MakeTable make);

/// The prefix of the workload's closing annotation, "cpu: ops=<n>
/// cpu_ns=<n>": operations served and the CPU time the workers used.
inline constexpr std::string_view kCpuPrefix = "cpu: ";

/// Symptom: the table's lock is taken in shared mode, yet fewer than
/// kMinSharing of those read holds overlapped another read hold (measured on
/// the part of the run the events cover): the sharing an RWMutex is paid for
/// hardly happens.
OracleVerdict oracle(const Trace& run);

inline constexpr double kMinSharing = 0.25;
inline constexpr double kMinCpuGain = 1.1;

}  // namespace locklab::bugs::rwmutex_at_low_read_ratio
