// rwmutex-at-low-read-ratio: how a run is judged. Reads the trace through
// the analyses (lock holds from the thread timelines, latency counts,
// throughput) and the workload's closing CPU annotation.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::rwmutex_at_low_read_ratio {
namespace {

// How many of `holds` (read holds of one lock) overlapped at least one other.
std::size_t overlapping(std::vector<HoldInterval> holds) {
  std::sort(holds.begin(), holds.end(),
            [](const HoldInterval& a, const HoldInterval& b) { return a.begin_ns < b.begin_ns; });
  std::vector<bool> shared(holds.size(), false);
  // Forward: a hold that begins before some earlier hold ended shares with it.
  std::uint64_t latest_end = 0;
  for (std::size_t i = 0; i < holds.size(); ++i) {
    if (i > 0 && holds[i].begin_ns < latest_end) shared[i] = true;
    latest_end = std::max(latest_end, holds[i].end_ns);
  }
  // Backward: a hold that ends after some later hold began shares with it.
  std::uint64_t earliest_later_begin = UINT64_MAX;
  for (std::size_t i = holds.size(); i-- > 0;) {
    if (earliest_later_begin < holds[i].end_ns) shared[i] = true;
    earliest_later_begin = std::min(earliest_later_begin, holds[i].begin_ns);
  }
  return static_cast<std::size_t>(std::count(shared.begin(), shared.end(), true));
}

// Operations per CPU-second of the workers, from the workload's closing
// annotation (0 if the run has none).
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
  const LatencySummary get = op_latency(run, "Get");
  const LatencySummary put = op_latency(run, "Put");
  const std::uint64_t ops = get.count + put.count;
  const double read_share = ops > 0 ? static_cast<double>(get.count) / static_cast<double>(ops) : 0.0;

  std::vector<HoldInterval> reads;
  for (const HoldInterval& h : thread_timelines(run).holds)
    if (h.mode == LockMode::kShared && run.object_text(h.object) == "Table.mu") reads.push_back(h);
  const std::size_t shared = overlapping(reads);
  const double sharing = reads.empty() ? 0.0 : static_cast<double>(shared) / static_cast<double>(reads.size());

  OracleVerdict v;
  v.symptom = !reads.empty() && sharing < kMinSharing;
  v.explanation =
      text_format("%.0f%% of %llu operations were reads (Get p50 %.2f us, Put p50 %.2f us); %.2f M operations/s; ",
                  read_share * 100, static_cast<unsigned long long>(ops), static_cast<double>(get.p50_ns) / 1e3,
                  static_cast<double>(put.p50_ns) / 1e3, throughput(run).overall_per_sec / 1e6) +
      (reads.empty()
           ? std::string("Table.mu was never held in read mode (no reader/writer lock, or no events recorded)")
           : text_format("of %zu recorded read holds of Table.mu, %zu (%.1f%%) overlapped another read hold "
                         "(the symptom is below %.0f%%: the RWMutex's sharing hardly happens)",
                         reads.size(), shared, sharing * 100, kMinSharing * 100));
  v.explanation += text_format("; %.2f M operations per worker CPU-second (for the record: a benchmark's figure, "
                               "not judged)", ops_per_cpu_second(run) / 1e6);
  return v;
}

}  // namespace locklab::bugs::rwmutex_at_low_read_ratio
