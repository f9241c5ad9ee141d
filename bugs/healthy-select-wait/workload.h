// healthy-select-wait: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: one "producer" submits an ordinary job every `gap_us` and an
// urgent one every `urgent_ms` ("Submit"), then closes the dispatcher when
// the run ends; `threads` workers ("worker-<i>") handle jobs, each
// `work_us` of CPU ("Handle"). The servers are far from saturated: with the
// defaults the jobs need about 5% of one core. When the workers are done,
// main annotates how many times they looked for a job (kLooksNote).
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::healthy_select_wait {

using MakeDispatcher = std::unique_ptr<Dispatcher> (*)(bool yield);

void run(RunContext& ctx, MakeDispatcher make);

/// Symptom: idle workers spin instead of waiting (at least kMinLooksPerJob
/// looks for each job handled), or the workers' contended waits take at
/// least kMinContendedShare of their time. Either way the oracle also
/// reports what a naive profile of all waits would blame, and how much of
/// the workers' time locklab files as idle.
OracleVerdict oracle(const Trace& run);

inline constexpr double kMinLooksPerJob = 10.0;
inline constexpr double kMinContendedShare = 0.05;

/// "looks for work: L looks, J jobs handled".
inline constexpr const char* kLooksNote = "looks for work: ";

}  // namespace locklab::bugs::healthy_select_wait
