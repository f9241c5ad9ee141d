// A trace that ends before its run did (a run still going, crashed, a
// damaged file): no thread's last state is stretched to the trace's end.
// After a thread's last recorded event its lane is "not recorded", and the
// hover says why; a whole trace keeps every state to its thread's end. And
// the throughput hover speaks in the app's words ("13.1k items/s"), not
// printf's "1.306e+04".
#include <gtest/gtest.h>

#include "hit_test.h"
#include "run_model.h"
#include "small_trace.h"

namespace locklab::viz {
namespace {

// small_trace() cut after 300 ns: the saver is in I/O since 200 (holding
// Store.mu), the loader waits for the lock since 300; the trace's end is
// still 2000, as a streamed trace's end is its last update.
Trace cut_trace() {
  Trace t = testing::small_trace();
  std::erase_if(t.events, [](const Event& e) { return e.time > 300; });
  t.verdict.kind = VerdictKind::kUnfinished;
  return t;
}

TEST(PartialTrace, NoThreadIsStretchedPastItsLastRecordedEvent) {
  const RunModel run(cut_trace());
  const std::size_t loader = run.lane_of(2), saver = run.lane_of(1);
  ASSERT_LT(loader, run.lanes().size());
  EXPECT_EQ(run.lanes()[loader].recorded_until_ns, 300u);
  EXPECT_EQ(run.lanes()[saver].recorded_until_ns, 200u);
  const StateInterval* late = run.state_at(loader, 1500);
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(lane_state(*late, run.trace()), LaneState::kUnknown);
  EXPECT_EQ(late->begin_ns, 300u);
  EXPECT_EQ(late->end_ns, 2000u);
  EXPECT_EQ(lane_state(*run.state_at(saver, 1000), run.trace()), LaneState::kUnknown);
  // Before the cut the states are as recorded; no hold outlives the cut.
  const StateInterval* early = run.state_at(saver, 150);
  ASSERT_NE(early, nullptr);
  EXPECT_NE(lane_state(*early, run.trace()), LaneState::kUnknown);
  EXPECT_TRUE(run.holds_at(saver, 1000).empty());
  EXPECT_FALSE(run.holds_at(saver, 150).empty());
  // The drawn track says the same.
  EXPECT_EQ(run.lanes()[loader].states.sum(1000, 2000)[static_cast<std::size_t>(LaneState::kUnknown)], 1000);
  const HoverText h = describe_lane_point(run, loader, 1500, 1);
  EXPECT_EQ(h.title, "loader: not recorded");
  bool said = false;
  for (const std::string& line : h.lines) said |= line.find("no events of this thread after 300 ns") != std::string::npos;
  EXPECT_TRUE(said) << h.lines.front();
}

TEST(PartialTrace, AWholeTraceKeepsEveryStateToItsThreadsEnd) {
  Trace t = cut_trace();
  t.verdict.kind = VerdictKind::kDeadlock;  // a finished run: the runner knew each thread's end
  const RunModel run(std::move(t));
  const std::size_t loader = run.lane_of(2);
  EXPECT_EQ(run.lanes()[loader].recorded_until_ns, 0u);
  const StateInterval* late = run.state_at(loader, 1500);
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(lane_state(*late, run.trace()), LaneState::kWaitLock);
}

TEST(ChartHover, SaysRatesInTheAppsWords) {
  Trace t = testing::small_trace();
  t.duration_ns = 2'000'000'000;
  ProgressSample a, b;
  a.t_ns = 0;
  a.items = {0, 0, 0};
  b.t_ns = 1'000'000'000;
  b.items = {0, 13'060, 0};
  t.progress = {a, b};
  t.threads[1].items = 26'200;
  const RunModel run(std::move(t));
  const HoverText h = describe_chart_point(run, 5e8);
  ASSERT_EQ(h.lines.size(), 2u);
  EXPECT_EQ(h.lines[0].rfind("13.1k items/s in the ", 0), 0u) << h.lines[0];
  EXPECT_EQ(h.lines[1], "whole run: 13.1k items/s, 26,200 items");
  for (const std::string& line : h.lines) EXPECT_EQ(line.find("e+"), std::string::npos) << line;
}

}  // namespace
}  // namespace locklab::viz
