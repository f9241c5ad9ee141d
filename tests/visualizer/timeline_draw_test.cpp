// Drawing through the level-of-detail path: the rectangle budget holds on a
// big synthetic trace at any zoom, and small traces draw every interval.
#include "timeline_draw.h"

#include <gtest/gtest.h>

#include "imgui_fixture.h"
#include "small_trace.h"
#include "synthetic_trace.h"

namespace locklab::viz {
namespace {

class TimelineDrawTest : public testing::ImGuiTest {};

TEST_F(TimelineDrawTest, ColumnWidthGrowsWithLanes) {
  EXPECT_FLOAT_EQ(column_px_for(4, 1200), 1.0f);
  const float c = column_px_for(64, 1200);
  EXPECT_GT(c, 1.0f);
  EXPECT_LE(2 * 64 * (1200 / c + 2), kDefaultMaxRects * 1.01);
}

TEST_F(TimelineDrawTest, SmallTraceDrawsItsIntervals) {
  const RunModel run(testing::small_trace());
  TimeView view;
  view.set_extent(run.duration_ns());
  const TimelineLayout t = layout_timelines(Rect{0, 0, 1200, 700}, run.lanes().size(), 0);
  begin_frame();
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  std::vector<Span> scratch;
  const DrawStats s = draw_lanes(dl, run, t.runs[0], view, 1, scratch);
  // main: running; saver: running, io, running + one hold; loader: running, wait, running + one hold.
  EXPECT_EQ(s.rects, 1u + 3 + 1 + 3 + 1);
}

TEST_F(TimelineDrawTest, ABigTraceStaysWithinTheBudgetAtAnyZoom) {
  const RunModel run(make_synthetic_trace(1'000'000, 16, 1));
  TimeView view;
  view.set_extent(run.duration_ns());
  const TimelineLayout t = layout_timelines(Rect{250, 0, 1000, 700}, run.lanes().size(), run.lanes().size());
  const float col = column_px_for(2 * run.lanes().size(), t.runs[0].lanes.w);
  std::vector<Span> scratch;
  for (int zoom = 0; zoom < 12; ++zoom) {
    begin_frame();
    ImDrawList& dl = *ImGui::GetBackgroundDrawList();
    std::size_t rects = 0;
    for (int r = 0; r < 2; ++r) rects += draw_lanes(dl, run, t.runs[static_cast<std::size_t>(r)], view, col, scratch).rects;
    EXPECT_LE(rects, kDefaultMaxRects) << "zoom step " << zoom;
    EXPECT_GT(rects, 0u);
    view.zoom(3, run.duration_ns() * 0.37);
  }
}

TEST_F(TimelineDrawTest, ThroughputChartDrawsBars) {
  const RunModel run(make_synthetic_trace(100'000, 4, 2));
  TimeView view;
  view.set_extent(run.duration_ns());
  begin_frame();
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  const DrawStats s = draw_throughput(dl, run, Rect{0, 0, 800, 60}, view, peak_rate(run));
  EXPECT_GT(s.rects, 0u);
  EXPECT_LE(s.rects, 800u);
}

}  // namespace
}  // namespace locklab::viz
