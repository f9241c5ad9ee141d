// RunModel: one loaded run as the visualizer shows it: the Trace, the
// analyses over it (computed once, here, by lab's functions), and a lane per
// thread with its state and lock-holding tracks ready for drawing.
//
// Immutable after construction, so a loader thread can build it while the
// GUI keeps drawing, then hand it over whole (shared_ptr<const RunModel>).
// Building is linear in the trace (thread_timelines dominates).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lane_state.h"
#include "locklab/analysis/analyses.h"
#include "locklab/trace/trace.h"
#include "track.h"

namespace locklab::viz {

struct Lane {
  std::uint16_t thread = 0;
  std::string name;
  std::uint64_t start_ns = 0, end_ns = 0;
  std::uint64_t dropped = 0;           // events lost to a full buffer
  std::uint64_t covered_until_ns = 0;  // events complete up to here
  /// In a trace that ends early (a run still going, crashed, or a damaged
  /// file), a thread that did not end: its last recorded event. After it
  /// the lane is "not recorded" (nothing is known), not its last state
  /// stretched to the trace's end. 0 when the thread's events are whole.
  std::uint64_t recorded_until_ns = 0;
  /// The trace holds the thread's end (its thread-end event; with recording
  /// off, its end time). False for a thread still going where the trace
  /// stops: a run in step mode, a trace cut short.
  bool ended = true;
  std::size_t first_state = 0, end_state = 0;  // its range of Timelines::states
  std::size_t first_hold = 0, end_hold = 0;    // its range of Timelines::holds
  Track states;  // categories: LaneState
  Track holds;   // categories: HoldState; gaps where it holds nothing
};

class RunModel {
 public:
  explicit RunModel(Trace trace);

  const Trace& trace() const noexcept { return trace_; }
  const Timelines& timelines() const noexcept { return timelines_; }
  const Throughput& throughput() const noexcept { return throughput_; }
  const ContentionProfile& contention() const noexcept { return contention_; }
  const std::vector<LatencySummary>& latency() const noexcept { return latency_; }
  const std::vector<Lane>& lanes() const noexcept { return lanes_; }

  /// "buggy", "fixed-atomic", ... (the trace's variant name).
  const std::string& variant() const noexcept { return trace_.info.variant; }
  /// The axis length this run needs: its wall time, or its last thread's end.
  double duration_ns() const noexcept { return duration_ns_; }

  /// The state interval of `lane` at time t, or nullptr.
  const StateInterval* state_at(std::size_t lane, double t_ns) const noexcept;
  /// A hold of `object` by a thread other than `except` open at time t, or
  /// nullptr: who holds what a waiting thread waits for.
  const HoldInterval* holder_of(std::uint32_t object, double t_ns, std::uint16_t except) const noexcept;
  /// The latest hold of `object` by another thread that began at or before
  /// t, open or not, or nullptr: who had the lock last, between two holds.
  const HoldInterval* last_holder_before(std::uint32_t object, double t_ns, std::uint16_t except) const noexcept;
  /// The holds of `lane` open at time t (innermost last).
  std::vector<const HoldInterval*> holds_at(std::size_t lane, double t_ns) const;
  /// The lane that shows thread `id`, or lanes().size().
  std::size_t lane_of(std::uint16_t thread) const noexcept;

 private:
  void build_lanes();

  Trace trace_;
  Timelines timelines_;
  Throughput throughput_;
  ContentionProfile contention_;
  std::vector<LatencySummary> latency_;
  std::vector<Lane> lanes_;
  std::unordered_map<std::uint16_t, std::uint64_t> recorded_until_;  // cut_at_last_events
  double duration_ns_ = 0;
  // Per object, indices into timelines_.holds sorted by begin.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> holds_by_object_;
};

using RunModelPtr = std::shared_ptr<const RunModel>;

/// The order of the lanes, as indices into `threads`: thread 0 ("main")
/// first, then the threads grouped by name without its number ("worker-",
/// "saver-"), the groups in the order their first thread started (by id),
/// each group by its number: worker-0, worker-1, worker-2, ..., worker-10,
/// whatever order they registered in.
std::vector<std::size_t> lane_order(const std::vector<TraceThread>& threads);

/// For a trace that ends early (VerdictKind::kUnfinished): each thread that
/// did not end, cut at its last recorded event. The states after the cut
/// become one "not recorded" interval (Activity::kUnknown) to the thread's
/// end, and holds open past it end there. Returns thread id -> cut time
/// (threads whose events are whole are not in it); `tl` is sorted by
/// (thread, begin) and stays so.
std::unordered_map<std::uint16_t, std::uint64_t> cut_at_last_events(const Trace& trace, Timelines& tl);

/// The state track of one thread's intervals (sorted, from thread_timelines).
Track make_state_track(const StateInterval* begin, const StateInterval* end, const Trace& trace);
/// The holding track of one thread's holds (sorted by begin; they may nest).
Track make_hold_track(const HoldInterval* begin, const HoldInterval* end);

}  // namespace locklab::viz
