// blocked-sender-leak: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: `threads` callers ("caller-<i>") share one client. Each asks a
// question ("Query"), with a backend call lasting a random time between
// `backend_min_ms` and `backend_max_ms` and a deadline of `deadline_ms`, then
// pauses `gap_ms`. Every query starts one backend thread ("worker-<n>",
// "Backend"). A caller that gives up marks it on its timeline (an annotation
// "gave up: ..."). The gauge "backend threads alive" counts the backend
// threads started and not yet ended.
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::blocked_sender_leak {

using MakeClient = std::unique_ptr<Client> (*)(Workers& workers);

void run(RunContext& ctx, MakeClient make);

/// Symptom: the run did not complete, and its thread dump shows backend
/// threads still waiting to send on Query.reply (leaked: nobody will ever
/// receive their reply).
OracleVerdict oracle(const Trace& run);

inline constexpr const char* kGaveUp = "gave up: ";             // the annotation's prefix
inline constexpr const char* kAliveGauge = "backend threads alive";

}  // namespace locklab::bugs::blocked_sender_leak
