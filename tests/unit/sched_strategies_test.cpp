// The controlled scheduler on small kernels: each strategy finds the known
// bug, fixed kernels stay clean, and a deadlock is reported as one.
#include <gtest/gtest.h>

#include "locklab/sched/controlled.h"
#include "locklab/sched/strategies/dfs.h"
#include "locklab/sched/strategies/pct.h"
#include "locklab/sched/strategies/random_walk.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/work.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/select.h"
#include "locklab/core/sched_point.h"
#include "locklab/sched/explore.h"
#include "locklab/sched/strategies/replay.h"
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

// A poller that only takes a free lock, waiting for a flag that a sleeping
// thread would set: the run ends at the step limit, the sleeper's cancelled
// sleep never sets the flag, and the poller never reaches a wait to cancel.
// It is forced out at a lock instead of the process ending ("did not unwind").
TEST(ControlledRun, APollerOnAFreeLockIsForcedOutWhenTheRunEnds) {
  for (const bool yield_between : {false, true}) {
    RandomWalk walk(3);
    walk.next_schedule();
    ControlledLimits limits;
    limits.max_steps = 300;
    const ControlledRun run = run_workload_controlled(
        "poller",
        [yield_between](RunContext& ctx) {
          Mutex mu("mu");
          bool stop = false;
          ctx.go("poller", [&] {
            for (;;) {
              {
                MutexLock g(mu);
                if (stop) return;
              }
              if (yield_between) locklab::yield();
            }
          });
          ctx.go("sleeper", [&] {
            sleep_for(std::chrono::seconds(1));
            MutexLock g(mu);
            stop = true;
          });
          ctx.join_all();
        },
        kernel_config(), walk, limits);
    EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kNoProgress) << run.trace.verdict.summary;
  }
}

}  // namespace
}  // namespace locklab::sched

namespace locklab::sched::fairness_test {
namespace {

// A correct program that ends only if its main thread gets to run: two
// workers hand a token back and forth until main, after a few steps of its
// own, closes `quit`. A strategy that keeps picking the workers (each
// blocks in turn, so one of them can always run) starves main and would
// report a liveness failure that the program does not have.
void endless_pair(RunContext& ctx) {
  Chan<int> ping("ping"), pong("pong");
  Chan<int> quit("quit");
  auto worker = [&](Chan<int>& in, Chan<int>& out, bool first) {
    int v = 0;
    for (bool take_first = !first;; take_first = true) {
      if (take_first) {
        Select take;
        take.recv(in, [&](int x) { v = x; });
        take.recv(quit);
        if (take.wait() == 1) return;
      }
      Select give;
      give.send(out, v + 1);
      give.recv(quit);
      if (give.wait() == 1) return;
    }
  };
  ctx.go("pinger", [&] { worker(pong, ping, true); });
  ctx.go("ponger", [&] { worker(ping, pong, false); });
  for (int i = 0; i < 3; ++i) yield();
  quit.close();
  ctx.join_all();
}

TEST(Fairness, NoStrategyStarvesTheThreadThatWouldEndACorrectEndlessLoop) {
  RunConfig config = test_kernels::kernel_config(3);
  ControlledLimits limits;
  limits.max_steps = 4000;
  for (const std::string name : {"pct", "random", "dfs"}) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      ExploreOptions o;
      o.strategy = name;
      o.seed = seed;
      const auto strategy = make_strategy(o);
      for (int schedule = 0; schedule < 20 && strategy->next_schedule(); ++schedule) {
        const ControlledRun run = run_workload_controlled("endless-pair", endless_pair, config, *strategy, limits);
        strategy->end_schedule(run.steps.size());
        ASSERT_EQ(run.trace.verdict.kind, VerdictKind::kCompleted)
            << name << " seed " << seed << " schedule " << schedule << ": " << run.trace.verdict.summary;
      }
      if (name == "dfs") break;  // one search: the seed does not change it
    }
  }
}

TEST(Fairness, AReplayRepeatsAFairScheduleExactly) {
  RunConfig config = test_kernels::kernel_config(3);
  ExploreOptions o;
  o.strategy = "pct";
  o.seed = 3;
  const auto pct = make_strategy(o);
  ASSERT_TRUE(pct->next_schedule());
  const ControlledRun first = run_workload_controlled("endless-pair", endless_pair, config, *pct);
  pct->end_schedule(first.steps.size());
  Replay replay(first.picks());
  ASSERT_TRUE(replay.next_schedule());
  const ControlledRun again = run_workload_controlled("endless-pair", endless_pair, config, replay);
  replay.end_schedule(again.steps.size());
  EXPECT_FALSE(replay.diverged()) << replay.divergence();
  EXPECT_EQ(again.picks(), first.picks());
}

}  // namespace
}  // namespace locklab::sched::fairness_test
