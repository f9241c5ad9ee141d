#include "locklab/present/comparison.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <ostream>

#include <fmt/format.h>

#include "locklab/present/format.h"

namespace locklab::present {
namespace {

const LatencySummary* op_named(const RunSummary& run, const std::string& op) {
  for (const LatencySummary& l : run.latency)
    if (l.op == op && l.count) return &l;
  return nullptr;
}

nlohmann::json finite_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

void align_main_op(std::vector<RunSummary*> runs) {
  std::vector<std::pair<std::string, std::uint64_t>> totals;  // in first-seen order
  for (const RunSummary* r : runs)
    for (const LatencySummary& l : r->latency) {
      auto it = std::find_if(totals.begin(), totals.end(), [&](const auto& t) { return t.first == l.op; });
      if (it == totals.end()) totals.emplace_back(l.op, l.count);
      else it->second += l.count;
    }
  const auto best = std::max_element(totals.begin(), totals.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  for (RunSummary* r : runs) {
    r->main_op.reset();
    if (best == totals.end() || best->second == 0) continue;
    for (std::size_t i = 0; i < r->latency.size(); ++i)
      if (r->latency[i].op == best->first && r->latency[i].count) r->main_op = i;
  }
}

double throughput_ratio(const RunSummary& run, const RunSummary& base) {
  if (base.items_per_sec <= 0) return kNaN;
  return run.items_per_sec / base.items_per_sec;
}

double p99_ratio(const RunSummary& run, const RunSummary& base) {
  const LatencySummary* b = base.main_latency();
  if (!b || b->p99_ns == 0) return kNaN;
  const LatencySummary* r = op_named(run, b->op);
  if (!r) return kNaN;
  return static_cast<double>(r->p99_ns) / static_cast<double>(b->p99_ns);
}

std::optional<CompareVerdict> judge(const BugInfo& bug, const Trace& buggy, const Trace& fixed) {
  if (!bug.compare) return std::nullopt;
  CompareVerdict c;
  c.variant = fixed.info.variant;
  try {
    c.verdict = bug.compare(buggy, fixed);
    c.as_expected = c.verdict.symptom;
  } catch (const std::exception& e) {
    c.verdict = OracleVerdict{false, std::string("compare() failed: ") + e.what()};
    c.as_expected = false;
  }
  return c;
}

void print_comparison(std::ostream& out, const std::vector<RunSummary>& runs, const RunSummary& base,
                      const std::vector<CompareVerdict>& compares) {
  const LatencySummary* main = base.main_latency();
  const std::string op = main ? " (" + main->op + ")" : "";
  std::string vs = "VS ";
  for (const char c : base.info.variant) vs += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out << "== side by side, ratios against " << base.info.variant << "\n";
  Table t({"VARIANT", "VERDICT", "THROUGHPUT", vs, "P50" + op, "P99" + op,
           vs, "MAX" + op, "WAITING", "SYMPTOM", "AS EXPECTED"});
  t.right(2).right(3).right(4).right(5).right(6).right(7).right(8);
  for (const RunSummary& r : runs) {
    const LatencySummary* l = main ? op_named(r, main->op) : nullptr;
    const double wait_share = r.thread_time_ns ? double(r.total_wait_ns) / double(r.thread_time_ns) : 0.0;
    t.add({r.info.variant, std::string(to_string(r.kind)), human_rate(r.items_per_sec),
           ratio_text(throughput_ratio(r, base)), l ? human_ns(l->p50_ns) : "-", l ? human_ns(l->p99_ns) : "-",
           ratio_text(p99_ratio(r, base)), l ? human_ns(l->max_ns) : "-", percent(wait_share),
           r.oracle ? std::string(yes_no(r.oracle->symptom)) : "-",
           r.as_expected ? std::string(yes_no(*r.as_expected)) : "-"});
  }
  t.print(out, "  ");
  print_compare_verdicts(out, base.info.variant, compares);
}

void print_compare_verdicts(std::ostream& out, const std::string& buggy_name,
                            const std::vector<CompareVerdict>& compares, bool judged) {
  for (const CompareVerdict& c : compares) {
    const char* outcome = c.as_expected ? " (as expected)"
                          : judged      ? " (NOT AS EXPECTED)"
                                        : " (below its margin on this machine: a real-time figure, not judged)";
    out << fmt::format("  compare {} against {}: {} worse: {}{}\n", buggy_name, c.variant, buggy_name,
                       yes_no(c.verdict.symptom), outcome);
    if (!c.verdict.explanation.empty()) print_indented(out, c.verdict.explanation, "    ");
  }
}

nlohmann::json to_json(const CompareVerdict& c) {
  return {{"variant", c.variant},
          {"symptom", c.verdict.symptom},
          {"explanation", c.verdict.explanation},
          {"as_expected", c.as_expected}};
}

nlohmann::json comparison_json(const std::vector<RunSummary>& runs, const RunSummary& base,
                               const std::vector<CompareVerdict>& compares) {
  nlohmann::json rows = nlohmann::json::array();
  const LatencySummary* main = base.main_latency();
  for (const RunSummary& r : runs)
    rows.push_back({{"variant", r.info.variant},
                    {"throughput_ratio", finite_or_null(throughput_ratio(r, base))},
                    {"p99_ratio", finite_or_null(p99_ratio(r, base))}});
  nlohmann::json cmp = nlohmann::json::array();
  for (const CompareVerdict& c : compares) cmp.push_back(to_json(c));
  return {{"baseline", base.info.variant},
          {"main_op", main ? nlohmann::json(main->op) : nlohmann::json(nullptr)},
          {"rows", rows},
          {"compare", cmp}};
}

}  // namespace locklab::present
