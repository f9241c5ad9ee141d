// What `locklab report` will run: the bugs and thread counts asked for,
// turned into cases (bug x thread count x variant), each run `repetitions`
// times. Every option is checked here, before the first run starts; a bad
// one is a UsageError (exit 2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "options.h"

namespace locklab::cli {

/// A run longer than this is cut to it unless --duration says otherwise, so
/// the whole catalogue (about 60 cases, 5 repetitions each) fits in five
/// minutes on a 2-core machine (see lab/cli/README.md for the figures).
inline constexpr std::uint64_t kReportDurationCapMs = 500;
inline constexpr std::uint32_t kDefaultRepetitions = 5;
inline constexpr std::uint32_t kMaxRepetitions = 100;

struct ReportSettings {
  std::vector<const BugInfo*> bugs;
  /// Thread counts to run; nullopt stands for each bug's own default.
  std::vector<std::optional<std::uint32_t>> threads;
  std::uint64_t duration_ms = 0;  // 0: each bug's default, capped at kReportDurationCapMs
  std::uint32_t repetitions = kDefaultRepetitions;
  std::string bugs_text = "all", threads_text = "default";  // as typed, for the report's header
};

/// One benchmark: a variant of a bug at one thread count.
struct ReportCase {
  const BugInfo* bug = nullptr;
  const VariantInfo* variant = nullptr;
  std::uint32_t threads = 0;
  std::uint64_t duration_ms = 0;
  std::size_t bug_index = 0;  // position of the bug in ReportSettings::bugs
  /// "lock-held-across-io/fixed/threads:4": the benchmark's name.
  std::string name() const;
};

/// "all", or bug ids separated by commas (each checked, with a suggestion
/// for a misspelt one; repeats dropped). "all" keeps the catalogue's order.
std::vector<const BugInfo*> parse_bug_list(const std::string& text);

/// Thread counts separated by commas: whole numbers in [1, 256] or
/// "default" (the bug's own). Empty items and repeats are errors.
std::vector<std::optional<std::uint32_t>> parse_thread_list(const std::string& text);

/// The cases in the report's order: bug by bug, then thread count by thread
/// count (ascending, repeats after resolving "default" dropped), then the
/// buggy variant followed by every fixed one. (report_bench.h runs each
/// group's fixed variants before its buggy one.)
std::vector<ReportCase> make_plan(const ReportSettings& settings);

/// The run length of `bug` under `settings`.
std::uint64_t report_duration_ms(const BugInfo& bug, const ReportSettings& settings);

}  // namespace locklab::cli
