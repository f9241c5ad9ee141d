// One run, summarised for the CLI: the verdict, the oracle's judgement against
// the variant's expectation, and the analyses (throughput, latency,
// contention, event coverage), printed as text or JSON. `run`, `tour` and
// `trace-info` all print runs through this.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "locklab/analysis/analyses.h"
#include "locklab/run/catalogue.h"
#include "locklab/analysis/diagnostics.h"
#include "locklab/trace/trace.h"

namespace locklab::present {

/// Rows of the contention tables shown (the rest are counted, not shown).
inline constexpr std::size_t kTopSites = 5;

struct SiteRow {
  std::string site;    // "counter.cpp:14 (Counter::inc)"
  std::string object;  // "Counter.mu"
  LockMode mode = LockMode::kNone;
  std::uint64_t count = 0, total_ns = 0, max_ns = 0;
  double share = 0;
  std::uint64_t open = 0;  // of `count`: waits that never ended (counted up to the verdict)
};

/// Which part of the run the kept events cover (drops are never hidden).
struct EventCoverage {
  bool recording = true;
  std::uint64_t kept = 0, dropped = 0;
  std::uint64_t covered_until_ns = 0;  // the earliest cut over all threads
  std::uint64_t run_ns = 0;
  std::vector<std::string> threads_with_drops;
};

struct RunSummary {
  RunInfo info;                 // bug, variant, params, threads, duration, seed...
  std::string variant_summary;  // "" when the variant is not in the catalogue
  std::optional<bool> buggy;    // empty when the variant is not in the catalogue
  VerdictKind kind = VerdictKind::kCompleted;
  std::string verdict_summary, verdict_detail;
  std::uint64_t verdict_at_ns = 0;
  std::optional<OracleVerdict> oracle;  // empty when the bug is unknown
  /// The oracle said what the variant expects and the run did not fail
  /// unexpectedly (a fixed variant must complete; "error" never passes).
  std::optional<bool> as_expected;
  std::uint64_t wall_ns = 0;
  std::uint64_t items = 0;
  double items_per_sec = 0;
  std::vector<LatencySummary> latency;
  std::optional<std::size_t> main_op;   // index into latency: the most frequent op
  std::vector<SiteRow> by_waiter, by_holder;  // at most kTopSites each
  std::size_t waiter_sites = 0, holder_sites = 0;  // rows before the cut
  std::uint64_t total_wait_ns = 0, thread_time_ns = 0;
  std::uint64_t open_waits = 0, open_wait_ns = 0;  // contended waits that never ended, within total_wait_ns
  std::vector<SiteRow> idle;    // idle waits (WaitClass::kIdle), at most kTopSites
  std::size_t idle_sites = 0;
  std::uint64_t total_idle_ns = 0;
  EventCoverage events;
  std::string trace_file;       // where the trace was saved, if it was
  Diagnostics diagnostics;      // deadlock explanation, potential deadlocks, lockset violations
  nlohmann::json diagnostics_json;  // the same, resolved to text (diagnostics_json.h)
  std::vector<ThreadSnapshot> dump;  // the verdict's thread dump (empty when it completed)

  const LatencySummary* main_latency() const { return main_op ? &latency[*main_op] : nullptr; }
};

/// Runs the analyses and, when `bug` is given and knows the variant, the
/// oracle. An oracle that throws counts as not as expected.
RunSummary summarize(const Trace& trace, const BugInfo* bug);

nlohmann::json to_json(const RunSummary& run);

/// The whole run block: heading, verdict, oracle, then the analyses.
void print_run(std::ostream& out, const RunSummary& run);
/// Parts, for trace-info.
void print_verdict(std::ostream& out, const RunSummary& run);
void print_oracle(std::ostream& out, const RunSummary& run);
void print_analyses(std::ostream& out, const RunSummary& run);
/// The contended waiting in words: "3.1 s in all, 42.0% of the threads' time;
/// 4 waits never ended (1.2 s up to the verdict)", or "no thread waited for a
/// lock". The CLI, the report and the GUI all say it this way.
std::string waiting_text(std::uint64_t total_wait_ns, std::uint64_t thread_time_ns, std::uint64_t open_waits,
                         std::uint64_t open_wait_ns);

/// "1,048,576 kept, none dropped: the events cover the whole run", etc.
std::string coverage_text(const EventCoverage& events);

}  // namespace locklab::present
