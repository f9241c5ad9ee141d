#include "report_compare.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <ostream>

#include <fmt/format.h>

#include "locklab/present/format.h"
#include "options.h"

namespace locklab::cli {
namespace {

// Repetitions of one benchmark: each figure's values.
struct Samples {
  std::vector<double> throughput, p99;
};

using Grouped = std::vector<std::pair<std::string, Samples>>;  // in file order

Grouped group(const nlohmann::json& doc) {
  Grouped out;
  std::map<std::string, std::size_t> index;
  for (const nlohmann::json& b : doc["benchmarks"]) {
    if (!b.is_object()) continue;
    if (b.value("run_type", "iteration") != "iteration" || b.value("error_occurred", false)) continue;
    const std::string key = benchmark_key(b.value("run_name", b.value("name", "")));
    if (key.empty()) continue;
    auto [it, added] = index.emplace(key, out.size());
    if (added) out.emplace_back(key, Samples{});
    Samples& s = out[it->second].second;
    if (b.contains("items_per_second") && b["items_per_second"].is_number())
      s.throughput.push_back(b["items_per_second"].get<double>());
    if (b.contains("p99_ns") && b["p99_ns"].is_number()) s.p99.push_back(b["p99_ns"].get<double>());
  }
  return out;
}

MetricChange change(const std::vector<double>& before, const std::vector<double>& after) {
  MetricChange c;
  if (before.empty() || after.empty()) return c;
  c.present = true;
  c.before = spread(before);
  c.after = spread(after);
  c.ratio = c.before.median != 0 ? c.after.median / c.before.median : kNaN;
  c.p = mann_whitney_p(before, after);
  c.beyond_noise = c.p < kSignificance;
  return c;
}

std::string change_text(const MetricChange& c) {
  if (!c.present) return "-";
  if (!c.beyond_noise) {
    if (smallest_p(c.before.n, c.after.n) >= kSignificance)
      return fmt::format("~ (n={}+{}: too few runs)", c.before.n, c.after.n);
    return fmt::format("~ (p={:.2f})", c.p);
  }
  std::string delta;
  if (!std::isfinite(c.ratio))
    delta = "changed";
  else if (c.ratio >= 0.5 && c.ratio <= 2.0)
    delta = fmt::format("{:+.1f}%", (c.ratio - 1.0) * 100.0);
  else
    delta = ratio_text(c.ratio);
  return fmt::format("{} (p={:.3f})", delta, c.p);
}

std::string spread_cell(const MetricChange& c, const Spread& s, bool rate) {
  if (!c.present) return "-";
  const std::string v = rate ? human_rate(s.median) : human_ns(static_cast<std::uint64_t>(std::llround(s.median)));
  return s.n > 1 ? fmt::format("{} ±{:.0f}%", v, s.deviation * 100.0) : v;
}

nlohmann::json change_spread_json(const Spread& s) {
  return {{"n", s.n}, {"median", s.median}, {"min", s.min}, {"max", s.max}, {"deviation", s.deviation}};
}

nlohmann::json change_json(const MetricChange& c) {
  if (!c.present) return nullptr;
  return {{"old", change_spread_json(c.before)},
          {"new", change_spread_json(c.after)},
          {"ratio", std::isfinite(c.ratio) ? nlohmann::json(c.ratio) : nlohmann::json(nullptr)},
          {"p", c.p},
          {"beyond_noise", c.beyond_noise}};
}

}  // namespace

nlohmann::json load_benchmark_json(const std::string& path, const std::string& which) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + which + " '" + path + "': no such file, or not readable");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw UsageError("cannot read " + which + " '" + path + "': not JSON (" + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("benchmarks") || !doc["benchmarks"].is_array())
    throw UsageError("cannot read " + which + " '" + path +
                     "': no \"benchmarks\" array (expected a locklab report.json or Google Benchmark JSON output)");
  return doc;
}

std::string benchmark_key(const std::string& name) {
  std::string key;
  std::size_t pos = 0;
  while (pos <= name.size()) {
    std::size_t slash = name.find('/', pos);
    if (slash == std::string::npos) slash = name.size();
    const std::string part = name.substr(pos, slash - pos);
    const bool how = part.rfind("iterations:", 0) == 0 || part.rfind("repeats:", 0) == 0 ||
                     part.rfind("min_time:", 0) == 0 || part.rfind("min_warmup_time:", 0) == 0 ||
                     part == "manual_time" || part == "real_time";
    if (!how && !part.empty()) key += (key.empty() ? "" : "/") + part;
    pos = slash + 1;
  }
  return key;
}

ReportComparison compare_reports(const nlohmann::json& before, const nlohmann::json& after) {
  const Grouped old_runs = group(before), new_runs = group(after);
  const auto find = [](const Grouped& runs, const std::string& name) {
    return std::find_if(runs.begin(), runs.end(), [&](const auto& r) { return r.first == name; });
  };
  ReportComparison out;
  for (const auto& now : new_runs) {
    const auto was = find(old_runs, now.first);
    if (was == old_runs.end()) {
      out.only_new.push_back(now.first);
      continue;
    }
    out.rows.push_back({now.first, change(was->second.throughput, now.second.throughput),
                        change(was->second.p99, now.second.p99)});
  }
  for (const auto& was : old_runs)
    if (find(new_runs, was.first) == new_runs.end()) out.only_old.push_back(was.first);
  return out;
}

void print_report_comparison(std::ostream& out, const ReportComparison& c, const std::string& before_name,
                             const std::string& after_name) {
  out << "old: " << before_name << "\nnew: " << after_name << "\n\n";
  if (c.rows.empty()) {
    out << "No benchmark is in both files.\n";
  } else {
    Table t({"BENCHMARK", "ITEMS/S OLD", "NEW", "CHANGE", "P99 OLD", "NEW", "CHANGE"});
    t.right(1).right(2).right(4).right(5);
    for (const BenchmarkChange& r : c.rows)
      t.add({r.name, spread_cell(r.throughput, r.throughput.before, true),
             spread_cell(r.throughput, r.throughput.after, true), change_text(r.throughput),
             spread_cell(r.p99, r.p99.before, false), spread_cell(r.p99, r.p99.after, false), change_text(r.p99)});
    t.print(out);
    std::size_t changed = 0;
    for (const BenchmarkChange& r : c.rows) changed += (r.throughput.beyond_noise || r.p99.beyond_noise) ? 1 : 0;
    out << fmt::format("\n{} of {} benchmarks changed beyond the noise.\n", changed, c.rows.size());
  }
  for (const std::string& n : c.only_old) out << "only in old: " << n << "\n";
  for (const std::string& n : c.only_new) out << "only in new: " << n << "\n";
  out << "\nMedians over the repetitions, ± the largest deviation of one repetition from the median. CHANGE is the\n"
         "new median against the old, shown when a two-sided Mann-Whitney U test over the repetitions gives\n"
         "p < 0.05; '~' means the difference is within the noise. With 3 repetitions a side no change can\n"
         "reach p < 0.05 ('too few runs'): 5 a side (the default) can.\n";
}

nlohmann::json report_comparison_json(const ReportComparison& c) {
  nlohmann::json rows = nlohmann::json::array();
  for (const BenchmarkChange& r : c.rows)
    rows.push_back({{"benchmark", r.name}, {"throughput", change_json(r.throughput)}, {"p99_ns", change_json(r.p99)}});
  return {{"rows", rows}, {"only_old", c.only_old}, {"only_new", c.only_new}, {"significance", kSignificance}};
}

}  // namespace locklab::cli
