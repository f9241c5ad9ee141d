#include "symptom_frame.h"

#include <algorithm>

#include "lane_state.h"
#include "time_view.h"

namespace locklab::viz {

bool frames_symptom(VerdictKind kind) noexcept {
  switch (kind) {
    case VerdictKind::kDeadlock:
    case VerdictKind::kSelfDeadlock:
    case VerdictKind::kPanic:
    case VerdictKind::kNoProgress: return true;
    default: return false;
  }
}

std::optional<SymptomWindow> symptom_window(const RunModel& run) {
  const Trace& trace = run.trace();
  const Verdict& v = trace.verdict;
  if (!frames_symptom(v.kind)) return std::nullopt;
  const double at = static_cast<double>(v.at_ns > 0 ? v.at_ns : trace.duration_ns);
  if (!(at > 0)) return std::nullopt;
  // The earliest wait still open at the verdict: a lock wait or a block
  // (channel, cond, select...) that began before it and had not ended.
  // Idle waits (join, WaitGroup) are left out: main waits for its threads
  // from the start in every run.
  double first_open = at;
  for (std::size_t i = 0; i < run.lanes().size(); ++i) {
    const StateInterval* s = run.state_at(i, at - 0.5);
    if (!s) continue;
    const LaneState st = lane_state(*s, trace);
    if (st != LaneState::kWaitLock && st != LaneState::kBlocked) continue;
    if (static_cast<double>(s->end_ns) + 0.5 < at) continue;
    first_open = std::min(first_open, static_cast<double>(s->begin_ns));
  }
  // At least a hundredth of the time before the verdict (and 20 µs), so a
  // panic, with no wait open, still shows what led up to it.
  const double lead = std::max({at - first_open, at * 0.01, 20e3});
  SymptomWindow w;
  w.at_ns = at;
  w.begin_ns = std::max(0.0, at - 1.25 * lead);
  w.end_ns = at + 0.65 * lead;
  return w;
}

std::string symptom_heading(const Verdict& v) {
  return std::string(to_string(v.kind)) + " at " + duration_text(static_cast<double>(v.at_ns));
}

std::string symptom_words(const Verdict& v) {
  // The summary without the kind the heading already names, then for a
  // deadlock the first line of its explanation (its first wait cycle, in
  // words: who waits for what, held by whom, and the pattern's name).
  std::string words = v.summary;
  const std::string kind = std::string(to_string(v.kind)) + ": ";
  if (words.rfind(kind, 0) == 0) words.erase(0, kind.size());
  if (v.kind == VerdictKind::kDeadlock) {
    const std::string first = v.detail.substr(0, v.detail.find('\n'));
    const std::string cycle = "deadlock: ";
    if (first.rfind(cycle, 0) == 0 && first.size() > cycle.size())
      words += (words.empty() ? "" : "\n") + first.substr(cycle.size());
  }
  return words;
}

}  // namespace locklab::viz
