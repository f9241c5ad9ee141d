#include "contention_words.h"

#include <algorithm>

#include "locklab/present/format.h"

namespace locklab::viz {

std::string wait_mark_note(std::uint64_t wait_ns, double share) {
  return present::human_ns(wait_ns) + ", " + present::percent(share) + " of this run's waiting";
}

std::string hold_mark_note(std::uint64_t hold_ns, double share) {
  return "held: " + present::human_ns(hold_ns) + ", " + present::percent(share) + " of this run's waiting";
}

bool is_ordinary_contention(const present::RunSummary& run) {
  if (!run.buggy || *run.buggy) return false;
  if (run.kind != VerdictKind::kCompleted) return false;
  if (!run.oracle || run.oracle->symptom) return false;
  return run.total_wait_ns > 0 && run.open_waits == 0;
}

std::string ordinary_contention_text(const present::RunSummary& run) {
  if (!is_ordinary_contention(run)) return {};
  std::uint64_t longest = 0;
  for (const present::SiteRow& r : run.by_waiter) longest = std::max(longest, r.max_ns);
  std::string out = "Ordinary contention, not the bug: every wait ended";
  if (longest > 0) out += " (the longest after " + present::human_ns(longest) + ")";
  return out + " and the bug's symptom is absent.";
}

}  // namespace locklab::viz
