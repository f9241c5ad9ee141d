// Small workloads with known interleaving bugs, for the controlled
// scheduler's tests and benchmarks.
#pragma once

#include <functional>

#include "locklab/core/run_context.h"
#include "locklab/run/runner.h"

namespace locklab::test_kernels {

/// Two threads take A then B and B then A, once each: deadlocks only when
/// one is preempted between its two locks (one specific preemption).
/// `fixed`: both take A then B.
void lock_order(RunContext& ctx, bool fixed);

/// Three threads increment a counter under a mutex `rounds` times and a
/// fourth check runs; never fails (the scheduler's throughput kernel).
void three_counters(RunContext& ctx);

/// A producer sends `n` values on an unbuffered channel; the consumer
/// receives n-1 (buggy) or n (fixed): the buggy producer blocks forever on
/// its last send.
void lost_receive(RunContext& ctx, bool fixed);

/// A RunConfig for a kernel: `threads` threads, a short duration.
RunConfig kernel_config(std::uint32_t threads = 2);

}  // namespace locklab::test_kernels
