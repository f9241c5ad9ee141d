// Run settings as a person types them (the CLI's options, the GUI's run
// panel and flags): the checks that turn text into a bug, its variants and a
// RunConfig, with one wording for every error. Shared by the CLI and the GUI.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"

namespace locklab::present {

/// Bad usage or input: run_cli prints "locklab: <what>" and returns 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The bug with this id; else UsageError "unknown bug 'X'; did you mean 'Y'?".
const BugInfo& find_bug(const std::string& id);

/// The variants a --variant value names, buggy first: "buggy", "fixed" (the
/// variant named "fixed", else the first fixed one), "both" (buggy and that
/// fixed one), "all", or a variant's own name. UsageError if none matches.
std::vector<const VariantInfo*> select_variants(const BugInfo& bug, const std::string& spec);

/// A whole number for option `what`, within [min, max]; UsageError otherwise.
std::uint64_t parse_whole(const std::string& text, const std::string& what, std::uint64_t min,
                          std::uint64_t max);

/// A probability for option `what`: a number in [0, 1]; UsageError otherwise.
double parse_probability(const std::string& text, const std::string& what);

/// "k=v" strings (each may also be "k=v,k2=v2") into a map; UsageError for
/// a missing '=', an empty name or value, or a name given twice.
std::map<std::string, std::string> parse_params(const std::vector<std::string>& items);

/// The run options as typed (strings, so every error reads the same).
struct RunOptions {
  std::optional<std::string> threads, duration, seed, watchdog, events_per_thread, spurious_wakeups;
  std::vector<std::string> params;
  bool no_record = false;
  bool chaos = false;  // --chaos: random yields and short sleeps at scheduling points (seeded by --seed)
};

/// Checks every option and returns the RunConfig (0 threads / duration mean
/// the bug's default). With a bug, also checks the parameters against it
/// (resolve_params), so nothing runs before every error is reported.
RunConfig make_config(const RunOptions& options, const BugInfo* bug);

/// The bug's threads / duration a config will use.
std::uint32_t effective_threads(const BugInfo& bug, const RunConfig& config);
std::uint64_t effective_duration_ms(const BugInfo& bug, const RunConfig& config);

}  // namespace locklab::present
