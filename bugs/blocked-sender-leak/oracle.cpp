// blocked-sender-leak: how a run is judged. Reads the verdict (its kind and
// thread dump), the gauge "backend threads alive", the annotations of the
// callers that gave up, and the operation counts.
#include <algorithm>
#include <string>

#include "locklab/run/oracle_support.h"
#include "locklab/trace/verdict.h"
#include "workload.h"

namespace locklab::bugs::blocked_sender_leak {
namespace {

struct Gauge {
  std::int64_t last = 0, peak = 0;
};

Gauge alive_gauge(const Trace& run) {
  Gauge g;
  for (std::size_t i = 0; i < run.gauge_names.size(); ++i) {
    if (run.gauge_names[i] != kAliveGauge) continue;
    for (const ProgressSample& s : run.progress) {
      g.peak = std::max(g.peak, s.gauges[i]);
      g.last = s.gauges[i];
    }
  }
  return g;
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  // Leaked: threads the dump shows parked in a send on a reply channel.
  const ThreadSnapshot* first = nullptr;
  unsigned leaked = 0;
  for (const ThreadSnapshot& t : run.verdict.threads) {
    if (t.waiting && t.wait_kind == WaitKind::kChanSend && t.wait_object_name == "Query.reply") {
      if (!first) first = &t;
      ++leaked;
    }
  }
  unsigned long long started = 0;
  for (const TraceThread& t : run.threads) started += t.name.starts_with("worker-");
  const auto replies = static_cast<unsigned long long>(op_latency(run, "Backend").count);
  const auto queries = static_cast<unsigned long long>(op_latency(run, "Query").count);
  const auto gave_up = static_cast<unsigned long long>(
      std::count_if(run.annotations.begin(), run.annotations.end(),
                    [](const std::string& a) { return a.starts_with(kGaveUp); }));
  const Gauge alive = alive_gauge(run);
  const bool ended_badly = is_failure(run.verdict.kind);

  OracleVerdict v;
  v.symptom = ended_badly && leaked > 0;
  const std::string figures =
      text_format("callers gave up on %llu of %llu queries; %llu backend threads started, %llu handed their reply "
                  "over; gauge '%s' peaked at %lld, last sample %lld",
                  gave_up, queries, started, replies, kAliveGauge, static_cast<long long>(alive.peak),
                  static_cast<long long>(alive.last));
  if (leaked > 0) {
    v.explanation = std::string(to_string(run.verdict.kind)) + ": " + run.verdict.summary +
                    text_format("; %u backend threads still wait to send on Query.reply, which nobody will read "
                                "(first: T%u ",
                                leaked, unsigned{first->id}) +
                    first->name + " at " + first->wait_site + "); " + figures;
  } else {
    v.explanation = "the run ended " + std::string(to_string(run.verdict.kind)) +
                    " with no thread left waiting to send a reply; " + figures;
  }
  return v;
}

}  // namespace locklab::bugs::blocked_sender_leak
