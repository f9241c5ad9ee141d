// Several variants of one bug side by side: ratios against the buggy run and
// the bug's own compare() verdict (for symptoms that are ratios).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "locklab/present/run_summary.h"

namespace locklab::present {

/// Makes every run's main op the same: the op with the most operations over
/// all of `runs` (the most frequent op of one run alone can differ between
/// variants, which would make their p99s incomparable).
void align_main_op(std::vector<RunSummary*> runs);

/// `run`'s throughput divided by `base`'s (NaN when base did nothing).
double throughput_ratio(const RunSummary& run, const RunSummary& base);
/// `run`'s p99 of base's main op divided by base's (NaN when either lacks it).
double p99_ratio(const RunSummary& run, const RunSummary& base);

/// BugInfo::compare(buggy, fixed) for one fixed variant.
struct CompareVerdict {
  std::string variant;       // the fixed variant
  OracleVerdict verdict;     // symptom: the buggy run is worse by the bug's margin
  bool as_expected = false;  // it should be
};

/// The bug's compare() verdict, if it has one. A compare() that throws is a
/// verdict "not as expected" saying so.
std::optional<CompareVerdict> judge(const BugInfo& bug, const Trace& buggy, const Trace& fixed);

/// The side-by-side table; `base` is the run ratios are taken against.
void print_comparison(std::ostream& out, const std::vector<RunSummary>& runs, const RunSummary& base,
                      const std::vector<CompareVerdict>& compares);
/// One line per compare() verdict, then its explanation. `judged`: the
/// verdicts decide the outcome (`run`), so a surprise says "NOT AS
/// EXPECTED"; otherwise (the tour) they are real-time figures, and one that
/// misses its margin says so without calling the run a failure.
void print_compare_verdicts(std::ostream& out, const std::string& buggy_name,
                            const std::vector<CompareVerdict>& compares, bool judged = true);

nlohmann::json comparison_json(const std::vector<RunSummary>& runs, const RunSummary& base,
                               const std::vector<CompareVerdict>& compares);
nlohmann::json to_json(const CompareVerdict& c);

}  // namespace locklab::present
