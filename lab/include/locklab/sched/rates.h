// Trigger rates: how often each way of running a bug's buggy variant makes
// it fail. Plain real threads (what a test suite does), chaos mode, random
// walk, PCT at depth 1, 2 and 3, and bounded exhaustive search (failing
// schedules out of all within the bound), plus the fewest preemptions any
// failing schedule needs. The table tells a learner why tests never saw the
// bug, and which tool would have.
//
// Every row runs the same workload, the bug's rates configuration
// (BugInfo::rates: few threads, a fixed number of operations each), so the
// rows differ only in who decides the interleaving. A plain test suite runs
// such short workloads; that real threads rarely fail on them is the point.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/sched/controlled.h"

namespace locklab::sched {

/// What one row's runs ran with, as their traces recorded it.
struct RateSettings {
  std::uint32_t threads = 0;
  std::uint64_t duration_ms = 0;                // a bound: the `ops` end a run first
  std::map<std::string, std::string> params;   // every parameter, defaults included
  bool operator==(const RateSettings&) const = default;
};

struct RateRow {
  std::string method;        // "real threads", "chaos", "random walk", "pct d=2", "dfs <= 2 preemptions"
  std::uint64_t runs = 0;    // runs or schedules
  std::uint64_t failures = 0;
  bool exhaustive = false;   // dfs: every schedule within the bound was run
  RateSettings settings;     // from the row's first run
  double rate() const { return runs ? static_cast<double>(failures) / static_cast<double>(runs) : 0; }
};

struct TriggerRates {
  std::string variant;
  RunConfig workload;        // what every row ran (rates_config, or RatesOptions::run)
  std::vector<RateRow> rows;
  /// The fewest preemptions of a failing schedule (dfs with bounds 0, 1, 2,
  /// ...: the first bound that fails); nullopt if none within the search.
  std::optional<std::uint32_t> fewest_preemptions;
};

/// The bug's rates configuration as a RunConfig: BugInfo::rates over its
/// controlled settings (threads: else 3 at most), and a duration that only bounds a run whose
/// operations do not end. Real and controlled rows run exactly this.
RunConfig rates_config(const BugInfo& bug);

struct RatesOptions {
  std::string variant = "buggy";
  RunConfig run;                      // unset (threads 0): rates_config(bug)
  std::uint64_t seed = 1;
  std::uint32_t real_runs = 100;      // real-thread runs, plain and chaos
  std::uint64_t schedules = 500;      // per controlled method
  std::uint32_t max_preemptions = 3;  // fewest-preemptions search
  ControlledLimits limits;
  /// Called before each method with its name; false stops (Ctrl-C).
  std::function<bool(const std::string& method)> on_progress;
};

TriggerRates trigger_rates(const BugInfo& bug, const RatesOptions& options);

}  // namespace locklab::sched
