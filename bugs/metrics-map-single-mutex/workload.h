// metrics-map-single-mutex: the workload every variant runs, and how a run
// is judged (oracle.cpp).
//
// Threads: `threads` workers ("worker-<i>") serve requests back to back
// ("Request"); each request counts `incs` events, each under a label drawn
// at random from `labels` known labels ("route-00", "route-01", ...). A
// "scraper" thread reads every counter each 10 ms ("Scrape"). At the end the
// workload checks that the counters add up to the increments made, so a
// variant that loses counts fails its run with an error.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::metrics_map_single_mutex {

using MakeMetrics = std::unique_ptr<Metrics> (*)(const Labels& labels, std::uint32_t workers);

void run(RunContext& ctx, MakeMetrics make);

/// The prefix of the workload's closing annotation, "cpu: incs=<n>
/// cpu_ns=<n>": increments made and the CPU time the workers used.
inline constexpr std::string_view kCpuPrefix = "cpu: ";

/// Symptom: the top of the contention profile (by waiter) is Metrics.mu in
/// inc(), and lock waits take at least kMinWaitShare of all thread time.
OracleVerdict oracle(const Trace& run);

inline constexpr double kMinWaitShare = 0.20;  // of all lab threads' time
inline constexpr double kMinCpuGain = 1.3;

}  // namespace locklab::bugs::metrics_map_single_mutex
