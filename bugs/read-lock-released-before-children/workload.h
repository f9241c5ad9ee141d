// read-lock-released-before-children: the workload every variant runs, and
// how a run is judged (oracle.cpp).
//
// Threads: the "leader" broadcasts the state every `heartbeat_ms`
// ("Broadcast"), each broadcast starting one child per peer (`threads` peers,
// "send-<n>", one "Send" each, encoding for `encode_us`); the "applier"
// applies an entry (`apply_us` under the write lock, "Apply") every
// `apply_gap_us`. When the last message of a broadcast is in, a broadcast
// whose messages do not all carry the header's version is marked on the
// timeline (an annotation "mixed broadcast: <k> of <n> messages ...").
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::read_lock_released_before_children {

using MakeReplica = std::unique_ptr<Replica> (*)(StartThread start, const ReplicaConfig& config);

void run(RunContext& ctx, MakeReplica make);

/// Symptom: at least one broadcast whose peers got messages built from a
/// version other than its header's (counted from the "mixed broadcast"
/// annotations).
OracleVerdict oracle(const Trace& run);

inline constexpr const char* kMixed = "mixed broadcast: ";  // the annotation's prefix

}  // namespace locklab::bugs::read_lock_released_before_children
