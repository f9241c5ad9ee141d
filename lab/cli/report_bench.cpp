#include "report_bench.h"

#include <chrono>
#include <cmath>
#include <exception>
#include <sstream>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/run/runner.h"
#include "progress_bar.h"

namespace locklab::cli {
namespace {

// Google Benchmark writes NaN and infinities as bare words (NaN, -NaN,
// Infinity), which JSON does not have: the cv of a counter that is 0 in
// every repetition is 0/0. They become null; text inside strings is kept.
std::string json_without_nan(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size())
        out += text[++i];
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    std::size_t skip = 0;
    for (const char* word : {"-NaN", "NaN", "-Infinity", "Infinity", "-nan", "nan", "-inf", "inf"}) {
      const std::string_view w(word);
      if (text.compare(i, w.size(), w) == 0) {
        skip = w.size();
        break;
      }
    }
    if (skip) {
      out += "null";
      i += skip - 1;
    } else {
      out += c;
    }
  }
  return out;
}

// What the benchmark functions share: the results being filled, progress,
// and the fixed runs waiting for their buggy run (compare()).
struct Collector {
  ReportResults results;
  ProgressBar progress;
  const InterruptScope& interrupt;
  std::size_t step = 0;
  std::size_t bug_count = 0;
  // First repetitions of the fixed variants of the (bug, threads) group now
  // running, by case index: compare() judges them once the buggy one has run.
  std::vector<std::pair<std::size_t, Trace>> fixed_traces;

  Collector(std::ostream& err, std::vector<std::uint64_t> planned, const InterruptScope& i)
      : progress(err, std::move(planned), ProgressBar::is_terminal(err)), interrupt(i) {}

  void run_case(benchmark::State& state, std::size_t index);
  void keep_for_compare(std::size_t index, Trace trace);
};

void Collector::keep_for_compare(std::size_t index, Trace trace) {
  const ReportCase& c = results.cases[index].c;
  if (!fixed_traces.empty()) {
    const ReportCase& held = results.cases[fixed_traces.front().first].c;
    if (held.bug != c.bug || held.threads != c.threads) fixed_traces.clear();  // a new group
  }
  if (!c.variant->buggy) {
    fixed_traces.emplace_back(index, std::move(trace));
    return;
  }
  for (auto& [fixed_index, fixed] : fixed_traces) results.cases[fixed_index].compare = judge(*c.bug, trace, fixed);
  fixed_traces.clear();
}

