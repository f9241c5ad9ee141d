// timer-leak-in-loop: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: a "sender" sends a message every `msg_every_ms` for `busy_ms`,
// then is quiet for `quiet_ms`, and again, until the run ends; then it
// closes the channel. `threads` listeners ("listener-<i>") serve the
// channel with the variant's loop: each message is one "Handle" operation,
// each idle timeout one "Idle". The lab's "live timers" gauge, sampled
// every 10 ms, is the figure that matters. At the end the workload checks
// that every message sent was handled once.
#pragma once

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::timer_leak_in_loop {

void run(RunContext& ctx, ServeFn serve);

/// Symptom: the "live timers" gauge peaks at kMinLeakShare or more of the
/// leak the parameters predict (idle_ms / msg_every_ms timers), and above
/// one timer per listener (what a loop that re-arms one timer keeps).
OracleVerdict oracle(const Trace& run);

inline constexpr double kMinLeakShare = 0.25;

}  // namespace locklab::bugs::timer_leak_in_loop
