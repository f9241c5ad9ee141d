// locklab tour: every bug, buggy and every fixed variant, in one table.
// Progress goes to stderr; Ctrl-C ends it after the current run.
#include <cmath>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "locklab/present/comparison.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/present/format.h"
#include "progress.h"
#include "report_plan.h"
#include "run_options.h"

namespace locklab::cli {
namespace {

struct TourOptions {
  RunOptions run;
  std::string bugs = "all";  // as typed: "all" or comma-separated ids
  bool json = false;
};

struct Step {
  const BugInfo* bug;
  const VariantInfo* variant;
};

struct TourRow {
  RunSummary run;
  double throughput_ratio, p99_ratio;  // against the bug's buggy run
};

struct TourCompare {
  std::string bug, buggy;
  CompareVerdict verdict;
};

nlohmann::json null_if_nan(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json row_json(const TourRow& row) {
  const RunSummary& s = row.run;
  const LatencySummary* l = s.main_latency();
  const SiteRow* top = s.by_waiter.empty() ? nullptr : &s.by_waiter.front();
  auto null_or = [](bool has, nlohmann::json v) { return has ? std::move(v) : nlohmann::json(nullptr); };
  return {{"bug", s.info.bug},
          {"variant", s.info.variant},
          {"buggy", s.buggy.value_or(false)},
          {"verdict", json_word(s.kind)},
          {"verdict_summary", s.verdict_summary},
          {"throughput_per_sec", s.items_per_sec},
          {"items", s.items},
          {"main_op", null_or(l, l ? l->op : "")},
          {"p99_ns", null_or(l, l ? l->p99_ns : 0)},
          {"top_wait_site", null_or(top, top ? top->site : "")},
          {"top_wait_object", null_or(top, top ? top->object : "")},
          {"top_wait_share", null_or(top, top ? top->share : 0.0)},
          {"symptom", s.oracle && s.oracle->symptom},
          {"explanation", s.oracle ? s.oracle->explanation : ""},
          {"as_expected", s.as_expected.value_or(false)},
          {"dropped_events", s.events.dropped},
          {"throughput_ratio", null_if_nan(row.throughput_ratio)},
          {"p99_ratio", null_if_nan(row.p99_ratio)}};
}

// Per bug: one main op for all its variants, and ratios against its buggy run.
void add_ratios(std::vector<TourRow>& rows) {
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin;
    std::vector<RunSummary*> group;
    const TourRow* buggy = nullptr;
    for (; end < rows.size() && rows[end].run.info.bug == rows[begin].run.info.bug; ++end) {
      group.push_back(&rows[end].run);
      if (rows[end].run.buggy.value_or(false)) buggy = &rows[end];
    }
    align_main_op(group);
    for (std::size_t i = begin; buggy && i < end; ++i) {
      rows[i].throughput_ratio = throughput_ratio(rows[i].run, buggy->run);
      rows[i].p99_ratio = p99_ratio(rows[i].run, buggy->run);
    }
    begin = end;
  }
}

void print_table(std::ostream& out, const std::vector<TourRow>& rows) {
  Table t({"BUG", "VARIANT", "VERDICT", "THROUGHPUT", "P99 (MAIN OP)", "TOP WAIT SITE", "SYMPTOM", "AS EXPECTED",
           "DROPPED"});
  t.right(3).right(4).right(8);
  for (const TourRow& row : rows) {
    const RunSummary& s = row.run;
    const LatencySummary* l = s.main_latency();
    t.add({s.info.bug, s.info.variant, std::string(to_string(s.kind)), human_rate(s.items_per_sec),
           l ? fmt::format("{} ({})", human_ns(l->p99_ns), l->op) : "-",
           s.by_waiter.empty() ? "-" : s.by_waiter.front().site, std::string(yes_no(s.oracle && s.oracle->symptom)),
           s.as_expected.value_or(false) ? "yes" : "NO",
           s.events.dropped ? short_count(static_cast<double>(s.events.dropped)) : "0"});
  }
  t.print(out);
}

int run_tour(const TourOptions& o, Io io) {
  const std::vector<const BugInfo*> bugs = parse_bug_list(o.bugs);
  const RunConfig config = make_config(o.run, nullptr);
  std::vector<Step> plan;
  std::vector<std::uint64_t> planned_ms;
  for (const BugInfo* bug : bugs) {
    plan.push_back({bug, bug->buggy_variant()});
    for (const VariantInfo* v : bug->fixed_variants()) plan.push_back({bug, v});
  }
  for (const Step& s : plan) planned_ms.push_back(effective_duration_ms(*s.bug, config));

  InterruptScope interrupt;
  Progress progress(io.err, planned_ms);
  std::vector<TourRow> rows;
  std::vector<TourCompare> compares;
  std::optional<Trace> buggy_trace;  // of the bug being toured
  for (std::size_t i = 0; i < plan.size() && !interrupt.interrupted(); ++i) {
    const Step& step = plan[i];
    progress.step(i, step.bug->id + " " + step.variant->name);
    Trace trace = run_bug(*step.bug, step.variant->name, config);
    rows.push_back({summarize(trace, step.bug), std::nan(""), std::nan("")});
    if (step.variant->buggy) buggy_trace = std::move(trace);
    else if (buggy_trace && buggy_trace->info.bug == step.bug->id)
      if (auto c = judge(*step.bug, *buggy_trace, trace))
        compares.push_back({step.bug->id, buggy_trace->info.variant, std::move(*c)});
  }
  add_ratios(rows);

  std::size_t not_ok = 0;
  for (const TourRow& r : rows) not_ok += r.run.as_expected.value_or(false) ? 0 : 1;
  // The compares are real-time throughput ratios: on a shared machine they
  // are figures to read (`locklab report` measures them properly), not
  // verdicts, so a ratio below its margin is said but does not fail the tour.
  const bool interrupted = interrupt.interrupted() && rows.size() < plan.size();
  const int code = interrupted ? kExitInterrupted : not_ok ? kExitNotExpected : kExitOk;

  if (o.json) {
    nlohmann::json jrows = nlohmann::json::array(), jcmp = nlohmann::json::array();
    for (const TourRow& r : rows) jrows.push_back(row_json(r));
    for (const TourCompare& c : compares) {
      nlohmann::json j = to_json(c.verdict);
      j["bug"] = c.bug;
      jcmp.push_back(j);
    }
    const auto opt = [](std::uint64_t v) { return v ? nlohmann::json(v) : nlohmann::json(nullptr); };
    print_json(io.out, {{"settings", {{"threads", opt(config.threads)}, {"duration_ms", opt(config.duration_ms)}}},
                        {"runs_planned", plan.size()},
                        {"runs_done", rows.size()},
                        {"interrupted", interrupted},
                        {"rows", jrows},
                        {"compare", jcmp},
                        {"all_as_expected", not_ok == 0},
                        {"exit_code", code}});
    return code;
  }
  if (plan.empty()) {
    io.out << "The catalogue is empty: nothing to tour.\n";
    return kExitOk;
  }
  print_table(io.out, rows);
  for (std::size_t i = 0; i < compares.size(); ++i) {
    if (i == 0 || compares[i].bug != compares[i - 1].bug) io.out << "\n" << compares[i].bug << ":\n";
    print_compare_verdicts(io.out, compares[i].buggy, {compares[i].verdict}, /*judged=*/false);
  }
  io.out << "\n";
  if (interrupted) io.out << fmt::format("Interrupted (Ctrl-C) after {} of {} runs.\n", rows.size(), plan.size());
  for (const TourRow& r : rows)
    if (!r.run.as_expected.value_or(false))
      io.out << fmt::format("NOT as expected: {} {} (symptom {}, verdict {})\n", r.run.info.bug, r.run.info.variant,
                            yes_no(r.run.oracle && r.run.oracle->symptom), to_string(r.run.kind));
  for (const TourCompare& c : compares)
    if (!c.verdict.as_expected)
      io.out << fmt::format("Below its stated margin on this machine (a real-time ratio, not a verdict; "
                            "`locklab report` measures it): {} {} against {}\n",
                            c.bug, c.buggy, c.verdict.variant);
  if (not_ok == 0) io.out << fmt::format("All {} runs as expected.\n", rows.size());
  return code;
}

}  // namespace

void add_tour(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<TourOptions>();
  CLI::App* sub = app.add_subcommand(
      "tour", "Run every bug, buggy and every fixed variant, and print one table (Ctrl-C stops after the current run)");
  add_run_options(*sub, o->run, false);
  sub->add_option("--bugs", o->bugs, "Only these bugs, comma-separated ids (default: all)");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([o, io, &action] { action = [o, io] { return run_tour(*o, io); }; });
}

}  // namespace locklab::cli
