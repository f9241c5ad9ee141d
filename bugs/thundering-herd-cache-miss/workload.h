// thundering-herd-cache-miss: the workload every variant runs, and how a
// run is judged (oracle.cpp).
//
// Threads: `threads` requesters ("requester-<i>") each get() one of `keys`
// hot keys ("Get"), pausing `gap_ms` between requests; an "expirer" clears
// the cache every `ttl_ms` (a TTL running out for every key at once).
// Computing a value burns `compute_ms` of CPU. The workload counts every
// computation honestly, as one of two operations: "Compute", the first
// computation of a key since the cache was last cleared (one the cache
// needed), and "Recompute", any further computation of the same key in the
// same period (work a herd wastes). The gauge "computations running" shows
// how many run at each moment. At the end the workload checks that every
// get() returned the key's value.
#pragma once

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::thundering_herd_cache_miss {

using MakeCache = std::unique_ptr<Cache> (*)(ComputeFn compute);

void run(RunContext& ctx, MakeCache make);

/// Symptom: computations per needed computation (Compute + Recompute over
/// Compute) are kMinPerFill or more: the herd computes each value several
/// times.
OracleVerdict oracle(const Trace& run);

inline constexpr double kMinPerFill = 2.0;

}  // namespace locklab::bugs::thundering_herd_cache_miss
