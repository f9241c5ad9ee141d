// read-mostly-map-under-writes: how a run is judged. Reads the trace
// through the analyses (lock holds, contention, throughput, latency), the
// read map's swap events, and the workload's CPU annotation.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::read_mostly_map_under_writes {
namespace {

double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

// Republications of SyncMap.read (promotions, and "amended" marks after
// them) as far as the events go: each swap event carries the count so far.
std::uint64_t read_map_swaps(const Trace& run) {
  std::uint64_t swaps = 0;
  for (const Event& e : run.events)
    if (e.kind == EventKind::kSwap && run.object_text(e.object) == "SyncMap.read") swaps = std::max(swaps, e.arg);
  return swaps;
}

// Map operations per CPU-second of the workers, from the workload's
// closing annotation (0 if the run has none).
double ops_per_cpu_second(const Trace& run) {
  for (const std::string& note : run.annotations) {
    if (!note.starts_with(kCpuPrefix)) continue;
    unsigned long long ops = 0, cpu_ns = 0;
    if (std::sscanf(note.c_str() + kCpuPrefix.size(), "ops=%llu cpu_ns=%llu", &ops, &cpu_ns) == 2 && cpu_ns > 0)
      return static_cast<double>(ops) * 1e9 / static_cast<double>(cpu_ns);
  }
  return 0;
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  // Operations and lock holds, both counted from the events, so over the
  // same part of the run (the part the event budget covers).
  std::uint64_t ops = 0;
  for (const Event& e : run.events) ops += e.kind == EventKind::kOpEnd;
  std::map<std::uint32_t, std::uint64_t> holds;  // by lock
  for (const HoldInterval& h : thread_timelines(run).holds) ++holds[h.object];
  std::uint32_t busiest = 0;
  std::uint64_t most = 0;
  for (const auto& [object, n] : holds)
    if (n > most) busiest = object, most = n;
  const double through_one = ratio(most, ops);

  const ContentionProfile profile = contention(run);
  const std::uint64_t swaps = read_map_swaps(run);
  OracleVerdict v;
  v.symptom = busiest != 0 && run.object_text(busiest) == "SyncMap.mu" && through_one >= kMinThroughOneLock;
  v.explanation =
      text_format("%.2f M operations/s, Store p99 %.1f us; threads spent %.0f%% of their time waiting for locks; ",
                  throughput(run).overall_per_sec / 1e6, static_cast<double>(op_latency(run, "Store").p99_ns) / 1e3,
                  ratio(profile.total_wait_ns, profile.thread_time_ns) * 100) +
      (busiest == 0 ? std::string("no lock hold was recorded")
                    : text_format("of %llu recorded map operations, %llu (%.0f%%) took the busiest lock, ",
                                  static_cast<unsigned long long>(ops), static_cast<unsigned long long>(most),
                                  through_one * 100) +
                          run.object_text(busiest) +
                          text_format(" (the symptom needs SyncMap.mu, taken by %.0f%% or more)",
                                      kMinThroughOneLock * 100)) +
      (swaps > 0 ? text_format("; SyncMap.read republished at least %llu times", static_cast<unsigned long long>(swaps))
                 : std::string());
  // For the record, not judged: the rate is a benchmark's figure (see README).
  if (const double rate = ops_per_cpu_second(run); rate > 0)
    v.explanation += text_format("; %.2f M map operations per worker CPU-second", rate / 1e6);
  return v;
}


}  // namespace locklab::bugs::read_mostly_map_under_writes
