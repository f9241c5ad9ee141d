// Diagnostics and thread dumps as JSON, for `run --json`, `dump --json`,
// reports and the GUI. Site and object ids are resolved to text with the
// trace, so the JSON reads on its own.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "locklab/analysis/diagnostics.h"
#include "locklab/analysis/thread_dump.h"
#include "locklab/trace/trace.h"

namespace locklab::present {

/// {"deadlock": {"cycles": [...], "stuck": [...], "all_asleep": b, "text": s},
///  "potential_deadlocks": [...], "lockset_violations": [...]}
nlohmann::json diagnostics_json(const Trace& trace, const Diagnostics& d);

/// The grouped dump: [{"count", "heading", "holds", "threads": [{"id", "name", "state",
/// "waiting_for_ns", "wait": {...} or null}], "min_wait_ns", "max_wait_ns"}]
nlohmann::json dump_json(const std::vector<ThreadSnapshot>& threads);

}  // namespace locklab::present
