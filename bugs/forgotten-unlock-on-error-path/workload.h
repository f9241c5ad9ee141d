// forgotten-unlock-on-error-path: the workload every variant runs, and how
// a run is judged (oracle.cpp).
//
// A server keeps `threads` client connections open. Each connection has a
// handler thread ("conn-<n>") that serves update requests ("Update": an
// update() of a random key, then a get() of it), pausing `gap_ms` between
// them. The backend takes `fetch_us` per fetch, and every `fail_every`-th
// fetch fails: it returns an error or throws BackendError (`faults`
// chooses). A handler answers a failed update with an error and closes
// its connection, catching the exception itself if there was one; each
// failure is annotated. The acceptor ("main") then opens a new connection
// in its place (the client reconnects), with a new handler thread, until
// the run ends.
#pragma once

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {

using MakeStore = std::unique_ptr<Store> (*)(Backend& backend);

void run(RunContext& ctx, MakeStore make);

/// Symptom: the run ended with threads stuck (deadlock or no progress),
/// and its thread dump shows Store.mu held, taken in update(), by a thread
/// that is not waiting for it, while other threads wait to lock it.
OracleVerdict oracle(const Trace& run);

/// Words every failure annotation contains (the oracle counts them).
inline constexpr const char* kFailureNote = "update failed";

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
