// atomic-pointer-mutated-in-place: the workload every variant runs, and how
// a run is judged (oracle.cpp).
//
// Threads: the first `writers` threads are resharders ("resharder-<i>"):
// each reshards ("Reshard", cycling through 4, 8, 16, 32 and 64 shards) then
// pauses gap_ms. The other threads are readers ("reader-<i>"): each
// "Lookup" operation reads the plan `batch` times and checks the invariant
// every time. Readers add their torn reads to the gauge "torn reads" as they
// go (for the timeline); after joining everyone the workload records exact
// totals as an annotation,
//   "plans: reads=<n> torn=<n> reshards=<n> retries=<n> example=<shards>x<slots>"
// (example: the first torn plan a reader saw, 0x0 if none), which is what
// the oracle reads.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::atomic_pointer_mutated_in_place {

using MakeHolder = std::unique_ptr<PlanHolder> (*)(std::chrono::nanoseconds plan_time);

void run(RunContext& ctx, MakeHolder make);

/// The annotation's prefix (the oracle looks for it).
inline constexpr std::string_view kTallyPrefix = "plans: ";

/// Symptom: readers saw at least one plan whose fields break the invariant.
OracleVerdict oracle(const Trace& run);

}  // namespace locklab::bugs::atomic_pointer_mutated_in_place
