// Thread dumps: every thread's state, what it waits on and for how long,
// what it holds, grouped like goroutine-inspect's dedup so that a thousand
// threads blocked at one site read as one line:
//
//   820 threads: waiting to write-lock Hub.mu at hub.cpp:41 (subscribe), for 2-950 ms
//     T3 client-0, T4 client-1, T5 client-2 and 817 more
//
// Threads are grouped when their state, wait (kind, object, site) and held
// locks (object, mode, site) are the same; how long each has waited is not
// part of the key (the group shows the range).
//
// A filter selects threads by a search expression: space-separated terms,
// all of which must match; a term is `field:text` (field one of state,
// site, object, name, holds) or bare `text` (anywhere in the thread's dump
// entry); a leading '-' negates a term. Matching is case-insensitive
// substring. Examples: "state:waiting object:Hub.mu", "-state:running",
// "holds:ledger.mu site:ledger.cpp".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "locklab/trace/verdict.h"

namespace locklab {

struct DumpGroup {
  std::string heading;                 // "waiting to lock Store.mu at store.cpp:20 (save)"
  std::vector<std::string> holds;      // "holds Store.mu (taken at store.cpp:18 (save))"
  std::vector<const ThreadSnapshot*> threads;
  std::uint64_t min_wait_ns = 0, max_wait_ns = 0;  // waiting threads only
};

/// Groups `threads` (pointers into it), in order of each group's first thread.
std::vector<DumpGroup> group_dump(const std::vector<ThreadSnapshot>& threads);

/// What a thread is doing, in words: "waiting to read-lock ledger.mu at
/// ledger.cpp:12 (SumDebits)", "in I/O", "running".
std::string describe_thread(const ThreadSnapshot& t);

/// Thrown by DumpFilter::parse for a bad expression.
struct FilterError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class DumpFilter {
 public:
  /// Parses an expression (see above); "" matches every thread.
  static DumpFilter parse(std::string_view expression);
  bool matches(const ThreadSnapshot& t) const;
  bool empty() const { return terms_.empty(); }

 private:
  struct Term {
    std::string field;  // "" = anywhere
    std::string text;   // lower case
    bool negated = false;
  };
  std::vector<Term> terms_;
};

/// Keeps the threads that match.
std::vector<ThreadSnapshot> filter_dump(const std::vector<ThreadSnapshot>& threads, const DumpFilter& filter);

}  // namespace locklab
