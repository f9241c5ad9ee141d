// The layout model: where every panel and every timeline part goes, as plain
// rectangles computed from the window size and the lane counts. Drawing code
// places its windows at these rectangles; hit testing and the screenshot
// test's panel map (panels_json) read the same ones, so what is tested is
// what is drawn.
//
//   +-----------+-----------------------------------+--------------+
//   | catalogue | axis                              | story        |
//   |           | buggy: header, lanes, throughput  | controls     |
//   |           | fixed: header, lanes, throughput  | analyses     |
//   |           +-----------------------------------+              |
//   |           | sources (tabs)                    |              |
//   +-----------+-----------------------------------+--------------+
//   | status line                                                  |
//   +--------------------------------------------------------------+
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace locklab::viz {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const noexcept { return x + w; }
  float bottom() const noexcept { return y + h; }
  bool contains(float px, float py) const noexcept { return px >= x && px < x + w && py >= y && py < y + h; }
  bool empty() const noexcept { return w <= 0 || h <= 0; }
};

struct LayoutOptions {
  float catalogue_w = 250;   // left column
  float side_w = 400;        // right column
  float source_h = 260;      // bottom of the middle column
  float status_h = 26;
  float gap = 0;             // between panels (windows draw their own borders)
  float min_middle_share = 0;  // the timelines keep at least this share of the width
};

struct Layout {
  Rect catalogue, middle, side, source, status;
};

/// The panels' sizes at a UI scale (a projector: 1.5, 2): the side columns
/// and the status line grow with the text, but the timelines keep at least
/// half the width (larger, they still come first).
LayoutOptions scaled(const LayoutOptions& base, float ui_scale);

/// Panels for a window `width` x `height` pixels. Columns shrink in proportion
/// when the window is narrower than their sum plus a 300-pixel middle.
Layout compute_layout(float width, float height, const LayoutOptions& options = {});

/// The parts of one run's block in the middle panel.
struct RunBlockLayout {
  Rect header;              // variant name, verdict, figures
  Rect labels;              // thread names, left of the lanes
  Rect lanes;               // all lanes (their union)
  std::vector<Rect> lane;   // one per lane, top to bottom
  Rect chart_label;         // left of the chart
  Rect chart;               // throughput, same x range as the lanes
};

struct TimelineLayout {
  Rect axis;                        // tick labels over the lanes' x range
  std::array<RunBlockLayout, 2> runs;  // [0] buggy, [1] fixed
  float lane_h = 0;
};

struct TimelineOptions {
  float label_w = 120;     // thread-name column
  float axis_h = 22;
  float header_h = 40;
  float chart_h = 76;
  float block_gap = 10;
  float lane_gap = 2;
  float max_lane_h = 30;
  float min_lane_h = 3;
};

/// The timelines' sizes at a UI scale: labels, axis and headers grow with
/// the text (the charts, which hold no text, do not), and lanes may be taller (a thin lane is hard to see
/// from the back of a room), never thinner.
TimelineOptions scaled(const TimelineOptions& base, float ui_scale);

/// Splits `area` (the middle panel's content) between the two runs, giving
/// each lane the same height: as tall as fits, within [min_lane_h, max_lane_h].
/// A run with no lanes still gets its header and an empty lanes rectangle
/// (where "no run yet" is written).
TimelineLayout layout_timelines(const Rect& area, std::size_t buggy_lanes, std::size_t fixed_lanes,
                                const TimelineOptions& options = {});

/// A JSON object naming each rectangle ({"catalogue": [x, y, w, h], ...}),
/// for the screenshot test: it says where to look in the PNG.
std::string panels_json(const Layout& layout, const TimelineLayout& timelines, float width, float height);

}  // namespace locklab::viz
