// What a run's header and the right panel's tabs say about how the run
// ended and whether it showed its bug's symptom, in words and a tone.
//
// A run still going says "running" (its trace so far is not an ending), and
// its symptom is judged when it ends. A run whose trace does not hold the
// whole run (it did not finish, or the file is damaged) has an unknown
// symptom: the oracle's "no" on a part of a run would be invented.
#pragma once

#include <cstddef>
#include <string>

#include "locklab/present/run_summary.h"

namespace locklab::viz {

enum class BadgeTone { kNeutral, kFailure, kGoing, kGood, kWarning };

struct RunBadges {
  std::string verdict;       // "running", "completed", "deadlock", "unfinished", ...
  BadgeTone verdict_tone = BadgeTone::kNeutral;
  std::string symptom;       // "symptom: yes", "symptom: no", "symptom: unknown", "symptom: after the run";
                             // "" when the bug has no oracle
  BadgeTone symptom_tone = BadgeTone::kNeutral;
  std::string symptom_line;  // the sentence for the Contention tab ("" when no oracle)
};

/// `live`: the run is still going and this is its trace so far; `damaged`:
/// part of the trace file was lost (LoadedRun::warning).
RunBadges run_badges(const present::RunSummary& run, bool live, bool damaged);

/// The step view's run so far after `steps` steps: while threads can still
/// step it has not ended, so it is "after N steps" (never "completed", even
/// at 0 steps), its symptom judged when it ends; once it has ended
/// (`ended`: no thread can step), run_badges' words.
RunBadges step_badges(const present::RunSummary& run, std::size_t steps, bool ended);

}  // namespace locklab::viz
