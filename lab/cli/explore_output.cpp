#include "explore_output.h"

#include <fmt/format.h>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/core/site.h"

namespace locklab::cli {
namespace {

std::string strategy_text(const sched::ExploreOptions& o) {
  if (o.strategy == "pct") return fmt::format("pct depth {}", o.depth);
  if (o.strategy == "dfs") return fmt::format("dfs within {} preemption{}", o.preemptions, o.preemptions == 1 ? "" : "s");
  return "random walk";
}

std::string replay_command(const ExploreReport& r) {
  const std::string file = r.saved_to.empty() ? "FILE" : r.saved_to;
  return "locklab replay " + r.bug.id + " " + file;
}

std::string explore_command(const ExploreReport& r) {
  std::string cmd = "locklab explore " + r.bug.id + " --variant " + r.variant.name + " --strategy " + r.options.strategy;
  if (r.options.strategy == "pct") cmd += " --depth " + std::to_string(r.options.depth);
  if (r.options.strategy == "dfs") cmd += " --preemptions " + std::to_string(r.options.preemptions);
  cmd += " --seed " + std::to_string(r.options.seed) + " --budget " + std::to_string(r.result.schedules);
  return cmd;
}

std::string workload_text(const sched::ExploreResult::Covered& c) {
  std::string w = fmt::format("{} thread{}", c.threads, c.threads == 1 ? "" : "s");
  for (const auto& [k, v] : c.params) w += fmt::format(", {}={}", k, v);
  return w;
}

// What a search that found nothing covered, in words: never more than it
// enumerated (docs/scheduler.md, "Known limits").
std::string coverage_text(const sched::ExploreOptions& o, const sched::ExploreResult& res) {
  const sched::ExploreResult::Covered& c = res.covered;
  std::string t;
  if (o.strategy == "dfs" && res.exhausted)
    t = fmt::format("  covered: every schedule of this workload with at most {} preemption{}, enumerated to the end:\n"
                    "    which thread runs at each scheduling point, ",
                    o.preemptions, o.preemptions == 1 ? "" : "s");
  else
    t = fmt::format("  covered: only the {} schedules run, not every one (no bound was exhausted); in them:\n"
                    "    which thread runs, ",
                    thousands(res.schedules));
  t += c.select_choices ? fmt::format("the ready cases of the selects met ({} choice{}), ", thousands(c.select_choices),
                                      c.select_choices == 1 ? "" : "s")
                        : std::string("ready select cases (no select met two), ");
  t += c.timer_firings ? fmt::format("when due timers fire ({} firing{})", thousands(c.timer_firings),
                                     c.timer_firings == 1 ? "" : "s")
                       : std::string("when due timers fire (no timer came due)");
  if (c.spurious_choices) t += fmt::format(", spurious wake-ups ({})", thousands(c.spurious_choices));
  t += "\n  on the workload " + workload_text(c) + "; fair schedules only (a thread passed over " +
       std::to_string(sched::kFairnessBound) + " decisions in a row runs next)\n";
  t += "  not covered: other workloads (threads, parameters), more preemptions, reorderings weaker than\n"
       "  sequential consistency, and code between scheduling points that does not use locklab's primitives\n";
  return t;
}

}  // namespace

void print_steps(std::ostream& out, const sched::ControlledRun& run, std::size_t max_lines) {
  const std::size_t n = run.steps.size();
  const std::size_t head = n > max_lines ? max_lines / 4 : n;
  const std::size_t tail_from = n > max_lines ? n - (max_lines - head) : n;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == head && head < tail_from) {
      out << fmt::format("  {:>5}  ... {} steps left out ...\n", "", tail_from - head);
      i = tail_from - 1;
      continue;
    }
    out << fmt::format("  {:>5}. {}\n", i + 1, sched::describe_step(run.trace, run.steps[i]));
  }
}

nlohmann::json steps_json(const sched::ControlledRun& run) {
  nlohmann::json arr = nlohmann::json::array();
  for (const sched::Step& s : run.steps) {
    const SiteInfo at = Site::describe(s.site);
    arr.push_back({{"thread", s.thread},
                   {"op", std::string(to_string(s.op))},
                   {"object", s.object},
                   {"site", at.line ? nlohmann::json(site_text(at)) : nlohmann::json()},
                   {"resumed", s.resumed},
                   {"preemption", s.preemption},
                   {"text", sched::describe_step(run.trace, s)}});
  }
  return arr;
}

void print_outcome(std::ostream& out, const Trace& t, const OracleVerdict& oracle) {
  const std::string kind(to_string(t.verdict.kind));
  out << "verdict: "
      << (t.verdict.summary.rfind(kind, 0) == 0 ? t.verdict.summary
                                                 : kind + (t.verdict.summary.empty() ? "" : ": " + t.verdict.summary))
      << "\n";
  if (!oracle.explanation.empty())
    out << "oracle: " << (oracle.symptom ? "symptom present: " : "no symptom: ") << oracle.explanation << "\n";
  if (is_failure(t.verdict.kind) && !t.verdict.detail.empty()) {
    out << "\nreport at the end of the schedule:\n";
    print_indented(out, t.verdict.detail, "  ");
  }
}

void print_rates(std::ostream& out, const sched::TriggerRates& rates) {
  out << "\ntrigger rates of the " << rates.variant << " variant, every row on the same workload: "
      << rates.workload.threads << " threads";
  for (const auto& [name, value] : rates.workload.params) out << ", " << name << "=" << value;
  out << "\n";
  out << fmt::format("  {:<28} {:>9} {:>9} {:>8}\n", "method", "runs", "failed", "rate");
  for (const sched::RateRow& row : rates.rows)
    out << fmt::format("  {:<28} {:>9} {:>9} {:>8}{}\n", row.method, thousands(row.runs), thousands(row.failures),
                       percent(row.rate()), row.exhaustive ? "  (bound exhausted)" : "");
  if (rates.fewest_preemptions)
    out << "  fewest preemptions that make it fail: " << *rates.fewest_preemptions << "\n";
  else
    out << "  no failing schedule within the preemption bounds searched\n";
}

