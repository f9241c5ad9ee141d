// cond-if-not-while: how a run is judged. Reads the verdict (the panic),
// the operation counts, the Cond's waits (contention) and its wake-ups
// (events).
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::cond_if_not_while {

OracleVerdict oracle(const Trace& run) {
  // How often consumers waited on the Cond, and how many wake-ups came with
  // no signal (injected with --spurious-wakeups; none by default).
  // A Cond wait counts as idle (nothing to do yet), so it sits in the
  // profile's idle table; look in both, whatever the classification.
  std::uint64_t waits = 0, spurious = 0;
  const ContentionProfile profile = contention(run);
  for (const auto* table : {&profile.by_waiter, &profile.idle})
    for (const ContentionRow& row : *table)
      if (run.object_text(row.object) == "Queue.nonempty") waits += row.count;
  for (const Event& e : run.events)
    if (e.kind == EventKind::kCondWake && e.arg == 1 && run.object_text(e.object) == "Queue.nonempty") ++spurious;

  const bool panicked = run.verdict.kind == VerdictKind::kPanic;
  const bool on_queue = run.verdict.summary.find("Queue.items") != std::string::npos;
  OracleVerdict v;
  v.symptom = panicked && on_queue;
  v.explanation =
      (panicked ? "the run ended in a panic" + std::string(on_queue ? " on the queue: " : ", not on the queue: ") +
                      run.verdict.summary
                : "no panic (the run " + std::string(to_string(run.verdict.kind)) + "): no pop found the queue empty") +
      text_format("; %llu items pushed, %llu handled; consumers waited on Queue.nonempty %llu times, %llu of the "
                  "wake-ups spurious (the symptom needs a panic on Queue.items)",
                  static_cast<unsigned long long>(op_latency(run, "Push").count),
                  static_cast<unsigned long long>(op_latency(run, "Handle").count),
                  static_cast<unsigned long long>(waits), static_cast<unsigned long long>(spurious));
  return v;
}

}  // namespace locklab::bugs::cond_if_not_while
