// `locklab report --compare OLD.json NEW.json`, after benchstat: which
// benchmarks changed between two reports, and whether by more than the
// noise.
//
// It reads the "benchmarks" array of each file: a report.json, or the
// --benchmark_out JSON of any Google Benchmark binary. Repetitions are
// grouped by benchmark name, without the parts that describe how it was run
// (iterations:, repeats:, min_time:, manual_time, real_time), so a report
// run with 3 repetitions compares with one run with 5. Aggregate rows
// (mean, median, ...) and repetitions that ended in an error are skipped.
//
// For each benchmark present in both, two figures, each when present:
// throughput (the items_per_second counter) and p99 latency (the p99_ns
// counter). Each side is summarised by its median and spread (report_stats.h);
// the change is new median / old median. The change is beyond the noise when
// the Mann-Whitney U test on the two sets of repetitions gives p < 0.05:
// the repetitions of the new run sit apart from the old ones more than
// chance reorderings of one set of values would. Otherwise it is "~".
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report_stats.h"

namespace locklab::cli {

struct MetricChange {
  bool present = false;  // both sides have this figure
  Spread before, after;
  double ratio = 0;  // after.median / before.median (NaN when undefined)
  double p = 1;      // Mann-Whitney U, two-sided
  bool beyond_noise = false;
};

struct BenchmarkChange {
  std::string name;  // "lock-held-across-io/fixed/threads:4"
  MetricChange throughput, p99;
};

struct ReportComparison {
  std::vector<BenchmarkChange> rows;  // in the new file's order
  std::vector<std::string> only_old, only_new;
};

/// The JSON document in `path`; UsageError "cannot read <which> 'path': why"
/// when the file is missing, is not JSON or has no "benchmarks" array.
nlohmann::json load_benchmark_json(const std::string& path, const std::string& which);

/// "a/b/iterations:1/repeats:5/manual_time" -> "a/b".
std::string benchmark_key(const std::string& name);

ReportComparison compare_reports(const nlohmann::json& before, const nlohmann::json& after);

void print_report_comparison(std::ostream& out, const ReportComparison& c, const std::string& before_name,
                             const std::string& after_name);
/// {"rows": [{"benchmark", "throughput": change, "p99_ns": change}], "only_old", "only_new"},
/// change: {"old": spread, "new": spread, "ratio", "p", "beyond_noise"} or null.
nlohmann::json report_comparison_json(const ReportComparison& c);

}  // namespace locklab::cli
