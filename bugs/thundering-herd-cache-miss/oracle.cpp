// thundering-herd-cache-miss: how a run is judged. Reads the exact
// operation counts (Compute, Recompute, Get) and the "computations
// running" gauge.
#include <algorithm>
#include <cstdint>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::thundering_herd_cache_miss {
namespace {

double ms(double ns) { return ns / 1e6; }

std::int64_t gauge_peak(const Trace& run, const std::string& name) {
  const auto it = std::find(run.gauge_names.begin(), run.gauge_names.end(), name);
  if (it == run.gauge_names.end()) return 0;
  const auto g = static_cast<std::size_t>(it - run.gauge_names.begin());
  std::int64_t peak = 0;
  for (const ProgressSample& s : run.progress)
    if (g < s.gauges.size()) peak = std::max(peak, s.gauges[g]);
  return peak;
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  const LatencySummary needed = op_latency(run, "Compute");
  const LatencySummary wasted = op_latency(run, "Recompute");
  const LatencySummary get = op_latency(run, "Get");
  const std::uint64_t computations = needed.count + wasted.count;
  const double per_fill =
      needed.count > 0 ? static_cast<double>(computations) / static_cast<double>(needed.count) : 0.0;
  const double wasted_ms = ms(wasted.mean_ns * static_cast<double>(wasted.count));

  OracleVerdict v;
  v.symptom = needed.count > 0 && per_fill >= kMinPerFill;
  v.explanation = text_format(
      "%llu computations for %llu cache fills: %.2f per fill (the symptom needs %.1f); %llu duplicates spent "
      "%.0f ms computing in all; up to %lld computations ran at once (%.0f keys, %u requesters); a "
      "computation took %.1f ms on average (%.0f ms of CPU); the slowest of %llu gets took %.1f ms",
      static_cast<unsigned long long>(computations), static_cast<unsigned long long>(needed.count), per_fill,
      kMinPerFill, static_cast<unsigned long long>(wasted.count), wasted_ms,
      static_cast<long long>(gauge_peak(run, "computations running")), run_param(run, "keys"), run.info.threads,
      ms(computations > 0 ? (needed.mean_ns * static_cast<double>(needed.count) +
                             wasted.mean_ns * static_cast<double>(wasted.count)) /
                                static_cast<double>(computations)
                          : 0.0),
      run_param(run, "compute_ms"), static_cast<unsigned long long>(get.count),
      ms(static_cast<double>(get.max_ns)));
  return v;
}

}  // namespace locklab::bugs::thundering_herd_cache_miss
