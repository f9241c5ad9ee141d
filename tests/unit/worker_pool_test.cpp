// WorkerPool: seed 001's GoPool (submit blocks when every worker is busy and
// the queue is full), recorded. Every test runs under run_workload: the pool
// starts lab threads, and anything here could block forever if it were wrong.
#include "locklab/sync/worker_pool.h"

#include <gtest/gtest.h>

#include "lab_threads.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/run/runner.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using testing::bounded;
using testing::wait_until;

using namespace std::chrono_literals;

TEST(WorkerPool, RunsEveryTaskOnItsNamedWorkers) {
  std::atomic<int> ran{0};
  WorkerPool::View end{};
  const Trace trace = run_workload("pool", [&](RunContext& ctx) {
    WorkerPool pool(ctx, "Hub.pool", 3, 4);
    for (int i = 0; i < 100; ++i)
      pool.submit([&] {
        if (ran.fetch_add(1) % 10 == 0) io(100us);
      });
    pool.shutdown();
    end = pool.view();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(ran.load(), 100);
  EXPECT_EQ(end.completed, 100u);
  EXPECT_EQ(end.live_workers, 0u);
  EXPECT_TRUE(end.closed);
  int workers = 0;
  for (const TraceThread& t : trace.threads) workers += t.name.rfind("Hub.pool.worker-", 0) == 0;
  EXPECT_EQ(workers, 3);
}

TEST(WorkerPool, SubmitBlocksWhenEveryWorkerIsBusyAndTheQueueIsFull) {
  // Two workers, one queue place. Tasks wait on a gate: two tasks occupy the
  // workers, a third fills the queue, the fourth submit must block.
  std::atomic<int> ran{0};
  std::atomic<bool> fourth_accepted{false};
  bool blocked_before_gate = false;
  std::uint32_t pool_id = 0;
  int submit_line = 0;
  const Trace trace = run_workload("full-pool", [&](RunContext& ctx) {
    WorkerPool pool(ctx, "Hub.pool", 2, 1);
    pool_id = pool.id();
    WaitGroup gate("gate");
    gate.add(1);
    auto task = [&] {
      gate.wait();
      ran.fetch_add(1);
    };
    pool.submit(task);
    pool.submit(task);
    wait_until(ctx, [&] { return pool.view().busy_workers == 2; }, "both workers run a task");
    pool.submit(task);
    EXPECT_EQ(pool.view().queued, 1u);
    std::atomic<ThreadRecord*> submitter{nullptr};
    ctx.go("submitter", [&] {
      submitter = &Runtime::self();
      submit_line = __LINE__ + 1;
      pool.submit(task);
      fourth_accepted = true;
    });
    wait_until(ctx, [&] {
      const ThreadRecord* s = submitter.load();
      const auto w = s ? s->current_wait() : std::nullopt;
      return w && w->kind == WaitKind::kPoolSubmit && w->object == pool.id();
    }, "the submitter is parked in submit");
    blocked_before_gate = !fourth_accepted.load() && pool.view().blocked_submitters == 1;
    gate.done();  // open the gate: every task can finish
    pool.shutdown();
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_TRUE(blocked_before_gate);
  EXPECT_TRUE(fourth_accepted.load());
  EXPECT_EQ(ran.load(), 4);
  // The blocked submit is in the contention profile at its line (idle
  // workers are not: idle time is not contention).
  std::uint64_t submit_waits = 0;
  for (const CounterRow& row : trace.waits)
    if (row.object == pool_id && trace.sites[row.site].line == static_cast<std::uint32_t>(submit_line))
      submit_waits += row.count;
  EXPECT_EQ(submit_waits, 1u);
}

TEST(WorkerPool, WithNoQueuePlacesSubmitIsARendezvousWithAWorker) {
  std::atomic<int> ran{0};
  const Trace trace = run_workload("unbuffered-pool", [&](RunContext& ctx) {
    WorkerPool pool(ctx, "Hub.pool", 1, 0);
    for (int i = 0; i < 50; ++i) pool.submit([&] { ran.fetch_add(1); });
    pool.shutdown();
    EXPECT_EQ(pool.view().queued, 0u);
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(ran.load(), 50);
}

TEST(WorkerPool, ShutdownDrainsTheQueueThenEndsTheWorkers) {
  std::atomic<int> ran{0};
  std::atomic<bool> shut{false};
  const Trace trace = run_workload("drain", [&](RunContext& ctx) {
    WorkerPool pool(ctx, "Hub.pool", 1, 10);
    WaitGroup gate("gate");
    gate.add(1);
    pool.submit([&] {
      gate.wait();
      ran.fetch_add(1);
    });
    for (int i = 0; i < 10; ++i) pool.submit([&] { ran.fetch_add(1); });
    ctx.go("closer", [&] {
      pool.shutdown();
      shut = true;
    });
    wait_until(ctx, [&] { return pool.view().closed; }, "shutdown began");
    EXPECT_FALSE(shut.load());  // it waits for the queued tasks
    gate.done();
    ctx.join_all();
    EXPECT_EQ(pool.view().live_workers, 0u);
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(ran.load(), 11);
  EXPECT_TRUE(shut.load());
}

TEST(WorkerPool, SubmitAfterShutdownIsAPanicVerdict) {
  const Trace trace = run_workload("late-submit", [](RunContext& ctx) {
    WorkerPool pool(ctx, "Hub.pool", 2, 2);
    pool.shutdown();
    pool.submit([] {});
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("submit to worker pool Hub.pool after shutdown"), std::string::npos)
      << trace.verdict.summary;
}

TEST(WorkerPool, ATaskThatThrowsEndsTheRunWithAnErrorNamingTheWorker) {
  const Trace trace = run_workload("bad-task", [](RunContext& ctx) {
    WorkerPool pool(ctx, "Hub.pool", 1, 1);
    pool.submit([] { throw std::runtime_error("broken client"); });
    pool.shutdown();
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kError) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("Hub.pool.worker-0: broken client"), std::string::npos)
      << trace.verdict.summary;
}

TEST(WorkerPool, SubmittingUnderALockTheTasksNeedDeadlocksLikeSeed001) {
  // Seed 001 in miniature: the broadcaster holds Hub.mu while it submits; the
  // one worker's task needs Hub.mu; the queue has no place. The second submit
  // waits for the worker, the worker waits for Hub.mu: nobody can move.
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("seed-001", [](RunContext& ctx) {
    Mutex mu("Hub.mu");
    WorkerPool pool(ctx, "Hub.pool", 1, 0);
    std::atomic<ThreadRecord*> worker{nullptr};
    ctx.go("broadcaster", [&] {
      MutexLock l(mu);
      for (int i = 0; i < 2; ++i)
        pool.submit([&] {
          worker = &Runtime::self();
          MutexLock task_lock(mu);
        });
    });
    // Join only once both are parked: a thread the OS has not run yet is not
    // blocked (the watchdog would say "no progress").
    wait_until(ctx, [&] {
      const ThreadRecord* w = worker.load();
      const auto wait = w ? w->current_wait() : std::nullopt;
      return pool.view().blocked_submitters == 1 && wait && wait->kind == WaitKind::kLock;
    }, "the broadcaster and the worker are parked");
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting to submit to Hub.pool (all workers busy, queue full) at worker_pool_test.cpp:"),
            std::string::npos)
      << trace.verdict.detail;
  EXPECT_NE(trace.verdict.detail.find("waits to lock Hub.mu"), std::string::npos) << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab
