#include "export_scope.h"

#include <algorithm>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified

namespace locklab::cli {
namespace {

std::string label(const TraceThread& t) { return "T" + std::to_string(t.id) + " " + t.name; }

bool names_thread(const TraceThread& t, const std::string& word) {
  return word == t.name || word == "T" + std::to_string(t.id) || word == std::to_string(t.id) || word == label(t);
}

}  // namespace

std::uint64_t ExportScope::thread_stop(std::uint16_t thread) const noexcept {
  const std::uint64_t recorded = thread < recorded_until.size() ? recorded_until[thread] : 0;
  return std::min(recorded, cut_ns);
}

ExportScope make_export_scope(const Trace& trace, const ExportRequest& request) {
  ExportScope s;
  std::uint64_t run_end = trace.duration_ns;
  std::size_t slots = 1;
  for (const TraceThread& t : trace.threads) {
    run_end = std::max(run_end, t.end_ns);
    slots = std::max<std::size_t>(slots, std::size_t{t.id} + 1);
  }

  if (is_failure(trace.verdict.kind) && trace.verdict.at_ns > 0) s.cut_ns = trace.verdict.at_ns;
  s.verdict_ns = s.cuts() ? s.cut_ns : (trace.verdict.at_ns > 0 ? trace.verdict.at_ns : run_end);

  s.recorded_until.assign(slots, 0);
  for (const TraceThread& t : trace.threads) {
    const std::uint64_t end = std::max(t.end_ns, t.start_ns);
    s.recorded_until[t.id] = t.dropped > 0 ? std::clamp(t.covered_until_ns, t.start_ns, end) : end;
    if (t.dropped > 0) s.flows_until = std::min(s.flows_until, s.recorded_until[t.id]);
  }

  s.selected.assign(slots, request.threads.empty() ? 1 : 0);
  for (const std::string& word : request.threads) {
    bool found = false;
    for (const TraceThread& t : trace.threads) {
      if (!names_thread(t, word)) continue;
      s.selected[t.id] = 1;
      found = true;
    }
    if (!found) {
      std::string known;
      for (const TraceThread& t : trace.threads) known += (known.empty() ? "" : ", ") + label(t);
      throw UsageError("--thread: the trace has no thread '" + word + "' (threads: " + known + ")");
    }
  }

  if (request.from_ns) s.from_ns = *request.from_ns;
  if (request.to_ns) s.to_ns = *request.to_ns;
  if (request.from_ns && request.to_ns && s.to_ns <= s.from_ns)
    throw UsageError("--to must be later than --from (got " + human_ns(s.from_ns) + " and " +
                     human_ns(s.to_ns) + ")");
  if (request.from_ns && s.from_ns > run_end)
    throw UsageError("--from " + human_ns(s.from_ns) + ": after the run's end (" + human_ns(run_end) + ")");
  return s;
}

}  // namespace locklab::cli
