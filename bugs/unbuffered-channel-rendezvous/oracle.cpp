// unbuffered-channel-rendezvous: how a run is judged. Reads the trace only
// through the analyses (contention, latency).
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {
namespace {

double ms(double ns) { return ns / 1e6; }

// Time the producers spent parked sending on `results` (the block profile's
// rows for hand_off()), and how many of those sends had to wait.
struct SendWaits {
  std::uint64_t count = 0, total_ns = 0;
  std::string site;
};

SendWaits send_waits(const Trace& run) {
  SendWaits w;
  for (const ContentionRow& row : contention(run).by_waiter) {
    if (run.object_text(row.object) != "results" || !site_in_function(run, row.site, "hand_off")) continue;
    w.count += row.count;
    w.total_ns += row.total_ns;
    if (w.site.empty()) w.site = run.site_text(row.site);
  }
  return w;
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  const LatencySummary process = op_latency(run, "Process");
  const LatencySummary save = op_latency(run, "Save");
  const SendWaits waits = send_waits(run);
  const double process_ns = process.mean_ns * static_cast<double>(process.count);
  const double share = process_ns > 0 ? static_cast<double>(waits.total_ns) / process_ns : 0.0;

  OracleVerdict v;
  v.symptom = process.count > 0 && share >= kMinSendWaitShare;
  v.explanation =
      text_format("producers spent %.0f%% of their Process time parked sending on results (%.1f ms of %.1f ms "
                  "over %llu items; the symptom needs %.0f%%); ",
                  share * 100, ms(static_cast<double>(waits.total_ns)), ms(process_ns),
                  static_cast<unsigned long long>(process.count), kMinSendWaitShare * 100) +
      (waits.count == 0 ? std::string("no send ever waited")
                        : text_format("%llu sends waited, at ", static_cast<unsigned long long>(waits.count)) +
                              waits.site) +
      text_format("; Process mean %.2f ms (%.0f ms of CPU each), Save mean %.2f ms over %llu saves",
                  ms(process.mean_ns), run_param(run, "process_ms"), ms(save.mean_ns),
                  static_cast<unsigned long long>(save.count));
  return v;
}

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
