// Hit testing: which run, lane and time lie under the mouse, and what to say
// about them in the tooltip (the event, object, site, duration, and who holds
// what a waiting thread waits for).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "layout.h"
#include "run_model.h"
#include "time_view.h"

namespace locklab::viz {

struct TimelineHit {
  int run = -1;             // 0 buggy, 1 fixed, -1 nothing
  std::size_t lane = 0;     // valid when in_lane
  bool in_lane = false;
  bool in_chart = false;
  double t_ns = 0;          // time under the mouse (valid when run >= 0)
};

/// What lies under (mx, my). Lanes count from the top; a point in the gap
/// between two lanes hits nothing.
TimelineHit hit_timeline(const TimelineLayout& layout, const TimeView& view, float mx, float my);

/// A tooltip's text: a title line and the lines under it.
struct HoverText {
  std::string title;
  std::vector<std::string> lines;
};

/// Describes `lane` of `run` at time t. `ns_per_column` is the width of one
/// drawn column: when the interval under the mouse is narrower, the text
/// also sums what the column aggregates (how many intervals, which states).
HoverText describe_lane_point(const RunModel& run, std::size_t lane, double t_ns, double ns_per_column);

/// Describes the throughput chart at time t ("12.3k items/s at 120 ms").
HoverText describe_chart_point(const RunModel& run, double t_ns);

}  // namespace locklab::viz
