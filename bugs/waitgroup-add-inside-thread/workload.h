// waitgroup-add-inside-thread: the workload every variant runs, and how a
// run is judged (oracle.cpp).
//
// Threads: `threads` gatherers ("gatherer-<i>"), each building pages in a
// loop: one "Gather" of `parts` parts (each part fetched on its own thread,
// "fetch-<n>", one "Fetch" of `fetch_ms`), then a pause of `gap_ms`. A
// gatherer that gets a page with parts missing marks it on its timeline (an
// annotation "partial page: <k> of <n> parts missing ...").
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::waitgroup_add_inside_thread {

using MakeGatherer = std::unique_ptr<Gatherer> (*)(StartThread start);

void run(RunContext& ctx, MakeGatherer make);

/// Symptom: at least one gather returned from wait() with parts missing
/// (counted from the "partial page" annotations).
OracleVerdict oracle(const Trace& run);

inline constexpr const char* kPartial = "partial page: ";  // the annotation's prefix

}  // namespace locklab::bugs::waitgroup_add_inside_thread
