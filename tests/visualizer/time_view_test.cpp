// TimeView: the shared axis stays inside the trace, zooms around its anchor,
// and labels its ticks at round steps.
#include "time_view.h"

#include <gtest/gtest.h>

namespace locklab::viz {
namespace {

TEST(TimeView, FirstExtentFitsTheWholeRun) {
  TimeView v;
  v.set_extent(1.5e9);
  EXPECT_DOUBLE_EQ(v.begin(), 0);
  EXPECT_DOUBLE_EQ(v.end(), 1.5e9);
  EXPECT_TRUE(v.fitted());
}

TEST(TimeView, ZoomKeepsTheAnchorInPlace) {
  TimeView v;
  v.set_extent(1000e6);
  const float x0 = 100, w = 800;
  const double anchor = 250e6;
  const float before = v.x_of(anchor, x0, w);
  v.zoom(4, anchor);
  EXPECT_NEAR(v.span(), 250e6, 1);
  EXPECT_NEAR(v.x_of(anchor, x0, w), before, 0.01);
  EXPECT_NEAR(v.t_of(before, x0, w), anchor, 1);
}

TEST(TimeView, ZoomOutStopsAtTheWholeRunAndInAtTheMinimumSpan) {
  TimeView v;
  v.set_extent(1e9);
  v.zoom(0.01);
  EXPECT_TRUE(v.fitted());
  for (int i = 0; i < 100; ++i) v.zoom(10, 3e8);
  EXPECT_DOUBLE_EQ(v.span(), TimeView::kMinSpanNs);
  EXPECT_GE(v.begin(), 0);
}

TEST(TimeView, PanStopsAtBothEnds) {
  TimeView v;
  v.set_extent(1e9);
  v.zoom(10, 5e8);
  v.pan(-1e12);
  EXPECT_DOUBLE_EQ(v.begin(), 0);
  EXPECT_NEAR(v.span(), 1e8, 1);
  v.pan(1e12);
  EXPECT_DOUBLE_EQ(v.end(), 1e9);
  EXPECT_NEAR(v.span(), 1e8, 1);
}

TEST(TimeView, AFittedViewFollowsAGrowingExtentAndAZoomedOneStays) {
  TimeView v;
  v.set_extent(1e9);
  v.set_extent(2e9);
  EXPECT_DOUBLE_EQ(v.end(), 2e9);
  v.show(1e8, 2e8);
  v.set_extent(3e9);
  EXPECT_DOUBLE_EQ(v.begin(), 1e8);
  EXPECT_DOUBLE_EQ(v.end(), 2e8);
}

TEST(TimeView, TicksAreRoundAndSpacedAtLeastAsAsked) {
  TimeView v;
  v.set_extent(1.5e9);
  const auto ticks = axis_ticks(v, 1000, 90);
  ASSERT_GE(ticks.size(), 5u);
  const double step = ticks[1].t_ns - ticks[0].t_ns;
  EXPECT_DOUBLE_EQ(step, 2e8);  // 1.5 s over 1000 px at >= 90 px: 200 ms
  EXPECT_EQ(ticks[0].label, "0");
  EXPECT_EQ(ticks[1].label, "200 ms");
  EXPECT_EQ(ticks[5].label, "1 s");
}

TEST(TimeView, ZoomedInTicksEachReadTheirOwnTime) {
  TimeView v;
  v.set_extent(3e9);
  v.zoom(3e9 / 2e5, 2.49e9);  // 200 µs around 2.49 s
  const auto ticks = axis_ticks(v, 1000, 90);
  ASSERT_GE(ticks.size(), 5u);
  for (std::size_t i = 1; i < ticks.size(); ++i) EXPECT_NE(ticks[i].label, ticks[i - 1].label) << ticks[i].label;
  EXPECT_EQ(tick_text(2.4901e9, 1e5), "2.4901 s");
  EXPECT_EQ(tick_text(2.49002e9, 2e4), "2.49002 s");
  EXPECT_EQ(tick_text(1.2e9, 2e8), "1.2 s");
  EXPECT_EQ(tick_text(4e8, 2e8), "400 ms");
}

TEST(TimeView, DurationTextUsesHumanUnits) {
  EXPECT_EQ(duration_text(850), "850 ns");
  EXPECT_EQ(duration_text(12500), "12.5 \xC2\xB5s");
  EXPECT_EQ(duration_text(4.2e6), "4.2 ms");
  EXPECT_EQ(duration_text(1.5e9), "1.5 s");
}

}  // namespace
}  // namespace locklab::viz
