// recursive-mutex-self-deadlock: the workload every variant runs, and how a
// run is judged (oracle.cpp).
//
// Threads: `threads` shoppers ("shopper-<i>") share one cart. Each adds a
// random item ("Add"), prices the cart now and then ("Total"), and checks out
// ("Checkout": clear()) whenever an item no longer fits under the limit. A
// shopper pauses `gap_ms` between its operations.
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::recursive_mutex_self_deadlock {

using MakeCart = std::unique_ptr<Cart> (*)(std::uint64_t limit_cents);

void run(RunContext& ctx, MakeCart make);

/// Symptom: the run ended with a self-deadlock verdict, and the thread dump
/// shows a thread waiting for Cart.mu while holding it.
OracleVerdict oracle(const Trace& run);

}  // namespace locklab::bugs::recursive_mutex_self_deadlock