nlohmann::json rates_json(const sched::TriggerRates& rates) {
  nlohmann::json rows = nlohmann::json::array();
  for (const sched::RateRow& row : rates.rows)
    rows.push_back({{"method", row.method}, {"runs", row.runs}, {"failures", row.failures}, {"rate", row.rate()},
                    {"exhaustive", row.exhaustive}});
  return {{"variant", rates.variant},
          {"workload", {{"threads", rates.workload.threads}, {"params", rates.workload.params}}},
          {"rows", rows},
          {"fewest_preemptions", rates.fewest_preemptions ? nlohmann::json(*rates.fewest_preemptions) : nlohmann::json()}};
}

void print_explore(std::ostream& out, const ExploreReport& r) {
  const sched::ExploreResult& res = r.result;
  const Trace* t = res.found ? &res.failing.trace : nullptr;
  out << "explore " << r.bug.id << " / " << r.variant.name << ": " << strategy_text(r.options) << ", seed "
      << r.options.seed << "\n";
  const double rate = res.seconds > 0 ? static_cast<double>(res.schedules) / res.seconds : 0;
  if (res.found) {
    out << fmt::format("found a failing schedule: schedule {} after {} ({}/s); {} steps, {} preemption{}\n",
                       thousands(res.schedules), human_ns(static_cast<std::uint64_t>(res.seconds * 1e9)),
                       short_count(rate), res.failing.steps.size(), res.failing.preemptions,
                       res.failing.preemptions == 1 ? "" : "s");
    out << fmt::format("settings: {} threads, {} ms of virtual time, params:", t->info.threads, t->info.duration_ms);
    for (const auto& [k, v] : t->info.params) out << " " << k << "=" << v;
    out << "\n\nthe schedule, step by step (who ran, and what it did):\n";
    print_steps(out, res.failing);
    out << "\n";
    print_outcome(out, *t, res.oracle);
    out << "\n";
    if (!r.saved_to.empty()) {
      out << "saved to " << r.saved_to << "; replay it with:\n  " << replay_command(r) << "\n";
      out << "and against the fix:\n  " << replay_command(r) << " --variant fixed\n";
    } else {
      out << "replay it: save it with --save FILE, then\n  " << replay_command(r) << "\n"
          << "(this search finds it again: " << explore_command(r) << ")\n";
    }
  } else if (res.exhausted) {
    out << fmt::format("no failure within {} preemption{}: the bound is exhausted after {} schedules ({})\n",
                       r.options.preemptions, r.options.preemptions == 1 ? "" : "s", thousands(res.schedules),
                       human_ns(static_cast<std::uint64_t>(res.seconds * 1e9)));
    out << coverage_text(r.options, res);
  } else {
    out << fmt::format("no failure in {} schedules ({}, {}/s){}\n", thousands(res.schedules),
                       human_ns(static_cast<std::uint64_t>(res.seconds * 1e9)), short_count(rate),
                       res.interrupted ? "; interrupted" : "; the budget is spent");
    if (r.options.strategy == "dfs")
      out << "  not a certificate: the depth-first search stopped before the bound was exhausted\n";
    out << coverage_text(r.options, res);
  }
  if (r.rates) print_rates(out, *r.rates);
}

nlohmann::json explore_json(const ExploreReport& r) {
  const sched::ExploreResult& res = r.result;
  nlohmann::json j = {{"bug", r.bug.id},
                      {"variant", r.variant.name},
                      {"searched", true},
                      {"strategy", r.options.strategy},
                      {"depth", r.options.depth},
                      {"preemptions", r.options.preemptions},
                      {"seed", r.options.seed},
                      {"schedules", res.schedules},
                      {"seconds", res.seconds},
                      {"schedules_per_s", res.seconds > 0 ? static_cast<double>(res.schedules) / res.seconds : 0.0},
                      {"found", res.found},
                      {"exhausted", res.exhausted},
                      {"interrupted", res.interrupted},
                      {"covered", {{"threads", res.covered.threads},
                                   {"params", res.covered.params},
                                   {"timer_firings", res.covered.timer_firings},
                                   {"select_choices", res.covered.select_choices},
                                   {"spurious_choices", res.covered.spurious_choices},
                                   {"fairness_bound", sched::kFairnessBound},
                                   {"certificate", res.exhausted && r.options.strategy == "dfs"}}},
                      {"failing", nullptr},
                      {"rates", r.rates ? rates_json(*r.rates) : nlohmann::json()}};
  if (res.found) {
    const Trace& t = res.failing.trace;
    j["failing"] = {{"steps", steps_json(res.failing)},
                    {"preemptions", res.failing.preemptions},
                    {"threads", t.info.threads},
                    {"duration_ms", t.info.duration_ms},
                    {"params", t.info.params},
                    {"verdict", {{"kind", json_word(t.verdict.kind)}, {"summary", t.verdict.summary},
                                 {"detail", t.verdict.detail}}},
                    {"oracle", {{"symptom", res.oracle.symptom}, {"explanation", res.oracle.explanation}}},
                    {"schedule_file", r.saved_to.empty() ? nlohmann::json() : nlohmann::json(r.saved_to)},
                    {"replay_command", replay_command(r)}};
  }
  return j;
}

}  // namespace locklab::cli
