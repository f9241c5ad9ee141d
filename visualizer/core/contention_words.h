// What the contention marks say: the note beside a contended source line
// (whose share it is: of this run's waiting), and the one sentence that
// tells a fixed variant's ordinary contention from the bug.
//
// A fix still takes locks, so its threads still wait a little: drawn in the
// bug's red with a bare "100.0%", that looks like the bug. A run is judged
// ordinary contention when it is a fixed variant (by the catalogue), it
// completed, its oracle says the symptom is absent, and every wait ended;
// its marks are then tinted in a calm colour and say so.
#pragma once

#include <cstdint>
#include <string>

#include "locklab/present/run_summary.h"

namespace locklab::viz {

/// "519 µs, 100.0% of this run's waiting": a waiting line's note (the line's
/// red tint says threads waited there).
/// `share` is the line's part of the run's contended wait time (0..1).
std::string wait_mark_note(std::uint64_t wait_ns, double share);
/// "held: 519 µs, 40.0% of this run's waiting": a holding line's note (the
/// waiting its holds caused).
std::string hold_mark_note(std::uint64_t hold_ns, double share);

/// True when `run`'s waiting is the ordinary contention of a fix, not the
/// bug (see above). False for a buggy variant, a failed, live or unjudged
/// run, a run with a wait that never ended, and a run with no waiting.
bool is_ordinary_contention(const present::RunSummary& run);

/// The sentence that says so: "Ordinary contention, not the bug: every wait
/// ended (the longest after 1.2 ms) and the bug's symptom is absent." ""
/// unless is_ordinary_contention(run).
std::string ordinary_contention_text(const present::RunSummary& run);

}  // namespace locklab::viz
