// global-counter-lock: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: `threads` workers ("worker-<i>") serve requests back to back
// ("Request"), each request calling inc() `incs` times; a "scraper" reads
// value() every 10 ms ("Read"). At the end the workload checks that value()
// equals the increments made, so a variant that loses updates fails its run
// with an error.
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::global_counter_lock {

using MakeCounter = std::unique_ptr<Counter> (*)(std::uint32_t shards);

void run(RunContext& ctx, MakeCounter make);

/// Symptom: the top of the contention profile (by waiter) is Counter.mu in
/// inc(), and lock waits take at least kMinWaitShare of all thread time.
OracleVerdict oracle(const Trace& run);
/// Symptom: the fixed run serves at least kMinSpeedup times the operations
/// per second.
OracleVerdict compare(const Trace& buggy, const Trace& fixed);

inline constexpr double kMinWaitShare = 0.20;  // of all lab threads' time
inline constexpr double kMinSpeedup = 2.0;

}  // namespace locklab::bugs::global_counter_lock
