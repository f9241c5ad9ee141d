// rlock-held-across-blocking-submit: the workload every variant runs, and
// how a run is judged (oracle.cpp).
//
// Threads: of the run's `threads`, `broadcasters` broadcast ("broadcaster-<i>",
// "Broadcast" on a random one of three streams, then a pause of
// `broadcast_gap_us`), and the rest are clients ("client-<i>"): each
// subscribes to a random stream ("Subscribe"), stays `stay_ms`, unsubscribes
// ("Unsubscribe") and pauses `stay_ms` again. The hub's pool has `workers`
// workers ("Hub.pool.worker-<i>") and `queue` places; each delivery to a
// client is a socket write of `write_us`.
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {

using MakeHub = std::unique_ptr<Hub> (*)(RunContext& ctx, const HubConfig& config);

void run(RunContext& ctx, MakeHub make);

/// Symptom: the run ended in a deadlock (or no progress), and the thread
/// dump shows the circle: a thread waiting in the pool's submit() while
/// holding Hub.mu for reading, a pool worker waiting to read-lock Hub.mu,
/// and a thread waiting to write-lock Hub.mu.
OracleVerdict oracle(const Trace& run);

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
