// Figures in words for the report writers (HTML and Markdown alike):
// medians with their spread, ratios against the buggy run, the colours of
// variants, the settings line and axis labels.
#pragma once

#include <cstddef>
#include <string>

#include "report_results.h"

namespace locklab::cli {

/// "1.92k/s ±3%" (median, largest deviation of a repetition); "-" if empty.
std::string rate_text(const Spread& s);
/// "3.97 µs ±12%"; "-" if empty.
std::string ns_text(const Spread& s);
/// "completed", or the verdict with its summary: "deadlock: all threads are asleep ...".
std::string verdict_words(const RunSummary& run);
/// "5 of 5".
std::string count_of(std::size_t k, std::size_t n);
/// Axis labels at powers of ten: "1", "100", "10k", "1M" / "100 ns", "1 µs", "10 ms".
std::string decade_rate(double v);
std::string decade_ns(double v);

/// The colour of a variant's bars: buggy is red; fixed ones green, blue, ...
/// in catalogue order. Exact values, which the screenshot test looks for.
inline constexpr const char* kBuggyColour = "#d62728";
inline constexpr const char* kFixedColour = "#2ca02c";
std::string variant_colour(const BugInfo& bug, const VariantInfo& variant);

/// The case of the bug's buggy variant at `threads`, if it ran.
const CaseResult* buggy_case(const ReportResults& r, const std::string& bug, std::uint32_t threads);
/// Median throughput of `c` over that of the buggy case (NaN if undefined).
double throughput_vs_buggy(const ReportResults& r, const CaseResult& c);
/// Median p99 of the main op of `c` over that of the buggy case (NaN if undefined).
double p99_vs_buggy(const ReportResults& r, const CaseResult& c);

/// "3 bugs · threads default · 400 ms a run (each bug's default, at most 400 ms) · 5 repetitions"
std::string settings_text(const ReportResults& r);
/// "45 of 45 runs in 1 min 2 s on host (2 CPUs), 2024-11-24T23:41:00+00:00"
std::string run_text(const ReportResults& r);

}  // namespace locklab::cli
