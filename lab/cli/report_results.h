// What `locklab report` collected: for every case of the plan, the summary
// of each repetition's run (report.h), the bug's compare() verdict, and
// Google Benchmark's own JSON output. The writers (report_html.h,
// report_markdown.h, report_json.h) read only this.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "locklab/present/comparison.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/present/run_summary.h"
#include "report_plan.h"
#include "report_stats.h"

namespace locklab::cli {

struct CaseResult {
  ReportCase c;
  std::vector<RunSummary> runs;  // one per repetition run (fewer if interrupted)
  /// Fixed variants: BugInfo::compare(buggy, this) on the first repetitions
  /// of the buggy run and this one, at the same thread count.
  std::optional<CompareVerdict> compare;
};

/// A case's figures over its repetitions.
struct CaseFigures {
  Spread throughput;             // items per second
  std::optional<Spread> p99_ns;  // of the bug's main op; empty if no run did it
  Spread wait_share;             // contended wait time / thread time
  std::size_t runs = 0, symptom = 0, as_expected = 0, failures = 0;
  /// The run with the median throughput: its profile and verdict stand for
  /// the case (nullptr when nothing ran).
  const RunSummary* representative = nullptr;
};

struct ReportResults {
  ReportSettings settings;
  std::vector<CaseResult> cases;               // in plan order, every planned case
  std::map<std::string, std::string> main_op;  // bug id -> its main operation
  nlohmann::json benchmark;                    // Google Benchmark's JSON: {"context", "benchmarks"}
  std::size_t runs_planned = 0, runs_done = 0;
  bool interrupted = false;
  std::uint64_t wall_ns = 0;

  /// "" when the bug did no operation at all.
  std::string main_op_of(const std::string& bug) const;
  /// Cases of one bug, in order.
  std::vector<const CaseResult*> cases_of(const std::string& bug) const;
  /// The thread counts the report ran, ascending.
  std::vector<std::uint32_t> thread_counts_of(const std::string& bug) const;
  /// Any run or compare verdict not as expected.
  std::size_t not_as_expected() const;
};

CaseFigures figures(const CaseResult& r, const std::string& main_op);

/// The p99 of `op` in one run; empty when the run has no such operation.
std::optional<std::uint64_t> p99_of(const RunSummary& run, const std::string& op);

/// Contended wait time as a share of the threads' time (0 when none ran).
double wait_share(const RunSummary& run);

}  // namespace locklab::cli
