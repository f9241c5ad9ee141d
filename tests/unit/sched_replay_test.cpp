// Schedules as data: a saved schedule replays its run event for event, and
// the file format round-trips.
#include <gtest/gtest.h>

#include "locklab/sched/controlled.h"
#include "locklab/sched/strategies/pct.h"
#include "locklab/sched/strategies/random_walk.h"
#include "locklab/sched/strategies/replay.h"
#include "locklab/sched/schedule.h"
#include "sched_kernels.h"

namespace locklab::sched {
namespace {

using test_kernels::kernel_config;

void lock_order_buggy(RunContext& c) { test_kernels::lock_order(c, false); }
void lock_order_fixed(RunContext& c) { test_kernels::lock_order(c, true); }

ControlledRun first_failing(Strategy& s, void (*kernel)(RunContext&)) {
  for (int i = 0; i < 500 && s.next_schedule(); ++i) {
    ControlledRun run = run_workload_controlled("kernel", kernel, kernel_config(), s);
    s.end_schedule(run.steps.size());
    if (is_failure(run.trace.verdict.kind)) return run;
  }
  ADD_FAILURE() << "no failing schedule";
  return {};
}

TEST(Replay, ReproducesTheFailingRunEventForEvent) {
  RandomWalk walk(5);
  const ControlledRun original = first_failing(walk, &lock_order_buggy);
  ASSERT_FALSE(original.steps.empty());
  Replay replay(original.picks());
  ASSERT_TRUE(replay.next_schedule());
  const ControlledRun again = run_workload_controlled("kernel", &lock_order_buggy, kernel_config(), replay);
  replay.end_schedule(again.steps.size());
  EXPECT_FALSE(replay.diverged()) << replay.divergence();
  EXPECT_EQ(again.trace.verdict.kind, original.trace.verdict.kind);
  EXPECT_EQ(again.picks(), original.picks());
  ASSERT_EQ(again.trace.events.size(), original.trace.events.size());
  for (std::size_t i = 0; i < again.trace.events.size(); ++i)
    ASSERT_EQ(again.trace.events[i], original.trace.events[i]) << "event " << i << " differs";
}

TEST(Replay, TheSameSeedGivesTheSameSchedules) {
  Pct a(99, 3), b(99, 3);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(a.next_schedule());
    ASSERT_TRUE(b.next_schedule());
    const ControlledRun ra = run_workload_controlled("k", &test_kernels::three_counters, kernel_config(), a);
    const ControlledRun rb = run_workload_controlled("k", &test_kernels::three_counters, kernel_config(), b);
    a.end_schedule(ra.steps.size());
    b.end_schedule(rb.steps.size());
    ASSERT_EQ(ra.picks(), rb.picks());
    ASSERT_EQ(ra.trace.events, rb.trace.events);
  }
}

TEST(Replay, TheBuggySchedulePlayedOnTheFixedKernelRunsToCompletion) {
  RandomWalk walk(5);
  const ControlledRun failing = first_failing(walk, &lock_order_buggy);
  Replay replay(failing.picks());
  replay.next_schedule();
  const ControlledRun fixed = run_workload_controlled("kernel", &lock_order_fixed, kernel_config(), replay);
  replay.end_schedule(fixed.steps.size());
  EXPECT_EQ(fixed.trace.verdict.kind, VerdictKind::kCompleted) << fixed.trace.verdict.summary;
  EXPECT_TRUE(replay.diverged()) << "the fixed kernel blocks where the buggy one ran on";
  EXPECT_FALSE(replay.divergence().empty());
}

TEST(ScheduleFile, RoundTrips) {
  Schedule s;
  s.bug = "recursive-rlock";
  s.variant = "buggy";
  s.strategy = "pct";
  s.seed = 1234;
  s.run_seed = 7;
  s.threads = 3;
  s.duration_ms = 20;
  s.params = {{"audit_us", "200"}, {"writers", "1"}};
  for (int i = 0; i < 70; ++i) s.steps.push_back(static_cast<std::uint16_t>(1 + i % 3));
  const std::string text = format_schedule(s, {"1. T1 (main) starts"});
  const Schedule back = parse_schedule(text);
  EXPECT_EQ(back.bug, s.bug);
  EXPECT_EQ(back.variant, s.variant);
  EXPECT_EQ(back.strategy, s.strategy);
  EXPECT_EQ(back.seed, s.seed);
  EXPECT_EQ(back.run_seed, s.run_seed);
  EXPECT_EQ(back.threads, s.threads);
  EXPECT_EQ(back.duration_ms, s.duration_ms);
  EXPECT_EQ(back.params, s.params);
  EXPECT_EQ(back.steps, s.steps);
}

TEST(ScheduleFile, BadInputNamesTheLine) {
  try {
    (void)parse_schedule("strategy pct\nsteps 1 2 x\n");
    FAIL() << "expected ScheduleError";
  } catch (const ScheduleError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)parse_schedule("hello\n"), ScheduleError);
  EXPECT_THROW((void)parse_schedule("# nothing\n"), ScheduleError);
  EXPECT_THROW((void)load_schedule("/nonexistent/schedule.txt"), ScheduleError);
}

}  // namespace
}  // namespace locklab::sched
