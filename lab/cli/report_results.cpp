#include "report_results.h"

#include <algorithm>
#include <cmath>

namespace locklab::cli {

std::optional<std::uint64_t> p99_of(const RunSummary& run, const std::string& op) {
  for (const LatencySummary& l : run.latency)
    if (l.op == op && l.count) return l.p99_ns;
  return std::nullopt;
}

double wait_share(const RunSummary& run) {
  return run.thread_time_ns ? static_cast<double>(run.total_wait_ns) / static_cast<double>(run.thread_time_ns) : 0.0;
}

std::string ReportResults::main_op_of(const std::string& bug) const {
  const auto it = main_op.find(bug);
  return it == main_op.end() ? std::string() : it->second;
}

std::vector<const CaseResult*> ReportResults::cases_of(const std::string& bug) const {
  std::vector<const CaseResult*> out;
  for (const CaseResult& r : cases)
    if (r.c.bug->id == bug) out.push_back(&r);
  return out;
}

std::vector<std::uint32_t> ReportResults::thread_counts_of(const std::string& bug) const {
  std::vector<std::uint32_t> out;
  for (const CaseResult* r : cases_of(bug))
    if (std::find(out.begin(), out.end(), r->c.threads) == out.end()) out.push_back(r->c.threads);
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t ReportResults::not_as_expected() const {
  std::size_t n = 0;
  for (const CaseResult& r : cases) {
    for (const RunSummary& s : r.runs) n += s.as_expected.value_or(false) ? 0 : 1;
    if (r.compare && !r.compare->as_expected) ++n;
  }
  return n;
}

CaseFigures figures(const CaseResult& r, const std::string& main_op) {
  CaseFigures f;
  std::vector<double> tp, p99, waits;
  for (const RunSummary& s : r.runs) {
    tp.push_back(s.items_per_sec);
    if (const auto p = main_op.empty() ? std::nullopt : p99_of(s, main_op)) p99.push_back(static_cast<double>(*p));
    waits.push_back(wait_share(s));
    ++f.runs;
    f.symptom += s.oracle && s.oracle->symptom ? 1 : 0;
    f.as_expected += s.as_expected.value_or(false) ? 1 : 0;
    f.failures += is_failure(s.kind) ? 1 : 0;
  }
  f.throughput = spread(tp);
  if (!p99.empty()) f.p99_ns = spread(p99);
  f.wait_share = spread(waits);
  if (!r.runs.empty()) {
    std::vector<const RunSummary*> by_tp;
    for (const RunSummary& s : r.runs) by_tp.push_back(&s);
    std::sort(by_tp.begin(), by_tp.end(),
              [](const RunSummary* a, const RunSummary* b) { return a->items_per_sec < b->items_per_sec; });
    f.representative = by_tp[(by_tp.size() - 1) / 2];
  }
  return f;
}

}  // namespace locklab::cli
