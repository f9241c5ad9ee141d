// cond-if-not-while: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: a "producer" pushes `burst` items back to back ("Push", one
// lock and one signal each), then pauses `every_ms`, until the run ends;
// then it closes the queue. `threads` consumers ("consumer-<i>") pop items
// and handle each for `work_us` of CPU ("Handle"), until the queue is
// closed and drained. Consumers that finish an item quickly come back and
// compete for the next one with consumers just woken for it: the real-world
// way a woken waiter finds its item gone. At the end the workload checks
// that every item pushed was popped exactly once.
#pragma once

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::cond_if_not_while {

using MakeQueue = std::unique_ptr<Queue> (*)();

void run(RunContext& ctx, MakeQueue make);

/// Symptom: the run ended in a Go panic raised on Queue.items: a consumer
/// read the front of the empty queue.
OracleVerdict oracle(const Trace& run);

}  // namespace locklab::bugs::cond_if_not_while
