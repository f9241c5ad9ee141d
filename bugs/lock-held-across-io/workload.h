// lock-held-across-io: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: of the run's `threads`, `savers` save ("saver-<i>", one "Save"
// operation each) and the rest load ("loader-<i>", "Load"). Each thread
// pauses `gap_ms` between operations (the next request arriving). Keys are
// drawn from 64, per thread from the run's seed.
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::lock_held_across_io {

using MakeStore = std::unique_ptr<Store> (*)(std::chrono::nanoseconds persist_time);

void run(RunContext& ctx, MakeStore make);

/// Symptom: Load's p99 is at least kMinLoadStall of one persist (io_ms), and
/// save() holds Store.mu for kMinSaveHold of a persist or longer on average
/// (the write is inside the lock).
OracleVerdict oracle(const Trace& run);
/// Symptom: the buggy run's Load p99 is at least kMinLoadRatio times the
/// fixed run's.
OracleVerdict compare(const Trace& buggy, const Trace& fixed);

inline constexpr double kMinLoadStall = 0.5;
inline constexpr double kMinSaveHold = 0.5;
inline constexpr double kMinLoadRatio = 10.0;

}  // namespace locklab::bugs::lock_held_across_io
