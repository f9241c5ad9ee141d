#include "run_badges.h"

namespace locklab::viz {

RunBadges run_badges(const present::RunSummary& run, bool live, bool damaged) {
  RunBadges b;
  if (live) {
    b.verdict = "running";
    b.verdict_tone = BadgeTone::kGoing;
    if (run.oracle) {
      b.symptom = "symptom: after the run";
      b.symptom_line = "The run is still going: its symptom is judged when it ends.";
    }
    return b;
  }
  b.verdict = std::string(to_string(run.kind));
  b.verdict_tone = is_failure(run.kind) ? BadgeTone::kFailure : BadgeTone::kNeutral;
  if (!run.oracle) return b;
  const bool partial = run.kind == VerdictKind::kUnfinished;
  if (partial || damaged) {
    b.symptom = "symptom: unknown";
    b.symptom_line = std::string("Symptom unknown: ") +
                     (partial ? "the trace ends before the run did (it did not finish, or the file is cut short)"
                              : "part of the trace file was lost") +
                     ", so the oracle cannot judge the whole run.";
    return b;
  }
  const bool symptom = run.oracle->symptom;
  b.symptom = symptom ? "symptom: yes" : "symptom: no";
  b.symptom_tone = symptom ? BadgeTone::kWarning : BadgeTone::kGood;
  b.symptom_line = (symptom ? "Symptom present: " : "No symptom: ") + run.oracle->explanation;
  return b;
}

RunBadges step_badges(const present::RunSummary& run, std::size_t steps, bool ended) {
  if (ended) return run_badges(run, false, false);
  RunBadges b;
  b.verdict = "after " + std::to_string(steps) + (steps == 1 ? " step" : " steps");
  b.verdict_tone = BadgeTone::kGoing;
  if (run.oracle) {
    b.symptom = "symptom: after the run";
    b.symptom_line = "The run is paused between steps: its symptom is judged when it ends.";
  }
  return b;
}

}  // namespace locklab::viz
