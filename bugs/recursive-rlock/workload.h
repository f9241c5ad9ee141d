// recursive-rlock: the workload every variant runs, and how a run is judged
// (oracle.cpp).
//
// Threads: of the run's `threads`, `writers` post entries ("writer-<i>",
// "AddEntries": two debits and one credit each, then a pause of
// `write_gap_us`), and the rest read ("reader-<i>": "Net", every fourth time
// also "SumDebits", then a pause of `read_gap_us`, none by default).
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::recursive_rlock {

using MakeLedger = std::unique_ptr<Ledger> (*)(std::chrono::nanoseconds audit_time);

void run(RunContext& ctx, MakeLedger make);

/// Symptom: the run ended in a deadlock (or no progress), and the thread
/// dump shows a thread that holds Ledger.mu for reading while it waits to
/// read-lock Ledger.mu again, with a writer waiting to lock it.
OracleVerdict oracle(const Trace& run);

}  // namespace locklab::bugs::recursive_rlock
