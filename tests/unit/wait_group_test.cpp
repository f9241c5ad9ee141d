// WaitGroup: Go's sync.WaitGroup rules, recorded. Tests read as its
// specification; anything that could block forever runs under run_workload.
#include "locklab/sync/wait_group.h"

#include <gtest/gtest.h>

#include "lab_threads.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

#include "locklab/run/runner.h"
#include "locklab/sync/semaphore.h"
#include "locklab/sync/work.h"
#include "locklab/sched/controlled.h"
#include "locklab/sched/strategies/random_walk.h"
#include "sched_kernels.h"

namespace locklab {
namespace {

using testing::bounded;
using testing::wait_until;

using namespace std::chrono_literals;

TEST(WaitGroup, WaitOnAZeroCounterReturnsAtOnce) {
  WaitGroup wg("t.wg");
  wg.wait();
  wg.add(2);
  wg.done();
  wg.done();
  EXPECT_EQ(wg.count(), 0);
  wg.wait();
}

TEST(WaitGroup, WaitReturnsOnceEveryWorkerIsDoneAndSeesTheirWrites) {
  int seen = -1;
  const Trace trace = run_workload("fan-out", [&](RunContext& ctx) {
    WaitGroup wg("Jobs.wg");
    int results[6] = {};
    wg.add(6);
    for (int i = 0; i < 6; ++i)
      ctx.go("worker-" + std::to_string(i), [&, i] {
        io(2ms);
        results[i] = i + 1;  // plain writes: done() publishes them to wait()
        wg.done();
      });
    wg.wait();
    seen = 0;
    for (int r : results) seen += r;
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(seen, 1 + 2 + 3 + 4 + 5 + 6);
}

TEST(WaitGroup, CanBeReusedAfterWaitReturns) {
  // Go: "a WaitGroup can be reused after Wait returns". Three persistent
  // workers do one item per round; each round is a fresh add/done/wait.
  constexpr int kRounds = 300, kWorkers = 3;
  std::atomic<int> items{0};
  int mismatches = 0;
  const Trace trace = run_workload("rounds", [&](RunContext& ctx) {
    WaitGroup round("round.wg");
    // Each round hands out kWorkers permits; a worker does one item per permit.
    Semaphore start("round.start", kWorkers);
    start.acquire(kWorkers);  // none free until the first round begins
    for (int w = 0; w < kWorkers; ++w)
      ctx.go("worker-" + std::to_string(w), [&] {
        for (int r = 0; r < kRounds; ++r) {
          start.acquire(1);
          items.fetch_add(1, std::memory_order_relaxed);
          round.done();
        }
      });
    for (int r = 0; r < kRounds; ++r) {
      round.add(kWorkers);
      start.release(kWorkers);
      round.wait();
      if (items.load(std::memory_order_relaxed) != kWorkers * (r + 1)) ++mismatches;
    }
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(items.load(), kRounds * kWorkers);
}

TEST(WaitGroup, ReachingZeroReleasesEveryWaiterAndTheirWaitsAreProfiled) {
  std::uint32_t wg_id = 0;
  std::atomic<int> waiter_line{0};  // written by every waiter
  std::atomic<int> released{0};
  const Trace trace = run_workload("many-waiters", [&](RunContext& ctx) {
    WaitGroup wg("Jobs.wg");
    wg_id = wg.id();
    wg.add(1);
    for (int i = 0; i < 3; ++i)
      ctx.go("waiter-" + std::to_string(i), [&] {
        waiter_line = __LINE__ + 1;
        wg.wait();
        released.fetch_add(1);
      });
    wait_until(ctx, [&] { return wg.waiters() == 3; }, "three waiters are parked");
    EXPECT_EQ(released.load(), 0);
    wg.done();
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(released.load(), 3);
  std::uint64_t waits = 0;
  for (const CounterRow& row : trace.waits) {
    if (row.object != wg_id) continue;
    waits += row.count;
    EXPECT_EQ(trace.sites[row.site].line, static_cast<std::uint32_t>(waiter_line.load()));
    EXPECT_EQ(row.mode, LockMode::kNone);
  }
  EXPECT_EQ(waits, 3u);
  int begins = 0, ends = 0, levels = 0;
  for (const Event& e : trace.events) {
    if (e.object != wg_id) continue;
    if (e.kind == EventKind::kWaitBegin) {
      ++begins;
      EXPECT_EQ(e.arg, static_cast<std::uint64_t>(WaitKind::kWaitGroup));
    }
    ends += e.kind == EventKind::kWaitEnd;
    levels += e.kind == EventKind::kLevel;
  }
  EXPECT_EQ(begins, 3);
  EXPECT_EQ(ends, 3);
  EXPECT_EQ(levels, 2);  // add(1) -> 1, done() -> 0
}

TEST(WaitGroup, ANegativeCounterInARunIsAPanicVerdict) {
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("extra-done", [](RunContext&) {
    WaitGroup wg("Jobs.wg");
    wg.add(1);
    wg.done();
    wg.done();  // one done() too many
    ADD_FAILURE() << "a panic unwinds the thread";
  }, bounded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: negative WaitGroup counter in Jobs.wg"), std::string::npos)
      << trace.verdict.summary;
}

TEST(WaitGroupDeathTest, ANegativeCounterOutsideARunIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        WaitGroup wg("t.wg");
        wg.done();
      },
      "locklab: panic: negative WaitGroup counter in t.wg .*wait_group_test.cpp:[0-9]+");
}

TEST(WaitGroup, AWaitNobodyFinishesEndsWithADeadlockVerdictNotAHang) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("forgotten-done", [](RunContext& ctx) {
    WaitGroup wg("Jobs.wg");
    wg.add(2);
    wg.done();  // the second done() never comes
    ctx.go("waiter", [&] { wg.wait(); });
    // Join only once the waiter is parked: a thread the OS has not run yet
    // is not blocked (the watchdog would say "no progress").
    wait_until(ctx, [&] { return wg.waiters() == 1; }, "the waiter is parked");
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting for Jobs.wg to reach zero at wait_group_test.cpp:"), std::string::npos)
      << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab

namespace locklab::wait_group_steps_test {
namespace {

TEST(WaitGroupSteps, DoneIsNamedDoneInASchedule) {
  sched::RandomWalk walk(1);
  const sched::ControlledRun run = sched::run_workload_controlled("wg-steps", [](RunContext& ctx) {
    WaitGroup wg("jobs.wg");
    wg.add(1);
    ctx.go("worker", [&] { wg.done(); });
    wg.wait();
    ctx.join_all();
  }, test_kernels::kernel_config(1), walk);
  std::size_t adds = 0, dones = 0;
  for (const sched::Step& s : run.steps) {
    const std::string words = sched::describe_step(run.trace, s);
    if (s.op == SchedOp::kWaitGroupAdd) {
      ++adds;
      EXPECT_NE(words.find("WaitGroup add jobs.wg"), std::string::npos) << words;
    }
    if (s.op == SchedOp::kWaitGroupDone) {
      ++dones;
      EXPECT_NE(words.find("WaitGroup done jobs.wg"), std::string::npos) << words;
    }
  }
  EXPECT_EQ(adds, 1u);
  EXPECT_EQ(dones, 1u);
}

}  // namespace
}  // namespace locklab::wait_group_steps_test
