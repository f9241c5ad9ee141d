// Timer and after(): Go's time.NewTimer / time.After before Go 1.23, with
// the live-timers gauge. Tests read as their specification.
#include "locklab/sync/timer.h"

#include <gtest/gtest.h>

#include "lab_threads.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "locklab/run/runner.h"
#include "locklab/core/runtime.h"
#include "locklab/sync/select.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using testing::bounded;
using testing::wait_until;

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::int64_t live_timers() { return Runtime::get().gauge(kLiveTimersGauge).load(); }

TEST(Timer, FiresOnceAfterItsDuration) {
  const auto start = Clock::now();
  Timer t(20ms, "t.once");
  const auto [when, ok] = t.C().recv();
  EXPECT_TRUE(ok);
  EXPECT_GE(when - start, 20ms);
  EXPECT_GE(Clock::now() - start, 20ms);
  EXPECT_LT(Clock::now() - start, 2s);
  EXPECT_FALSE(t.active());
  std::this_thread::sleep_for(30ms);
  EXPECT_FALSE(t.C().try_recv().has_value()) << "a timer fires once";
  EXPECT_FALSE(t.C().closed()) << "Go never closes a timer's channel";
}

TEST(Timer, StopBeforeItFiresReturnsTrueAndNothingArrives) {
  const std::int64_t before = live_timers();
  Timer t(30ms, "t.stopped");
  EXPECT_EQ(live_timers(), before + 1);
  EXPECT_TRUE(t.stop());
  EXPECT_EQ(live_timers(), before);
  EXPECT_FALSE(t.stop()) << "already stopped";
  std::this_thread::sleep_for(60ms);
  EXPECT_FALSE(t.C().try_recv().has_value());
}

TEST(Timer, StopAfterItFiredReturnsFalseAndLeavesTheValueInC) {
  Timer t(1ms, "t.fired");
  std::this_thread::sleep_for(30ms);
  EXPECT_FALSE(t.stop());
  EXPECT_EQ(t.C().len(), 1u);  // Go's idiom: if !t.Stop() { <-t.C }
  EXPECT_TRUE(t.C().recv().ok);
}

TEST(Timer, ResetOfAnActiveTimerReturnsTrueAndPostponesIt) {
  const auto start = Clock::now();
  const std::int64_t before = live_timers();
  Timer t(20ms, "t.postponed");
  EXPECT_TRUE(t.reset(80ms));
  EXPECT_EQ(live_timers(), before + 1) << "still one live timer";
  const auto [when, ok] = t.C().recv();
  EXPECT_TRUE(ok);
  EXPECT_GE(when - start, 80ms);
  EXPECT_EQ(live_timers(), before);
}

TEST(Timer, ResetOfAStoppedTimerReturnsFalseAndArmsItAgain) {
  Timer t(1h, "t.rearmed");
  EXPECT_TRUE(t.stop());
  EXPECT_FALSE(t.reset(5ms));
  EXPECT_TRUE(t.active());
  EXPECT_TRUE(t.C().recv().ok);
}

TEST(Timer, ResetOfAFiredUndrainedTimerReturnsFalseAndLeavesTheStaleValue) {
  // Before Go 1.23: Reset does not drain C, so the next receive gets the old
  // time at once, long before the new deadline. The fix: stop and drain first.
  const auto first = Clock::now();
  Timer t(1ms, "t.stale");
  std::this_thread::sleep_for(20ms);  // fired; nobody received
  const auto reset_at = Clock::now();
  EXPECT_FALSE(t.reset(200ms));
  const auto [when, ok] = t.C().recv();
  EXPECT_TRUE(ok);
  EXPECT_LT(when, reset_at) << "the stale value from the first firing";
  EXPECT_GE(when - first, 1ms);
  EXPECT_LT(Clock::now() - reset_at, 150ms) << "received at once, not after the reset's 200 ms";
  EXPECT_TRUE(t.stop());
}

TEST(Timer, TimersFireInDeadlineOrder) {
  Timer slow(60ms, "t.slow"), fast(10ms, "t.fast"), mid(30ms, "t.mid");
  const TimePoint a = slow.C().recv().value, b = fast.C().recv().value, c = mid.C().recv().value;
  EXPECT_LT(b, c);
  EXPECT_LT(c, a);
}

TEST(Timer, ATimerWhoseObjectDiedStillFiresSafely) {
  const std::int64_t before = live_timers();
  std::shared_ptr<Chan<TimePoint>> c;
  {
    Timer t(10ms, "t.orphan");
    c = t.channel();
    Timer forgotten(10ms, "t.forgotten");  // neither stopped nor referenced: still live (pre-1.23)
  }
  EXPECT_EQ(live_timers(), before + 2);
  EXPECT_TRUE(c->recv().ok);
  for (int i = 0; i < 200 && live_timers() != before; ++i) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(live_timers(), before);
}

