// A Go dump as the CLI shows it: text and JSON of the groups, the waits in
// words and the patterns found.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "locklab/present/go_dump.h"
#include "locklab/present/go_dump_groups.h"

namespace locklab::present {

/// The whole report: a heading ("N goroutines in M groups"), what was
/// skipped, the patterns with their `locklab show` commands, then each
/// group: count, state, ids, what it waits on, its stack.
std::string format_go_dump(const GoDump& d, const std::string& source, const GoDumpFilter& filter);

/// The same as JSON: source, reason, goroutines, groups_count, matching,
/// truncated, skipped, findings, groups [{count, ids, state, minutes, wait:
/// {kind, object, text}, frames: [{func, args, file, line}], created_by}].
nlohmann::json go_dump_json(const GoDump& d, const std::string& source, const GoDumpFilter& filter);

}  // namespace locklab::present
