// Framing the symptom: where on the time axis a failing run shows what went
// wrong, and the words that stand on the timeline at that moment.
//
// A run that ends in a deadlock, a self-deadlock, a panic or no progress
// stopped at one moment (Verdict::at_ns). Fitted to a whole run, or to the
// longer run beside it, that moment is a sliver. symptom_window() is the
// window that shows it: from a little before the earliest wait still open at
// the verdict (the waits that never ended: the deadlock forming) to some way
// past the verdict, which sits about two thirds across, so the words fit
// beside the marker line on the empty part after the run stopped.
#pragma once

#include <optional>
#include <string>

#include "run_model.h"

namespace locklab::viz {

struct SymptomWindow {
  double begin_ns = 0, end_ns = 0;  // what to show (TimeView::show clamps it to the axis)
  double at_ns = 0;                 // the verdict's moment
};

/// The verdict kinds whose moment is worth framing: deadlock, self-deadlock,
/// panic, no progress (not a completed run, not an error thrown by a
/// workload, not a trace that merely ends early).
bool frames_symptom(VerdictKind kind) noexcept;

/// The window that frames `run`'s failure, or nothing when the run did not
/// end in one of frames_symptom()'s kinds.
std::optional<SymptomWindow> symptom_window(const RunModel& run);

/// The marker's first line: "deadlock at 21.4 ms".
std::string symptom_heading(const Verdict& v);
/// The verdict's words under it: its summary (without a leading "deadlock: ",
/// which the heading says), and for a deadlock the first line of its
/// explanation (the first wait cycle in words); "" if it has none.
std::string symptom_words(const Verdict& v);

}  // namespace locklab::viz
