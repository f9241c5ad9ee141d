// What explore and replay print: a controlled run's schedule in words, its
// verdict and deadlock report, and the trigger-rate table; text and JSON.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "locklab/run/catalogue.h"
#include "locklab/sched/explore.h"
#include "locklab/sched/rates.h"

namespace locklab::cli {

struct ExploreReport {
  const BugInfo& bug;
  const VariantInfo& variant;
  const sched::ExploreOptions& options;
  const sched::ExploreResult& result;
  std::string saved_to;  // "" when not saved
  std::optional<sched::TriggerRates> rates;
};

void print_explore(std::ostream& out, const ExploreReport& r);
nlohmann::json explore_json(const ExploreReport& r);

/// The steps of `run` in words, one a line, numbered; long schedules keep
/// the first and last steps (`max_lines` in all) and say how many were left out.
void print_steps(std::ostream& out, const sched::ControlledRun& run, std::size_t max_lines = 60);
nlohmann::json steps_json(const sched::ControlledRun& run);
/// The verdict and, for a failure, the oracle and the deadlock report.
void print_outcome(std::ostream& out, const Trace& trace, const OracleVerdict& oracle);
void print_rates(std::ostream& out, const sched::TriggerRates& rates);
nlohmann::json rates_json(const sched::TriggerRates& rates);

}  // namespace locklab::cli