void Collector::run_case(benchmark::State& state, std::size_t index) {
  CaseResult& result = results.cases[index];
  const ReportCase& c = result.c;
  if (interrupt.interrupted()) {
    state.SkipWithError("interrupted (Ctrl-C)");
    return;
  }
  const std::size_t repetition = result.runs.size();
  progress.step(step++,
                fmt::format("bug {} of {}: {} {}, {} threads, run {} of {}", c.bug_index + 1, bug_count, c.bug->id,
                            c.variant->name, c.threads, repetition + 1, results.settings.repetitions));
  try {
    for (auto _ : state) {
      Trace trace = run_bug(*c.bug, c.variant->name, case_config(c));
      state.SetIterationTime(static_cast<double>(trace.duration_ns) / 1e9);
      RunSummary s = summarize(trace, c.bug);
      // The bug's main op: the most frequent op of its first run (a fixed
      // variant's, which runs the workload unhindered by the bug).
      std::string& op = results.main_op[c.bug->id];
      if (op.empty() && s.main_latency()) op = s.main_latency()->op;
      s.main_op.reset();
      for (std::size_t i = 0; i < s.latency.size(); ++i)
        if (s.latency[i].op == op && s.latency[i].count) s.main_op = i;

      state.SetItemsProcessed(static_cast<std::int64_t>(s.items));
      if (const auto p99 = p99_of(s, op)) state.counters["p99_ns"] = static_cast<double>(*p99);
      state.counters["wait_share"] = wait_share(s);
      state.counters["symptom"] = s.oracle && s.oracle->symptom ? 1 : 0;
      state.counters["failure"] = is_failure(s.kind) ? 1 : 0;
      state.counters["as_expected"] = s.as_expected.value_or(false) ? 1 : 0;
      state.SetLabel(fmt::format("{}; symptom {}; {}", json_word(s.kind), yes_no(s.oracle && s.oracle->symptom),
                                 s.as_expected.value_or(false) ? "as expected" : "NOT as expected"));
      if (repetition == 0) keep_for_compare(index, std::move(trace));
      result.runs.push_back(std::move(s));
      ++results.runs_done;
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

// Run order: within each (bug, threads) group of the plan, the fixed
// variants first and the buggy one last (see the header).
std::vector<std::size_t> run_order(const std::vector<ReportCase>& plan) {
  std::vector<std::size_t> order;
  for (std::size_t begin = 0; begin < plan.size();) {
    std::size_t end = begin;
    while (end < plan.size() && plan[end].bug == plan[begin].bug && plan[end].threads == plan[begin].threads) ++end;
    for (std::size_t i = begin; i < end; ++i)
      if (!plan[i].variant->buggy) order.push_back(i);
    for (std::size_t i = begin; i < end; ++i)
      if (plan[i].variant->buggy) order.push_back(i);
    begin = end;
  }
  return order;
}

}  // namespace

RunConfig case_config(const ReportCase& c) {
  RunConfig config;
  config.threads = c.threads;
  config.duration_ms = c.duration_ms;
  config.events_per_thread = kReportEventsPerThread;
  config.watchdog_ms = kReportWatchdogMs;
  return config;
}

void check_plan(const std::vector<ReportCase>& plan) {
  for (const ReportCase& c : plan) (void)resolve_params(*c.bug, case_config(c));
}

ReportResults run_report_benchmarks(const ReportSettings& settings, const std::vector<ReportCase>& plan,
                                    std::ostream& err, const InterruptScope& interrupt) {
  const auto begin = std::chrono::steady_clock::now();
  std::vector<std::uint64_t> planned;
  for (const ReportCase& c : plan)
    for (std::uint32_t r = 0; r < settings.repetitions; ++r) planned.push_back(c.duration_ms);
  Collector collector(err, std::move(planned), interrupt);
  collector.results.settings = settings;
  collector.results.runs_planned = plan.size() * settings.repetitions;
  collector.bug_count = settings.bugs.size();
  for (const ReportCase& c : plan) collector.results.cases.push_back({c, {}, std::nullopt});

  benchmark::ClearRegisteredBenchmarks();
  for (const std::size_t i : run_order(plan)) {
    benchmark::RegisterBenchmark(plan[i].name().c_str(),
                                 [&collector, i](benchmark::State& state) { collector.run_case(state, i); })
        ->Iterations(1)
        ->Repetitions(static_cast<int>(settings.repetitions))
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  }
  // The JSON's "executable"; Google Benchmark sets it in Initialize, which
  // locklab does not call (its flags are not locklab's).
  if (!benchmark::BenchmarkReporter::Context::executable_name)
    benchmark::BenchmarkReporter::Context::executable_name = "locklab";
  std::ostringstream json_text, bench_err;
  benchmark::JSONReporter reporter;
  reporter.SetOutputStream(&json_text);
  reporter.SetErrorStream(&bench_err);
  benchmark::RunSpecifiedBenchmarks(&reporter, std::string("."));
  benchmark::ClearRegisteredBenchmarks();

  ReportResults results = std::move(collector.results);
  results.interrupted = interrupt.interrupted() && results.runs_done < results.runs_planned;
  collector.progress.finish(fmt::format("{} of {} runs done{}", results.runs_done, results.runs_planned,
                                        results.interrupted ? " (interrupted)" : ""));
  try {
    results.benchmark = nlohmann::json::parse(json_without_nan(json_text.str()));
  } catch (const std::exception& e) {
    err << "locklab: warning: Google Benchmark's JSON did not parse (" << e.what() << "); report.json lacks it\n";
    results.benchmark = nlohmann::json::object();
  }
  results.wall_ns = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - begin).count());
  return results;
}

}  // namespace locklab::cli
