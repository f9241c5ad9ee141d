// Drawing the timelines into an ImDrawList: the lanes of a run through the
// level-of-detail path (track.h), the throughput chart under them, and the
// shared time axis. No window and no GPU needed: the frame benchmark and the
// tests call these with a bare ImGui context.
//
// The budget: software rendering here draws 20k rectangles in about 24 ms,
// so a frame aims at no more than kDefaultMaxRects. column_px_for() widens
// the aggregation columns when many lanes would exceed it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "imgui.h"
#include "layout.h"
#include "run_model.h"
#include "time_view.h"
#include "track.h"

namespace locklab::viz {

inline constexpr std::size_t kDefaultMaxRects = 20000;

/// The column width (pixels, >= 1) at which `lanes` lanes `width` pixels wide,
/// each with its state and hold track, stay within `max_rects` rectangles.
/// (A track yields at most about one rectangle per column plus its wide
/// segments, which are at least a column each: columns + 2 in all.)
float column_px_for(std::size_t lanes, float width, std::size_t max_rects = kDefaultMaxRects);

struct DrawStats {
  std::size_t rects = 0;  // rectangles added to the draw list
};

/// Draws every lane of `run` at `layout`'s lane rectangles: the state track
/// filling the lane, the hold track as a strip along its top, the part after
/// the events' coverage marked, and a red line where a failing run ended.
/// `scratch` is reused between calls to avoid allocations.
DrawStats draw_lanes(ImDrawList& dl, const RunModel& run, const RunBlockLayout& layout, const TimeView& view,
                     float column_px, std::vector<Span>& scratch);

/// The words drawn at a failing run's marker line.
struct SymptomLabel {
  bool drawn = false;   // the verdict's moment is in view and its words were drawn
  std::string heading;  // "deadlock at 21.4 ms"
  std::string words;    // the verdict's summary, wrapped under the heading
  Rect rect;            // the box they sit in (screen pixels)
};

/// Draws, beside the line draw_lanes() puts where a failing run stopped,
/// what happened there: the heading and the verdict's words, wrapped on a
/// dark box right of the line (the lanes are empty after the run stopped),
/// or left of it when there is no room; over the lanes and the chart.
SymptomLabel draw_symptom_words(ImDrawList& dl, const RunModel& run, const RunBlockLayout& layout,
                                const TimeView& view);

/// Draws the throughput chart of `run`: one bar per pixel column (the mean
/// rate of the samples in it), scaled to `y_max` items/s so both runs'
/// charts share a scale.
DrawStats draw_throughput(ImDrawList& dl, const RunModel& run, const Rect& chart, const TimeView& view,
                          double y_max);

/// The highest sampled rate of a run (for a shared chart scale).
double peak_rate(const RunModel& run);

/// Tick labels in `axis` and faint grid lines from `grid_top` to `grid_bottom`.
void draw_axis(ImDrawList& dl, const Rect& axis, const TimeView& view, float grid_top, float grid_bottom);

}  // namespace locklab::viz
