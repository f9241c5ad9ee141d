// Semaphore: golang.org/x/sync/semaphore.Weighted's rules, recorded.
// Anything that could block forever runs under run_workload.
#include "locklab/sync/semaphore.h"

#include <gtest/gtest.h>

#include "lab_threads.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

#include "locklab/run/runner.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using testing::bounded;
using testing::wait_until;

using namespace std::chrono_literals;

TEST(Semaphore, WeightsAddUpToTheCapacity) {
  Semaphore sem("t.sem", 5);
  sem.acquire(3);
  sem.acquire(2);
  EXPECT_FALSE(sem.try_acquire(1));
  EXPECT_EQ(sem.view().in_use, 5);
  sem.release(4);
  EXPECT_TRUE(sem.try_acquire(4));
  EXPECT_TRUE(sem.try_acquire(0));
  EXPECT_FALSE(sem.try_acquire(6));  // more than the capacity: false, as x/sync
  sem.release(5);
  EXPECT_EQ(sem.view().in_use, 0);
}

TEST(Semaphore, GrantsInArrivalOrderAndNobodyBargesPastALargeWaiter) {
  // Capacity 4, all in use. "big" queues for 3, then "small" for 1. Freeing 1
  // would fit small, but small is behind big: nobody is granted (x/sync's
  // rule, so large requests are not starved). Freeing 2 more grants big only.
  Semaphore::View after_one{}, after_three{};
  bool try_while_queued = true;
  std::atomic<bool> big_done{false}, small_done{false};
  const Trace trace = run_workload("fifo", [&](RunContext& ctx) {
    Semaphore sem("Uploads.sem", 4);
    sem.acquire(4);
    ctx.go("big", [&] {
      sem.acquire(3);
      big_done = true;
    });
    wait_until(ctx, [&] { return sem.view().waiters == 1; }, "big is queued");
    ctx.go("small", [&] {
      sem.acquire(1);
      small_done = true;
    });
    wait_until(ctx, [&] { return sem.view().waiters == 2; }, "small is queued");
    sem.release(1);
    after_one = sem.view();  // 3 in use, both still queued
    try_while_queued = sem.try_acquire(1);  // fits, but would barge: refused
    sem.release(2);
    after_three = sem.view();  // big granted (1 + 3 in use); small still queued
    wait_until(ctx, [&] { return big_done.load(); }, "big returns");
    EXPECT_FALSE(small_done.load());
    sem.release(3);  // big's weight (any thread may release): small fits now
    ctx.join_all();
    EXPECT_EQ(sem.view().in_use, 2);  // 1 still held by main, 1 by small
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(after_one.in_use, 3);
  EXPECT_EQ(after_one.waiters, 2u);
  EXPECT_FALSE(try_while_queued);
  EXPECT_EQ(after_three.in_use, 4);
  EXPECT_EQ(after_three.waiters, 1u);
  EXPECT_TRUE(small_done.load());
}

TEST(Semaphore, BoundsConcurrencyAndItsWaitsAreProfiled) {
  constexpr int kThreads = 6, kEach = 200, kCapacity = 2;
  std::atomic<int> inside{0}, most{0};
  std::uint32_t sem_id = 0;
  const Trace trace = run_workload("bounded", [&](RunContext& ctx) {
    Semaphore sem("Disk.sem", kCapacity);
    sem_id = sem.id();
    for (int t = 0; t < kThreads; ++t)
      ctx.go("writer-" + std::to_string(t), [&] {
        for (int i = 0; i < kEach; ++i) {
          sem.acquire(1);
          const int now = inside.fetch_add(1) + 1;
          for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
          }
          if (i % 8 == 0) io(50us);
          inside.fetch_sub(1);
          sem.release(1);
        }
      });
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_LE(most.load(), kCapacity);
  EXPECT_GE(most.load(), 1);
  for (const CounterRow& row : trace.waits) {
    if (row.object != sem_id) continue;
    EXPECT_EQ(row.mode, LockMode::kNone);
    EXPECT_GT(row.count, 0u);
  }
}

TEST(Semaphore, ReleasingMoreThanHeldInARunIsAPanicVerdict) {
  const Trace trace = run_workload("over-release", [](RunContext&) {
    Semaphore sem("Uploads.sem", 4);
    sem.acquire(2);
    sem.release(3);
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("semaphore Uploads.sem: released more than held"), std::string::npos)
      << trace.verdict.summary;
}

TEST(Semaphore, AcquiringMoreThanTheCapacityIsAPanicVerdictNotAHang) {
  const Trace trace = run_workload("too-big", [](RunContext&) {
    Semaphore sem("Uploads.sem", 4);
    sem.acquire(5);
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("acquire of 5 on semaphore Uploads.sem of capacity 4 can never succeed"),
            std::string::npos)
      << trace.verdict.summary;
}

TEST(SemaphoreDeathTest, ReleasingMoreThanHeldOutsideARunIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Semaphore sem("t.sem", 1);
        sem.release(1);
      },
      "locklab: panic: semaphore t.sem: released more than held");
}

TEST(Semaphore, AnAcquireNobodyReleasesEndsWithADeadlockVerdictNotAHang) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("leaked-permit", [](RunContext& ctx) {
    Semaphore sem("Uploads.sem", 1);
    sem.acquire(1);  // never released
    ctx.go("uploader", [&] { sem.acquire(1); });
    // Join only once the uploader is parked: a thread the OS has not run yet
    // is not blocked (the watchdog would say "no progress").
    wait_until(ctx, [&] { return sem.view().waiters == 1; }, "the uploader is parked");
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting for weight of Uploads.sem at semaphore_test.cpp:"),
            std::string::npos)
      << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab
