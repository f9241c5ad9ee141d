// lock-order-inversion: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: `threads` tellers ("teller-<i>") make transfers back to back
// ("Transfer") between two different accounts drawn at random from
// `accounts`, 1 to 100 cents each. With one_way=1 the run is made lucky: for
// the first half of the run every teller ("up-<i>") transfers from a lower
// to a higher account number; when all of them have finished, a new set of
// tellers ("down-<i>") transfers from higher to lower numbers for the rest.
// Both orders of locking happen, never at the same time, so the run cannot
// deadlock. At the end, the workload checks that no money appeared or
// vanished.
#pragma once

#include <cstdint>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::lock_order_inversion {

void run(RunContext& ctx, MakeBank make);

/// Symptom: the run deadlocked on a cycle of waits between account locks,
/// or (a lucky run) the lock-order graph has a cycle of blocking
/// acquisitions between account locks.
OracleVerdict oracle(const Trace& run);

inline constexpr std::int64_t kOpening = 1'000'000'000;  // cents per account at the start

}  // namespace locklab::bugs::lock_order_inversion
