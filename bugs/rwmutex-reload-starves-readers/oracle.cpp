// rwmutex-reload-starves-readers: how a run is judged. Reads the trace only
// through the analyses (latency, contention).
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "locklab/core/site.h"
#include "workload.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {
namespace {

double ms(double ns) { return ns / 1e6; }

}  // namespace

OracleVerdict oracle(const Trace& run) {
  const double reload_ms = run_param(run, "reload_ms");
  const LatencySummary get = op_latency(run, "Get");
  const LatencySummary reload = op_latency(run, "Reload");

  // Every lock wait charged to a line of get(), whatever the lock.
  std::uint64_t waits = 0, wait_ns = 0, longest_ns = 0;
  for (const ContentionRow& row : contention(run).by_waiter) {
    if (!site_in_function(run, row.site, "get")) continue;
    waits += row.count;
    wait_ns += row.total_ns;
    longest_ns = std::max(longest_ns, row.max_ns);
  }

  // No finished Get at all (readers blocked for the whole run) is the worst
  // stall there is.
  const bool get_stalls = get.count == 0 || ms(static_cast<double>(get.p99_ns)) >= kMinGetStall * reload_ms;
  const bool get_waits_long = ms(static_cast<double>(longest_ns)) >= kLongGetWait * reload_ms;
  OracleVerdict v;
  v.symptom = get_stalls || get_waits_long;
  v.explanation =
      text_format("Get p99 %.3f ms over %llu gets (a symptom from %.0f ms, %.0f%% of one %.0f ms reload; %llu reloads); ",
             ms(static_cast<double>(get.p99_ns)), static_cast<unsigned long long>(get.count), kMinGetStall * reload_ms,
             kMinGetStall * 100, reload_ms, static_cast<unsigned long long>(reload.count)) +
      (waits == 0 ? std::string("get() never waited for a lock")
                  : text_format("get() waited for a lock %llu times, %.3f s in all, longest %.1f ms "
                           "(a symptom from %.0f ms, %.0f%% of a reload)",
                           static_cast<unsigned long long>(waits), static_cast<double>(wait_ns) / 1e9,
                           ms(static_cast<double>(longest_ns)), kLongGetWait * reload_ms, kLongGetWait * 100));
  return v;
}

OracleVerdict compare(const Trace& buggy, const Trace& fixed) {
  return compare_p99(buggy, fixed, "Get", kMinGetRatio, "config");
}

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
