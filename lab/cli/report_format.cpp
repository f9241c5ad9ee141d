#include "report_format.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified

namespace locklab::cli {
namespace {

std::string deviation_text(const Spread& s) {
  if (s.n < 2) return "";
  const double pct = s.deviation * 100.0;
  return pct < 0.5 ? " ±0%" : pct < 9.95 ? fmt::format(" ±{:.1f}%", pct) : fmt::format(" ±{:.0f}%", pct);
}

std::string decade(double v, const char* const units[4], const char* space) {
  const double steps[] = {1e9, 1e6, 1e3, 1};
  for (int i = 0; i < 3; ++i)
    if (v >= steps[i]) return fmt::format("{:g}{}{}", v / steps[i], space, units[i]);
  return fmt::format("{:g}{}{}", v, units[3][0] ? space : "", units[3]);
}

}  // namespace

std::string rate_text(const Spread& s) { return s.n ? human_rate(s.median) + deviation_text(s) : "-"; }

std::string ns_text(const Spread& s) {
  return s.n ? human_ns(static_cast<std::uint64_t>(std::llround(s.median))) + deviation_text(s) : "-";
}

std::string verdict_words(const RunSummary& run) {
  const std::string kind(to_string(run.kind));
  if (run.verdict_summary.empty() || run.verdict_summary == kind) return kind;
  if (run.verdict_summary.rfind(kind, 0) == 0) return run.verdict_summary;  // "deadlock: ..." says it already
  return kind + ": " + run.verdict_summary;
}

std::string count_of(std::size_t k, std::size_t n) { return fmt::format("{} of {}", k, n); }

std::string decade_rate(double v) {
  static const char* const units[4] = {"G", "M", "k", ""};
  return decade(v, units, "");
}

std::string decade_ns(double v) {
  static const char* const units[4] = {"s", "ms", "µs", "ns"};
  return decade(v, units, " ");
}

std::string variant_colour(const BugInfo& bug, const VariantInfo& variant) {
  static const char* const kFixed[] = {kFixedColour, "#1f77b4", "#9467bd", "#17becf", "#8c564b", "#e377c2"};
  if (variant.buggy) return kBuggyColour;
  const auto fixed = bug.fixed_variants();
  for (std::size_t i = 0; i < fixed.size(); ++i)
    if (fixed[i] == &variant) return kFixed[i % std::size(kFixed)];
  return kFixed[0];
}

const CaseResult* buggy_case(const ReportResults& r, const std::string& bug, std::uint32_t threads) {
  for (const CaseResult& c : r.cases)
    if (c.c.bug->id == bug && c.c.threads == threads && c.c.variant->buggy && !c.runs.empty()) return &c;
  return nullptr;
}

double throughput_vs_buggy(const ReportResults& r, const CaseResult& c) {
  const CaseResult* b = buggy_case(r, c.c.bug->id, c.c.threads);
  if (!b || c.runs.empty()) return kNaN;
  const double base = figures(*b, "").throughput.median;
  return base > 0 ? figures(c, "").throughput.median / base : kNaN;
}

double p99_vs_buggy(const ReportResults& r, const CaseResult& c) {
  const std::string op = r.main_op_of(c.c.bug->id);
  const CaseResult* b = buggy_case(r, c.c.bug->id, c.c.threads);
  if (!b || c.runs.empty() || op.empty()) return kNaN;
  const auto base = figures(*b, op).p99_ns, mine = figures(c, op).p99_ns;
  return base && mine && base->median > 0 ? mine->median / base->median : kNaN;
}

std::string settings_text(const ReportResults& r) {
  const ReportSettings& s = r.settings;
  const std::string duration =
      s.duration_ms ? fmt::format("{} a run", human_ms(s.duration_ms))
                    : fmt::format("each bug's default run length, at most {}", human_ms(kReportDurationCapMs));
  return fmt::format("{} {} · threads: {} · {} · {} repetition{} of each", s.bugs.size(),
                     s.bugs.size() == 1 ? "bug" : "bugs", s.threads_text, duration, s.repetitions,
                     s.repetitions == 1 ? "" : "s");
}

std::string run_text(const ReportResults& r) {
  std::string text = fmt::format("{} of {} runs in {}", r.runs_done, r.runs_planned, human_ns(r.wall_ns));
  const nlohmann::json& ctx = r.benchmark.contains("context") ? r.benchmark["context"] : nlohmann::json::object();
  if (ctx.contains("host_name") && ctx["host_name"].is_string()) text += " on " + ctx["host_name"].get<std::string>();
  if (ctx.contains("num_cpus") && ctx["num_cpus"].is_number())
    text += fmt::format(" ({} CPUs)", ctx["num_cpus"].get<int>());
  if (ctx.contains("date") && ctx["date"].is_string()) text += ", " + ctx["date"].get<std::string>();
  if (ctx.contains("load_avg") && ctx["load_avg"].is_array() && !ctx["load_avg"].empty() &&
      ctx["load_avg"][0].is_number())
    text += fmt::format(", load average {:.2f} at the start", ctx["load_avg"][0].get<double>());
  return text;
}

}  // namespace locklab::cli
