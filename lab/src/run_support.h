// Internal: the parts of a run that the real runner (runner.cpp) and the
// controlled runner (sched/controlled_run.cpp) share, so both produce the
// same Trace for the same run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "locklab/runtime.h"
#include "locklab/trace.h"
#include "locklab/verdict.h"

namespace locklab::detail {

std::string run_started_at();  // ISO 8601, UTC
std::string run_machine();     // host, cores, CPU model
std::string number_text(double v);  // "20", "0.5"
Verdict failure_verdict(const Failure& f);
/// Merges every thread's events and counters into a Trace (runner.cpp).
Trace assemble_trace(const RunInfo& info, const Verdict& verdict, std::uint64_t end_ticks,
                     std::vector<ProgressSample> samples, std::vector<std::string> annotations);

}  // namespace locklab::detail
