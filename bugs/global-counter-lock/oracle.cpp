// global-counter-lock: how a run is judged. Reads the trace only through the
// analyses (contention, throughput).
#include <cstdio>
#include <string>
#include <string_view>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "locklab/core/site.h"
#include "workload.h"

namespace locklab::bugs::global_counter_lock {
namespace {

double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  const ContentionProfile profile = contention(run);
  const double rate = throughput(run).overall_per_sec;
  const double share = ratio(profile.total_wait_ns, profile.thread_time_ns);
  OracleVerdict v;
  if (profile.by_waiter.empty()) {
    v.explanation = text_format("no thread ever waited for a lock; %.2f M operations/s", rate / 1e6);
    return v;
  }
  const ContentionRow& top = profile.by_waiter.front();
  const bool top_is_inc = run.object_text(top.object) == "Counter.mu" && site_in_function(run, top.site, "inc");
  v.symptom = top_is_inc && share >= kMinWaitShare;
  v.explanation =
      "top of the contention profile: " + run.object_text(top.object) + " at " + run.site_text(top.site) +
      text_format(" (%.0f%% of all lock wait, %llu waits)", top.share * 100, static_cast<unsigned long long>(top.count)) +
      (top_is_inc ? ", the increment's lock" : ", not the increment's lock") +
      text_format("; threads spent %.0f%% of their time waiting for locks (%.2f s of %.2f s; the symptom needs %.0f%%)",
             share * 100, static_cast<double>(profile.total_wait_ns) / 1e9,
             static_cast<double>(profile.thread_time_ns) / 1e9, kMinWaitShare * 100) +
      text_format("; %.2f M operations/s", rate / 1e6);
  return v;
}

OracleVerdict compare(const Trace& buggy, const Trace& fixed) {
  const double slow = throughput(buggy).overall_per_sec;
  const double fast = throughput(fixed).overall_per_sec;
  const double speedup = slow > 0 ? fast / slow : 0.0;
  OracleVerdict v;
  v.symptom = speedup >= kMinSpeedup;
  v.explanation = text_format("%s: %.2f M operations/s, %s: %.2f M operations/s: the fix is %.1fx as fast "
                         "(the symptom needs %.1fx)",
                         buggy.info.variant.c_str(), slow / 1e6, fixed.info.variant.c_str(), fast / 1e6, speedup,
                         kMinSpeedup);
  return v;
}

}  // namespace locklab::bugs::global_counter_lock
