// Goroutines of a Go dump grouped by identical state and stack, and
// filtered.
//
// Two goroutines share a group when their states (without the minutes),
// their frames (function, file and line; argument values do not count, as
// panicparse's "any value" similarity), whether frames were elided, and
// where they were created are the same. Groups come in the dump's order of
// their first goroutine, the runtime's own (every frame in runtime, sync,
// internal/...) after the program's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "locklab/present/go_dump.h"

namespace locklab::present {

struct GoGroup {
  std::vector<std::size_t> members;  // indices into GoDump::goroutines, dump order
  std::uint64_t min_minutes = 0, max_minutes = 0;  // 0 when none said
};

/// What to keep. Every field set must match (case-insensitive substrings):
/// state of the header, a frame's function, a frame's package (exactly, or
/// a path ending in "/pkg"), or `grep` anywhere in the state, functions,
/// files and created-by.
struct GoDumpFilter {
  std::string state, func, package, grep;
  bool empty() const { return state.empty() && func.empty() && package.empty() && grep.empty(); }
  bool matches(const GoGoroutine& g) const;
  /// "state:semacquire package:main", for the heading
  std::string text() const;
};

std::vector<GoGroup> group_go_dump(const GoDump& d, const GoDumpFilter& filter = {});

}  // namespace locklab::present
