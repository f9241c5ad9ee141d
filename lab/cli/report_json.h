// report.json: Google Benchmark's own JSON output ("context",
// "benchmarks": every repetition and the mean/median/stddev/cv aggregates,
// with its NaNs written as null) and, under "locklab", locklab's analyses of
// every run:
//   {"format": 1, "settings": {bugs, threads, duration_ms (null: each bug's
//    default, capped), repetitions}, "runs_planned", "runs_done",
//    "interrupted", "wall_ns", "all_as_expected",
//    "bugs": [{"id", "title", "family", "main_op",
//      "cases": [{"benchmark", "variant", "buggy", "threads", "duration_ms",
//        "throughput", "p99_ns", "wait_share" (each {n, median, min, max,
//        deviation} or null), "symptom_runs", "as_expected_runs",
//        "compare" ({variant, symptom, explanation, as_expected} or null),
//        "runs": [the run object of `locklab run --json`, plus "repetition"]}]}]}
// `locklab report --compare` reads the "benchmarks" part.
#pragma once

#include <nlohmann/json.hpp>

#include "report_results.h"

namespace locklab::cli {

nlohmann::json report_json(const ReportResults& results);

}  // namespace locklab::cli
