// wrong-lock-in-embedded-struct: the workload every variant runs, and how a
// run is judged (oracle.cpp).
//
// Threads: one "leader" broadcasts entries back to back ("Broadcast"); each
// of the other `threads - 1` threads is a peer ("peer-<i>") acknowledging
// its entries as they arrive ("Ack"), pausing `idle_us` when it has nothing
// to acknowledge. When the run ends, main reads every peer's counts under
// the peer's lock and annotates their sums and how far in_flight drifted
// from sent - acked (kCountsNote).
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {

using MakeReplica = std::unique_ptr<Replica> (*)(std::uint32_t peers);

void run(RunContext& ctx, MakeReplica make);

/// Symptom: a lockset violation on a peer's progress (written under
/// Replica.mu in one thread and under the peer's own lock in another), or a
/// peer whose in_flight no longer equals sent - acked.
OracleVerdict oracle(const Trace& run);

/// "peer counts: sent S, acked A, in flight F; drift D over P peers", where
/// D sums |in_flight - (sent - acked)| over the peers.
inline constexpr const char* kCountsNote = "peer counts: ";

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
