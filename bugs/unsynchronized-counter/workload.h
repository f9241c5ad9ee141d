// unsynchronized-counter: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: `threads` workers ("worker-<i>") call inc() back to back, in
// batches of `batch` ("Batch" operations), each keeping its own exact count
// of the increments it made. After joining them, the workload compares the
// counter with the sum of those counts and records both in an annotation,
//   "tally: increments=<made> counted=<value()>"
// which is what the oracle reads.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::unsynchronized_counter {

using MakeCounter = std::unique_ptr<Counter> (*)();

void run(RunContext& ctx, MakeCounter make);

/// The annotation's prefix (the oracle looks for it).
inline constexpr std::string_view kTallyPrefix = "tally: ";

/// Symptom: the counter ends below the increments made (lost updates).
OracleVerdict oracle(const Trace& run);

}  // namespace locklab::bugs::unsynchronized_counter
