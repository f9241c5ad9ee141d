// metrics-map-single-mutex: how a run is judged. Reads the trace through
// the analyses (contention, throughput, latency counts) and the workload's
// closing CPU annotation.
#include <cstdio>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

// Increments per CPU-second of the workers, from the workload's closing
// annotation (0 if the run has none).
double incs_per_cpu_second(const Trace& run) {
  for (const std::string& note : run.annotations) {
    if (!note.starts_with(kCpuPrefix)) continue;
    unsigned long long incs = 0, cpu_ns = 0;
    if (std::sscanf(note.c_str() + kCpuPrefix.size(), "incs=%llu cpu_ns=%llu", &incs, &cpu_ns) == 2 && cpu_ns > 0)
      return static_cast<double>(incs) * 1e9 / static_cast<double>(cpu_ns);
  }
  return 0;
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  const ContentionProfile profile = contention(run);
  const double rate = throughput(run).overall_per_sec;
  const double share = ratio(profile.total_wait_ns, profile.thread_time_ns);
  OracleVerdict v;
  if (profile.by_waiter.empty()) {
    v.explanation = text_format("no thread ever waited for a lock; %.2f M operations/s; %.2f M increments per worker "
                                "CPU-second (for the record: a benchmark's figure, not judged)",
                                rate / 1e6, incs_per_cpu_second(run) / 1e6);
    return v;
  }
  const ContentionRow& top = profile.by_waiter.front();
  const bool top_is_inc = run.object_text(top.object) == "Metrics.mu" && site_in_function(run, top.site, "inc");
  v.symptom = top_is_inc && share >= kMinWaitShare;
  v.explanation =
      "top of the contention profile: " + run.object_text(top.object) + " at " + run.site_text(top.site) +
      text_format(" (%.0f%% of all lock wait, %llu waits)", top.share * 100, static_cast<unsigned long long>(top.count)) +
      (top_is_inc ? ", the one metrics lock in inc()" : ", not the one metrics lock in inc()") +
      text_format("; threads spent %.0f%% of their time waiting for locks (%.2f s of %.2f s; the symptom needs %.0f%%)",
                  share * 100, static_cast<double>(profile.total_wait_ns) / 1e9,
                  static_cast<double>(profile.thread_time_ns) / 1e9, kMinWaitShare * 100) +
      text_format("; %.2f M operations/s", rate / 1e6);
  v.explanation += text_format("; %.2f M increments per worker CPU-second (for the record: a benchmark's figure, "
                               "not judged)", incs_per_cpu_second(run) / 1e6);
  return v;
}

}  // namespace locklab::bugs::metrics_map_single_mutex
