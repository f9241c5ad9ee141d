// Internal: the parts of a run that the real runner (runner.cpp) and the
// controlled runner (sched/controlled_run.cpp) share, so both produce the
// same Trace for the same run.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "locklab/run_context.h"
#include "locklab/runtime.h"
#include "locklab/trace.h"
#include "locklab/verdict.h"

namespace locklab::detail {

std::string run_started_at();  // ISO 8601, UTC
std::string run_machine();     // host, cores, CPU model
std::string number_text(double v);  // "20", "0.5"
Verdict failure_verdict(const Failure& f);
/// The body of a run's "main" lab thread `self` (runner.cpp), in either
/// runner: runs the workload, turns what it throws into `error`
/// ("main: ..."; a Cancelled is no error), joins every thread it started
/// (a workload that forgot join_all must not outlive its state), then marks
/// `self` done and records its end. `settings_error`, when given, gets the
/// message of a std::invalid_argument thrown before any thread started: the
/// workload refused its settings (run_context.h).
void run_main_thread(ThreadRecord& self, RunContext& ctx, const std::function<void(RunContext&)>& workload,
                     std::string& error, std::string* settings_error = nullptr);
/// Merges every thread's events and counters into a Trace (runner.cpp).
Trace assemble_trace(const RunInfo& info, const Verdict& verdict, std::uint64_t end_ticks,
                     std::vector<ProgressSample> samples, std::vector<std::string> annotations);

}  // namespace locklab::detail
