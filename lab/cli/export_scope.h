// ExportScope: which part of a trace an export may show, and the truth
// rules that bound it.
//
//   - The verdict's moment. A run that failed (deadlock, panic, no progress,
//     error; a trace whose run did not finish) has its verdict at
//     Verdict::at_ns. After it the runner tears the run down: it cancels
//     every wait (EventKind::kCancelled), threads unwind, release what they
//     held and end. Those events are not the program's behaviour, so an
//     export stops at the verdict (`cut_ns`): what was still open then (an
//     operation, a wait, a hold) is shown up to the verdict as never ended.
//     A completed run has no teardown: nothing is cut.
//   - Each thread's recorded range: a thread whose buffer filled dropped
//     its later events, so its events are complete only up to
//     covered_until_ns (`recorded_until`); after that its state is unknown.
//   - Wake arrows need every thread's events: "the release that woke this
//     acquire" is the last release of the lock before it, which is known only
//     while no thread has dropped events (`flows_until`).
//   - What the person asked for: a time window and a set of threads.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "locklab/trace/trace.h"

namespace locklab::cli {

inline constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();

/// What the person asked for (export's --from, --to and --thread).
struct ExportRequest {
  std::optional<std::uint64_t> from_ns, to_ns;
  /// Threads by name ("reader-1"), by label ("T4") or by id ("4"); empty: all.
  std::vector<std::string> threads;
};

struct ExportScope {
  std::uint64_t from_ns = 0, to_ns = kNoLimit;  // the window, inclusive
  std::uint64_t cut_ns = kNoLimit;              // events after it are teardown (kNoLimit: no cut)
  std::uint64_t verdict_ns = 0;                 // where the verdict instant goes
  std::uint64_t flows_until = kNoLimit;         // wake arrows only for acquires up to here
  std::vector<char> selected;                   // by thread id: shown
  std::vector<std::uint64_t> recorded_until;    // by thread id: events complete up to here

  bool cuts() const noexcept { return cut_ns != kNoLimit; }
  bool shows(std::uint16_t thread) const noexcept { return thread < selected.size() && selected[thread]; }
  bool in_window(std::uint64_t t) const noexcept { return t >= from_ns && t <= to_ns; }
  /// Where a thread's shown life ends: its recorded range or the cut (the
  /// window clips what is written, not what is known).
  std::uint64_t thread_stop(std::uint16_t thread) const noexcept;
};

/// The scope of exporting `trace` as asked. Throws UsageError for a thread
/// the trace does not have (naming the ones it has) or a window that is
/// empty or starts after the run's end.
ExportScope make_export_scope(const Trace& trace, const ExportRequest& request);

}  // namespace locklab::cli
