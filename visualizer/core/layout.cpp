#include "layout.h"

#include <algorithm>
#include <cstdio>

namespace locklab::viz {

LayoutOptions scaled(const LayoutOptions& base, float s) {
  LayoutOptions o = base;
  o.catalogue_w *= s;
  o.side_w *= s;
  o.status_h *= s;
  if (s > 1) o.min_middle_share = std::max(o.min_middle_share, 0.5f);
  return o;
}

TimelineOptions scaled(const TimelineOptions& base, float s) {
  TimelineOptions o = base;
  o.label_w *= s;
  o.axis_h *= s;
  o.header_h *= s;
  o.block_gap *= s;
  o.max_lane_h *= s;
  o.min_lane_h *= std::max(1.0f, s);
  return o;
}

Layout compute_layout(float width, float height, const LayoutOptions& o) {
  Layout l;
  width = std::max(width, 0.0f);
  height = std::max(height, 0.0f);
  const float kMinMiddle = std::max(300.0f, o.min_middle_share * width);
  float left = o.catalogue_w, right = o.side_w;
  if (left + right + kMinMiddle > width) {
    // Too narrow: the side columns give up space in proportion.
    const float scale = std::max(0.0f, width - kMinMiddle) / std::max(left + right, 1.0f);
    left *= scale;
    right *= scale;
  }
  const float status_h = std::min(o.status_h, height);
  const float body_h = height - status_h;
  l.catalogue = {0, 0, left, body_h};
  l.side = {width - right, 0, right, body_h};
  const float mid_x = left + o.gap;
  const float mid_w = std::max(0.0f, width - left - right - 2 * o.gap);
  // The sources take at most 40% of the height: the timelines come first.
  const float source_h = std::min(o.source_h, body_h * 0.4f);
  l.middle = {mid_x, 0, mid_w, std::max(0.0f, body_h - source_h - o.gap)};
  l.source = {mid_x, l.middle.bottom() + o.gap, mid_w, source_h};
  l.status = {0, body_h, width, status_h};
  return l;
}

TimelineLayout layout_timelines(const Rect& area, std::size_t buggy_lanes, std::size_t fixed_lanes,
                                const TimelineOptions& o) {
  TimelineLayout t;
  const float label_w = std::min(o.label_w, area.w * 0.3f);
  const float lanes_x = area.x + label_w;
  const float lanes_w = std::max(0.0f, area.w - label_w);
  t.axis = {lanes_x, area.y, lanes_w, o.axis_h};

  const std::size_t counts[2] = {buggy_lanes, fixed_lanes};
  // A run without lanes still reserves room for two, so "no run yet" has a
  // place and the other run does not jump when it arrives.
  const float shown = static_cast<float>(std::max<std::size_t>(buggy_lanes, 2) + std::max<std::size_t>(fixed_lanes, 2));
  const float fixed_h = o.axis_h + 2 * (o.header_h + o.chart_h) + o.block_gap * 3;
  const float per_lane = (area.h - fixed_h) / shown;
  t.lane_h = std::clamp(per_lane, o.min_lane_h, o.max_lane_h);

  float y = t.axis.bottom() + o.block_gap / 2;
  for (int r = 0; r < 2; ++r) {
    RunBlockLayout& b = t.runs[static_cast<std::size_t>(r)];
    b.header = {area.x, y, area.w, o.header_h};
    y = b.header.bottom();
    const std::size_t n = counts[r];
    const float lanes_h = t.lane_h * static_cast<float>(std::max<std::size_t>(n, 2));
    b.labels = {area.x, y, label_w, lanes_h};
    b.lanes = {lanes_x, y, lanes_w, lanes_h};
    // Very small lanes lose their gap: the colours matter more than the lines.
    const float gap = t.lane_h >= 8 ? o.lane_gap : 0.0f;
    for (std::size_t i = 0; i < n; ++i)
      b.lane.push_back({lanes_x, y + t.lane_h * static_cast<float>(i), lanes_w, std::max(1.0f, t.lane_h - gap)});
    y = b.lanes.bottom() + 4;
    b.chart_label = {area.x, y, label_w, o.chart_h};
    b.chart = {lanes_x, y, lanes_w, o.chart_h};
    y = b.chart.bottom() + o.block_gap;
  }
  return t;
}

namespace {

// Appends "name": [x, y, w, h], after a comma unless it is the first.
void put(std::string& out, bool& first, const char* name, const Rect& r) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s\"%s\": [%.0f, %.0f, %.0f, %.0f]", first ? "" : ",\n  ", name,
                static_cast<double>(r.x), static_cast<double>(r.y), static_cast<double>(r.w),
                static_cast<double>(r.h));
  out += buf;
  first = false;
}

}  // namespace

std::string panels_json(const Layout& l, const TimelineLayout& t, float width, float height) {
  std::string out = "{\n  ";
  bool first = true;
  put(out, first, "window", Rect{0, 0, width, height});
  put(out, first, "catalogue", l.catalogue);
  put(out, first, "middle", l.middle);
  put(out, first, "side", l.side);
  put(out, first, "source", l.source);
  put(out, first, "status", l.status);
  put(out, first, "axis", t.axis);
  put(out, first, "buggy_header", t.runs[0].header);
  put(out, first, "buggy_lanes", t.runs[0].lanes);
  put(out, first, "buggy_chart", t.runs[0].chart);
  put(out, first, "fixed_header", t.runs[1].header);
  put(out, first, "fixed_lanes", t.runs[1].lanes);
  put(out, first, "fixed_chart", t.runs[1].chart);
  out += "\n}\n";
  return out;
}

}  // namespace locklab::viz