TEST(Timer, AfterFiresItsChannelOnce) {
  const auto start = Clock::now();
  auto c = after(15ms);
  EXPECT_TRUE(c->recv().ok);
  EXPECT_GE(Clock::now() - start, 15ms);
  std::this_thread::sleep_for(30ms);
  EXPECT_FALSE(c->try_recv().has_value());
}

TEST(Timer, AfterInASelectIsATimeout) {
  Chan<int> never("t.never");
  Select sel;
  sel.recv(never).recv(after(10ms));
  EXPECT_EQ(sel.wait(), 1);
}

TEST(Timer, LiveTimersRiseWithAfterInALoopAndFallAsTheyFire) {
  // The leaked-timer pattern: each iteration's select usually takes the
  // ready case, and its time.After timer stays live until it fires.
  constexpr int kLoops = 50;
  std::int64_t after_loop = -1, after_expiry = -1;
  const Trace trace = run_workload("after-in-a-loop", [&](RunContext&) {
    Chan<int> events("events", kLoops);
    for (int i = 0; i < kLoops; ++i) events.send(i);
    for (int i = 0; i < kLoops; ++i) {
      Select sel;
      sel.recv(events).recv(after(150ms));
      EXPECT_EQ(sel.wait(), 0);
    }
    after_loop = live_timers();
    sleep_for(300ms);
    after_expiry = live_timers();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(after_loop, kLoops);
  EXPECT_EQ(after_expiry, 0);
  const auto g = std::find(trace.gauge_names.begin(), trace.gauge_names.end(), std::string(kLiveTimersGauge));
  ASSERT_NE(g, trace.gauge_names.end());
  const auto gi = static_cast<std::size_t>(g - trace.gauge_names.begin());
  std::int64_t peak = 0;
  for (const ProgressSample& s : trace.progress) peak = std::max(peak, s.gauges[gi]);
  EXPECT_EQ(peak, kLoops);
  ASSERT_FALSE(trace.progress.empty());
  EXPECT_EQ(trace.progress.back().gauges[gi], 0);
}

TEST(Timer, StoppingEachTimerKeepsTheGaugeFlat) {
  std::int64_t peak = 0;
  const Trace trace = run_workload("stopped-timers", [&](RunContext&) {
    for (int i = 0; i < 50; ++i) {
      Timer t(150ms, "idle");
      peak = std::max(peak, live_timers());
      t.stop();
    }
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(peak, 1);
}

TEST(Timer, RecordsCreateFireAndStop) {
  std::uint32_t fired_id = 0, stopped_id = 0;
  const Trace trace = run_workload("timer-events", [&](RunContext&) {
    Timer fired(5ms, "fired"), stopped(1h, "stopped");
    fired_id = fired.id();
    stopped_id = stopped.id();
    fired.C().recv();
    stopped.stop();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  int creates = 0, fires = 0, stops = 0;
  for (const Event& e : trace.events) {
    creates += e.kind == EventKind::kTimerCreate;
    if (e.kind == EventKind::kTimerFire) {
      ++fires;
      EXPECT_EQ(e.object, fired_id);
    }
    if (e.kind == EventKind::kTimerStop) {
      ++stops;
      EXPECT_EQ(e.object, stopped_id);
      EXPECT_EQ(e.arg, 1u);
    }
  }
  EXPECT_EQ(creates, 2);
  EXPECT_EQ(fires, 1);
  EXPECT_EQ(stops, 1);
}

TEST(Timer, ARunsArmedTimersNeverFireIntoTheNextRun) {
  const Trace first = run_workload("leaves-timers", [](RunContext&) {
    for (int i = 0; i < 5; ++i) after(100ms);
  }, bounded());
  ASSERT_EQ(first.verdict.kind, VerdictKind::kCompleted) << first.verdict.summary;
  std::int64_t seen = -1;
  const Trace second = run_workload("next-run", [&](RunContext&) {
    sleep_for(200ms);  // the first run's timers would have fired by now
    seen = live_timers();
  }, bounded());
  ASSERT_EQ(second.verdict.kind, VerdictKind::kCompleted) << second.verdict.summary;
  EXPECT_EQ(seen, 0);
  for (const Event& e : second.events) EXPECT_NE(e.kind, EventKind::kTimerFire);
}

}  // namespace
}  // namespace locklab
