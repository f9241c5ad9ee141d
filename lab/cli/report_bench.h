// The benchmarks behind `locklab report`: one Google Benchmark per case of
// the plan (bug x thread count x variant), registered in a loop with
// benchmark::RegisterBenchmark; nothing is written per bug.
//
// Each benchmark runs `repetitions` repetitions of one iteration; an
// iteration is one run_bug() of the variant (its threads, its duration,
// default parameters), timed by the run's own wall time (manual time). Each
// repetition reports:
//   items_per_second  the run's throughput (SetItemsProcessed)
//   p99_ns            p99 latency of the bug's main operation (absent if the
//                     run did none): the most frequent operation of the bug's
//                     first run, so every variant is measured on one op
//   wait_share        contended lock-wait time / the threads' time
//   symptom           1 if the oracle saw the bug's symptom, else 0
//   failure           1 if the run ended in a failure verdict (deadlock, ...)
//   as_expected       1 if the run was as its variant expects
// and a label with the verdict in words. Google Benchmark adds the mean,
// median, stddev and cv of each across repetitions.
//
// A report needs no event timeline: every figure above, the oracles and the
// diagnostics come from exact counters. So each run keeps a small event
// budget (kReportEventsPerThread, 2 MiB a thread), which makes a hot bug's
// run cost a third of the time and a seventh of the memory of `locklab run`.
//
// Order: bug by bug, thread count by thread count; in each such group the
// fixed variants run first and the buggy one last. So the bug's first run is
// a fixed variant's, whose most frequent operation names the main op (the
// buggy variant distorts the mix: its blocked readers do fewer reads), and
// once the buggy run is done, compare(buggy, fixed) judges the first
// repetitions of each pair. The report still lists buggy first.
//
// The benchmarks run on the calling thread, one after another. Progress
// goes to `err` (a bar on a terminal). Ctrl-C, seen through the active
// InterruptScope, lets the current run finish and skips every later one
// (Google Benchmark reports them as errors "interrupted"). Every benchmark
// is unregistered again before returning, so the call can repeat.
#pragma once

#include <iosfwd>
#include <vector>

#include "progress.h"
#include "report_results.h"

namespace locklab::cli {

inline constexpr std::size_t kReportEventsPerThread = 65536;
/// The watchdog bound of report runs (`locklab run` uses 2000 ms): a run
/// whose threads are all parked with no progress for 1 s is deadlocked, and
/// the catalogue's deadlocking variants then cost 1 s a repetition, not 2.
inline constexpr std::uint64_t kReportWatchdogMs = 1000;

/// Runs the plan. Configurations must have been checked (check_plan).
ReportResults run_report_benchmarks(const ReportSettings& settings, const std::vector<ReportCase>& plan,
                                    std::ostream& err, const InterruptScope& interrupt);

/// The RunConfig of one case; throws ConfigError if the runner would refuse it.
RunConfig case_config(const ReportCase& c);
void check_plan(const std::vector<ReportCase>& plan);

}  // namespace locklab::cli
