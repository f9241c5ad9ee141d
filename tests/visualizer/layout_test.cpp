// The layout model: panels tile the window, the middle keeps room when the
// window is narrow, and both runs' lanes share one height and one x range.
#include "layout.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace locklab::viz {
namespace {

bool overlap(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

TEST(Layout, PanelsTileTheWindowWithoutOverlap) {
  const Layout l = compute_layout(1600, 1000);
  const Rect panels[] = {l.catalogue, l.middle, l.side, l.source, l.status};
  float area = 0;
  for (std::size_t i = 0; i < std::size(panels); ++i) {
    area += panels[i].w * panels[i].h;
    for (std::size_t j = i + 1; j < std::size(panels); ++j) EXPECT_FALSE(overlap(panels[i], panels[j])) << i << " " << j;
  }
  EXPECT_NEAR(area, 1600.0f * 1000.0f, 1.0f);
  EXPECT_LT(l.catalogue.x, l.middle.x);
  EXPECT_LT(l.middle.x, l.side.x);
  EXPECT_LT(l.middle.y, l.source.y);
}

TEST(Layout, ANarrowWindowShrinksTheSideColumnsNotTheMiddle) {
  const Layout l = compute_layout(700, 600);
  EXPECT_GE(l.middle.w, 300.0f - 0.5f);
  EXPECT_NEAR(l.catalogue.w + l.middle.w + l.side.w, 700.0f, 0.5f);
}

TEST(Layout, TimelinesShareOneXRangeAndOneLaneHeight) {
  const Rect area{250, 0, 950, 700};
  const TimelineLayout t = layout_timelines(area, 5, 3);
  ASSERT_EQ(t.runs[0].lane.size(), 5u);
  ASSERT_EQ(t.runs[1].lane.size(), 3u);
  EXPECT_EQ(t.runs[0].lanes.x, t.runs[1].lanes.x);
  EXPECT_EQ(t.runs[0].lanes.w, t.runs[1].lanes.w);
  EXPECT_EQ(t.axis.x, t.runs[0].lanes.x);
  EXPECT_EQ(t.runs[0].chart.x, t.runs[0].lanes.x);
  EXPECT_FLOAT_EQ(t.runs[0].lane[0].h, t.runs[1].lane[0].h);
  // Top to bottom: axis, buggy header, lanes, chart, fixed header, lanes, chart.
  EXPECT_LE(t.axis.bottom(), t.runs[0].header.y);
  EXPECT_LE(t.runs[0].header.bottom(), t.runs[0].lanes.y);
  EXPECT_LE(t.runs[0].lanes.bottom(), t.runs[0].chart.y);
  EXPECT_LE(t.runs[0].chart.bottom(), t.runs[1].header.y);
  EXPECT_LE(t.runs[1].chart.bottom(), area.bottom() + 0.5f);
}

TEST(Layout, ManyLanesGetThinnerButNeverBelowTheMinimum) {
  const Rect area{0, 0, 900, 600};
  const TimelineLayout few = layout_timelines(area, 4, 4);
  const TimelineLayout many = layout_timelines(area, 40, 40);
  EXPECT_FLOAT_EQ(few.lane_h, TimelineOptions{}.max_lane_h);
  EXPECT_LT(many.lane_h, few.lane_h);
  EXPECT_GE(many.lane_h, TimelineOptions{}.min_lane_h);
}

TEST(Layout, ARunWithoutLanesKeepsItsPlace) {
  const TimelineLayout t = layout_timelines(Rect{0, 0, 900, 600}, 4, 0);
  EXPECT_TRUE(t.runs[1].lane.empty());
  EXPECT_GT(t.runs[1].lanes.h, 0.0f);
}

TEST(Layout, PanelsJsonNamesEveryPanel) {
  const Layout l = compute_layout(1600, 1000);
  const std::string j = panels_json(l, layout_timelines(l.middle, 3, 3), 1600, 1000);
  const nlohmann::json parsed = nlohmann::json::parse(j);
  for (const char* key : {"window", "catalogue", "middle", "side", "source", "status", "buggy_lanes", "fixed_chart", "axis"}) {
    ASSERT_TRUE(parsed.contains(key)) << key;
    EXPECT_EQ(parsed[key].size(), 4u) << key;
  }
  EXPECT_EQ(parsed["side"][0].get<float>(), l.side.x);
}

// A projector: at UI scale 2 the columns, headers and charts grow, and so
// may the lanes; a window too small for that keeps the middle column.
TEST(LayoutAtAUiScale, PanelsHeadersAndLanesGrowWithTheText) {
  const Rect area{0, 0, 1000, 900};
  const TimelineLayout one = layout_timelines(area, 3, 3);
  const TimelineLayout two = layout_timelines(area, 3, 3, scaled(TimelineOptions{}, 2));
  EXPECT_FLOAT_EQ(two.runs[0].header.h, 2 * one.runs[0].header.h);
  EXPECT_GT(two.lane_h, one.lane_h);
  EXPECT_GT(two.runs[0].labels.w, one.runs[0].labels.w);
  const Layout big = compute_layout(1600, 1000, scaled(LayoutOptions{}, 2));
  EXPECT_GT(big.catalogue.w, compute_layout(1600, 1000).catalogue.w);
  EXPECT_GE(big.middle.w, 300);
}

}  // namespace
}  // namespace locklab::viz
