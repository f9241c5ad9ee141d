// The run options on the command line (shared by `run` and `tour`) and the
// settings a run used, as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "options.h"

namespace CLI {
class App;
}

namespace locklab::cli {

/// --threads and --duration; with `full`, also --param, --seed, --watchdog,
/// --spurious-wakeups, --no-record and --events-per-thread.
void add_run_options(CLI::App& sub, RunOptions& options, bool full);

/// {"threads", "duration_ms", "seed", "watchdog_ms", "spurious_wakeups", "record",
///  "events_per_thread", "params"}: what a run of `bug` with `config` uses.
nlohmann::json settings_json(const BugInfo& bug, const RunConfig& config);

}  // namespace locklab::cli
