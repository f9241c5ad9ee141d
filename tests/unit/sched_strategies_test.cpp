// The controlled scheduler on small kernels: each strategy finds the known
// bug, fixed kernels stay clean, and a deadlock is reported as one.
#include <gtest/gtest.h>

#include "locklab/sched/controlled.h"
#include "locklab/sched/strategies/dfs.h"
#include "locklab/sched/strategies/pct.h"
#include "locklab/sched/strategies/random_walk.h"
#include "locklab/sync/work.h"
#include "sched_kernels.h"

namespace locklab::sched {
namespace {

using test_kernels::kernel_config;

bool failed(const ControlledRun& run) { return is_failure(run.trace.verdict.kind); }

// Runs up to `budget` schedules; returns the index of the first failing one
// (or -1).
template <class S>
int first_failure(S& strategy, const std::function<void(RunContext&)>& kernel, int budget,
                  ControlledRun* out = nullptr) {
  for (int i = 0; i < budget && strategy.next_schedule(); ++i) {
    ControlledRun run = run_workload_controlled("kernel", kernel, kernel_config(), strategy);
    strategy.end_schedule(run.steps.size());
    if (failed(run)) {
      if (out) *out = std::move(run);
      return i;
    }
  }
  return -1;
}

TEST(ControlledRun, TheFirstScheduleWithoutPreemptionsCompletes) {
  Dfs dfs(0);
  ASSERT_TRUE(dfs.next_schedule());
  const ControlledRun run =
      run_workload_controlled("kernel", [](RunContext& c) { test_kernels::lock_order(c, false); }, kernel_config(), dfs);
  EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kCompleted) << run.trace.verdict.summary;
  EXPECT_EQ(run.preemptions, 0u);
  EXPECT_GT(run.steps.size(), 4u);
}

TEST(ControlledRun, ALockOrderDeadlockIsReportedWithItsCycle) {
  Dfs dfs(1);
  ControlledRun run;
  const int at = first_failure(dfs, [](RunContext& c) { test_kernels::lock_order(c, false); }, 100, &run);
  ASSERT_GE(at, 0) << "dfs with one preemption must find the inversion";
  EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kDeadlock);
  EXPECT_NE(run.trace.verdict.summary.find("deadlock"), std::string::npos) << run.trace.verdict.summary;
  EXPECT_NE(run.trace.verdict.detail.find("A"), std::string::npos);
  EXPECT_EQ(run.preemptions, 1u) << "the inversion needs exactly one preemption";
}

TEST(Dfs, NoPreemptionsNeverFindsTheInversionAndSaysItIsDone) {
  Dfs dfs(0);
  EXPECT_EQ(first_failure(dfs, [](RunContext& c) { test_kernels::lock_order(c, false); }, 1000), -1);
  EXPECT_TRUE(dfs.exhausted());
}

TEST(Dfs, CertifiesTheFixedLockOrderWithinTwoPreemptions) {
  Dfs dfs(2);
  int schedules = 0;
  while (dfs.next_schedule()) {
    ASSERT_LT(++schedules, 100000) << "the search must end";
    const ControlledRun run = run_workload_controlled(
        "kernel", [](RunContext& c) { test_kernels::lock_order(c, true); }, kernel_config(), dfs);
    dfs.end_schedule(run.steps.size());
    ASSERT_FALSE(failed(run)) << run.trace.verdict.summary;
  }
  EXPECT_TRUE(dfs.exhausted());
  EXPECT_GT(schedules, 3);
}

TEST(RandomWalk, FindsTheInversion) {
  RandomWalk walk(7);
  EXPECT_GE(first_failure(walk, [](RunContext& c) { test_kernels::lock_order(c, false); }, 500), 0);
}

TEST(Pct, FindsTheInversionAtDepthTwo) {
  Pct pct(7, 2);
  EXPECT_GE(first_failure(pct, [](RunContext& c) { test_kernels::lock_order(c, false); }, 500), 0);
}

TEST(Pct, AtDepthOneNeverPreemptsSoNeverFindsTheInversion) {
  // Depth 1: a random priority order, no change points: each thread runs to
  // its end once it starts (nothing here blocks before it is done).
  Pct pct(7, 1);
  EXPECT_EQ(first_failure(pct, [](RunContext& c) { test_kernels::lock_order(c, false); }, 200), -1);
}

TEST(ControlledRun, ALostReceiveLeavesTheProducerBlockedForEver) {
  RandomWalk walk(3);
  ControlledRun run;
  ASSERT_EQ(first_failure(walk, [](RunContext& c) { test_kernels::lost_receive(c, false); }, 5, &run), 0)
      << "every schedule of the buggy kernel deadlocks";
  EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kDeadlock);
  EXPECT_NE(run.trace.verdict.summary.find("asleep"), std::string::npos) << run.trace.verdict.summary;
}

TEST(ControlledRun, FixedKernelsStayCleanOverAFixedBudget) {
  RandomWalk walk(11);
  EXPECT_EQ(first_failure(walk, [](RunContext& c) { test_kernels::lost_receive(c, true); }, 300), -1);
  RandomWalk walk2(12);
  EXPECT_EQ(first_failure(walk2, [](RunContext& c) { test_kernels::lock_order(c, true); }, 300), -1);
  Pct pct(13, 3);
  EXPECT_EQ(first_failure(pct, [](RunContext& c) { test_kernels::three_counters(c); }, 300), -1);
}

TEST(ControlledRun, SleepsTakeVirtualTime) {
  RandomWalk walk(1);
  walk.next_schedule();
  RunConfig config = kernel_config();
  const auto t0 = std::chrono::steady_clock::now();
  const ControlledRun run = run_workload_controlled(
      "sleepy",
      [](RunContext& ctx) {
        ctx.go("sleeper", [] { sleep_for(std::chrono::seconds(30)); });
        ctx.join_all();
      },
      config, walk);
  const auto real = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kCompleted) << run.trace.verdict.summary;
  EXPECT_GE(run.trace.duration_ns, 30'000'000'000ull);  // 30 s passed on the virtual clock
  EXPECT_LT(real, std::chrono::seconds(20));            // not on the wall clock (a loose bound: no timing claim)
}

}  // namespace
}  // namespace locklab::sched
