// timer-leak-in-loop: how a run is judged. Reads the "live timers" gauge
// from the trace's progress samples, and the operation counts.
#include <algorithm>
#include <cstdint>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "locklab/sync/timer.h"
#include "workload.h"

namespace locklab::bugs::timer_leak_in_loop {

OracleVerdict oracle(const Trace& run) {
  const double msg_every_ms = run_param(run, "msg_every_ms");
  const double idle_ms = run_param(run, "idle_ms");
  const double predicted = msg_every_ms > 0 ? idle_ms / msg_every_ms : 0.0;  // timers one listener leaks
  const auto listeners = static_cast<std::int64_t>(run.info.threads);

  const auto it = std::find(run.gauge_names.begin(), run.gauge_names.end(), std::string(kLiveTimersGauge));
  std::int64_t peak = 0;
  double sum = 0;
  std::size_t samples = 0;
  if (it != run.gauge_names.end()) {
    const auto g = static_cast<std::size_t>(it - run.gauge_names.begin());
    for (const ProgressSample& s : run.progress) {
      if (g >= s.gauges.size()) continue;
      peak = std::max(peak, s.gauges[g]);
      sum += static_cast<double>(s.gauges[g]);
      ++samples;
    }
  }
  const double mean = samples > 0 ? sum / static_cast<double>(samples) : 0.0;
  const double needed = kMinLeakShare * predicted;

  OracleVerdict v;
  v.symptom = static_cast<double>(peak) >= needed && peak > listeners;
  v.explanation =
      text_format("live timers peaked at %lld, %.1f on average over %zu samples; a leak of about %.0f (a %.0f ms "
                  "idle timeout / a message every %.2f ms) is predicted, the symptom needs %.0f and more than %lld "
                  "(one per listener); %llu messages handled, %llu idle timeouts",
                  static_cast<long long>(peak), mean, samples, predicted, idle_ms, msg_every_ms, needed,
                  static_cast<long long>(listeners),
                  static_cast<unsigned long long>(op_latency(run, "Handle").count),
                  static_cast<unsigned long long>(op_latency(run, "Idle").count));
  return v;
}

}  // namespace locklab::bugs::timer_leak_in_loop
