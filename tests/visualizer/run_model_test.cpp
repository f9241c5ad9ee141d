// RunModel and hit testing on a small hand-made trace: lanes per thread,
// the holding track, who holds what a waiter waits for, and the tooltip.
#include "run_model.h"

#include <gtest/gtest.h>

#include "hit_test.h"
#include "small_trace.h"

namespace locklab::viz {
namespace {

bool has_line(const HoverText& h, const std::string& part) {
  for (const auto& l : h.lines)
    if (l.find(part) != std::string::npos) return true;
  return false;
}

TEST(RunModel, OneLanePerThreadInTraceOrder) {
  const RunModel run(testing::small_trace());
  ASSERT_EQ(run.lanes().size(), 3u);
  EXPECT_EQ(run.lanes()[1].name, "saver");
  EXPECT_EQ(run.lanes()[2].name, "loader");
  EXPECT_EQ(run.lane_of(2), 2u);
  EXPECT_DOUBLE_EQ(run.duration_ns(), 2000);
}

TEST(RunModel, StateTrackShowsTheWaitAndTheIo) {
  const RunModel run(testing::small_trace());
  const Track& loader = run.lanes()[2].states;
  EXPECT_EQ(static_cast<LaneState>(loader.category(loader.find(500))), LaneState::kWaitLock);
  EXPECT_EQ(static_cast<LaneState>(loader.category(loader.find(1350))), LaneState::kRunning);
  const Track& saver = run.lanes()[1].states;
  EXPECT_EQ(static_cast<LaneState>(saver.category(saver.find(500))), LaneState::kIo);
}

TEST(RunModel, HoldTrackMarksTheContendedHold) {
  const RunModel run(testing::small_trace());
  const Track& holds = run.lanes()[1].holds;
  ASSERT_LT(holds.find(500), holds.size());
  EXPECT_EQ(static_cast<HoldState>(holds.category(holds.find(500))), HoldState::kContended);
  EXPECT_EQ(holds.find(50), holds.size());  // before the acquire: nothing held
  const CategoryTimes t = holds.sum(0, 2000);
  EXPECT_DOUBLE_EQ(t[static_cast<int>(HoldState::kContended)], 1200);
}

TEST(RunModel, HolderOfAnObjectIsAnotherThread) {
  const RunModel run(testing::small_trace());
  const HoldInterval* h = run.holder_of(1, 500, 2);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->thread, 1);
  EXPECT_EQ(run.holder_of(1, 500, 1), nullptr);  // excluding the holder itself
  EXPECT_EQ(run.holder_of(1, 1500, 2), nullptr);
}

TEST(RunModel, LastHolderBeforeFindsAFinishedHold) {
  const RunModel run(testing::small_trace());
  EXPECT_EQ(run.last_holder_before(1, 50, 2), nullptr);  // nobody had taken it yet
  const HoldInterval* h = run.last_holder_before(1, 1500, 2);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->thread, 1);
  EXPECT_EQ(h->end_ns, 1300u);
}

TEST(HitTest, TooltipOfAWaitNamesObjectSiteDurationAndHolder) {
  const RunModel run(testing::small_trace());
  const HoverText h = describe_lane_point(run, 2, 500, 1);
  EXPECT_NE(h.title.find("loader"), std::string::npos);
  EXPECT_NE(h.title.find("waiting for a lock"), std::string::npos);
  EXPECT_TRUE(has_line(h, "on Store.mu"));
  EXPECT_FALSE(has_line(h, "(write)")) << "a Mutex has one mode: no read/write";
  EXPECT_TRUE(has_line(h, "buggy.cpp:29 (Store::load)"));
  EXPECT_TRUE(has_line(h, "for 1 \xC2\xB5s"));
  EXPECT_TRUE(has_line(h, "held by saver, taken at buggy.cpp:22 (Store::save)"));
  EXPECT_TRUE(has_line(h, "event: lock-wait"));
}

TEST(HitTest, TooltipOfTheHolderSaysOthersWaited) {
  const RunModel run(testing::small_trace());
  const HoverText h = describe_lane_point(run, 1, 500, 1);
  EXPECT_NE(h.title.find("I/O"), std::string::npos);
  EXPECT_TRUE(has_line(h, "holds Store.mu, taken at buggy.cpp:22 (Store::save): others waited for it"));
}

TEST(HitTest, AnAggregatedColumnSaysWhatItSums) {
  const RunModel run(testing::small_trace());
  const HoverText h = describe_lane_point(run, 2, 1350, 1000);
  EXPECT_TRUE(has_line(h, "this pixel"));
}

TEST(HitTest, PointsMapToRunLaneAndTime) {
  const RunModel run(testing::small_trace());
  TimeView view;
  view.set_extent(run.duration_ns());
  const TimelineLayout t = layout_timelines(Rect{0, 0, 1000, 600}, 3, 3);
  const Rect& lane = t.runs[1].lane[2];
  const TimelineHit hit = hit_timeline(t, view, lane.x + lane.w / 4, lane.y + lane.h / 2);
  EXPECT_EQ(hit.run, 1);
  EXPECT_TRUE(hit.in_lane);
  EXPECT_EQ(hit.lane, 2u);
  EXPECT_NEAR(hit.t_ns, 500, 1);
  const Rect& chart = t.runs[0].chart;
  const TimelineHit c = hit_timeline(t, view, chart.x + 1, chart.y + 1);
  EXPECT_EQ(c.run, 0);
  EXPECT_TRUE(c.in_chart);
  EXPECT_EQ(hit_timeline(t, view, 5, lane.y + 1).run, -1);  // the label column
}

}  // namespace
}  // namespace locklab::viz

namespace locklab::viz {
namespace {

// Lanes in thread order: main, then each group of threads (by name without
// its number) in the order the group began, each group by number.
TEST(LaneOrder, MainFirstThenEachGroupByNumberWhateverOrderTheyRegisteredIn) {
  std::vector<TraceThread> threads;
  const std::pair<std::uint16_t, const char*> made[] = {{3, "worker-2"}, {1, "worker-0"}, {0, "main"},
                                                        {4, "worker-1"}, {2, "saver-0"},  {5, "worker-10"},
                                                        {6, "worker-5"}, {7, "saver-1"},  {8, "monitor"}};
  for (const auto& [id, name] : made) {
    TraceThread t;
    t.id = id;
    t.name = name;
    threads.push_back(t);
  }
  std::vector<std::string> names;
  for (const std::size_t i : lane_order(threads)) names.push_back(threads[i].name);
  EXPECT_EQ(names, (std::vector<std::string>{"main", "worker-0", "worker-1", "worker-2", "worker-5", "worker-10",
                                             "saver-0", "saver-1", "monitor"}));
}

TEST(LaneOrder, TheModelsLanesFollowIt) {
  Trace t = testing::small_trace();
  std::swap(t.threads[1], t.threads[2]);  // the table as a run may list it: loader (2) before saver (1)
  const RunModel run(std::move(t));
  ASSERT_EQ(run.lanes().size(), 3u);
  EXPECT_EQ(run.lanes()[0].name, "main");
  EXPECT_EQ(run.lanes()[1].name, "saver");
  EXPECT_EQ(run.lanes()[2].name, "loader");
  EXPECT_EQ(run.lane_of(1), 1u);
}

}  // namespace
}  // namespace locklab::viz
