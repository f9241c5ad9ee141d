// read-mostly-map-under-writes: the workload every variant runs, and how a
// run is judged (oracle.cpp).
//
// Threads: `threads` workers ("worker-<i>") each handle a stream of
// requests, every request with a key no one used before. For each request a
// worker stores its key ("Store"), looks up one of its `window` most recent
// keys ("Load"), and erases the key that leaves the window ("Delete"): two
// writes for every read, and every stored key new. At the end each worker
// checks that its last keys are still there with the values it stored.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::read_mostly_map_under_writes {

using MakeMap = std::unique_ptr<ConcurrentMap> (*)(std::uint32_t shards);

void run(RunContext& ctx, MakeMap make);

/// The prefix of the workload's closing annotation, "cpu: ops=<n>
/// cpu_ns=<n>": map operations made and the CPU time the workers used.
inline constexpr std::string_view kCpuPrefix = "cpu: ";

/// Symptom: the lock taken most often is SyncMap.mu, and at least
/// kMinThroughOneLock of the map operations took it (counted over the part
/// of the run the events cover): the map funnels most of its traffic
/// through one lock.
OracleVerdict oracle(const Trace& run);

inline constexpr double kMinThroughOneLock = 0.25;
inline constexpr double kMinCpuGain = 1.3;

}  // namespace locklab::bugs::read_mostly_map_under_writes
