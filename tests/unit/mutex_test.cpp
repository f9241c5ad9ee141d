// Mutex: Go's sync.Mutex rules, recorded. Tests read as its specification.
#include "locklab/sync/mutex.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "locklab/sync/guards.h"
#include "locklab/run/runner.h"
#include "locklab/core/runtime.h"
#include "lab_threads.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using namespace std::chrono_literals;

TEST(Mutex, LockThenUnlockLeavesItFree) {
  Mutex mu("t.mu");
  mu.lock();
  EXPECT_EQ(mu.owner(), Runtime::self().id());
  mu.unlock();
  EXPECT_EQ(mu.owner(), 0);
  const bool took = mu.try_lock();  // a named result, so -Wthread-safety sees the try-lock
  EXPECT_TRUE(took);
  if (took) mu.unlock();
}

TEST(Mutex, TryLockFailsWhileHeldEvenByTheOwner) {
  Mutex mu("t.mu");
  mu.lock();
  EXPECT_FALSE(mu.try_lock());  // Go's TryLock: false, not a self-deadlock
  std::thread other([&] { EXPECT_FALSE(mu.try_lock()); });
  other.join();
  mu.unlock();
}

TEST(Mutex, WorksWithStandardGuards) {
  Mutex a("t.a"), b("t.b");
  {
    std::lock_guard<Mutex> g(a);
    EXPECT_EQ(a.owner(), Runtime::self().id());
  }
  {
    std::unique_lock<Mutex> g(a);
    g.unlock();
    EXPECT_EQ(a.owner(), 0);
    g.lock();
  }
  {
    std::scoped_lock g(a, b);  // std::lock's deadlock avoidance uses try_lock
    EXPECT_EQ(a.owner(), Runtime::self().id());
    EXPECT_EQ(b.owner(), Runtime::self().id());
  }
  EXPECT_EQ(a.owner(), 0);
  EXPECT_EQ(b.owner(), 0);
}

TEST(Mutex, AssertHeldPassesForTheOwnerAfterAStandardGuard) {
  Mutex a("t.a"), b("t.b");
  std::scoped_lock g(a, b);
  a.assert_held();  // what a fix behind std::scoped_lock says to -Wthread-safety
  b.assert_held();
  EXPECT_EQ(a.owner(), Runtime::self().id());
}

TEST(Mutex, ExcludesConcurrentIncrements) {
  Mutex mu("t.mu");
  long counter = 0;
  constexpr int kThreads = 4, kEach = 50'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        MutexLock l(mu);
        ++counter;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter, long{kThreads} * kEach);
}

// The death tests break the locking rules on purpose (that is what they
// check), so their misuse opts out of -Wthread-safety, visibly.
TEST(MutexDeathTest, UnlockOfUnlockedMutexAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Mutex mu("t.mu");
  auto unlock_unlocked = [&]() LOCKLAB_NO_THREAD_SAFETY_ANALYSIS { mu.unlock(); };
  EXPECT_DEATH(unlock_unlocked(), "locklab: unlock of unlocked mutex t.mu");
}

TEST(MutexDeathTest, UnlockByAnotherThreadAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto unlock_from_another_thread = []() LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Mutex mu("t.mu");
    mu.lock();
    std::thread([&]() LOCKLAB_NO_THREAD_SAFETY_ANALYSIS { mu.unlock(); }).join();
  };
  EXPECT_DEATH(unlock_from_another_thread(), "locklab: unlock of mutex t.mu held by another thread");
}

TEST(MutexDeathTest, AssertHeldAbortsWhenTheCallerDoesNotHoldIt) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Mutex mu("t.mu");
  EXPECT_DEATH(mu.assert_held(), "locklab: assert_held: mutex t.mu is not held by");
  mu.lock();
  std::thread other([&] { EXPECT_DEATH(mu.assert_held(), "locklab: assert_held: mutex t.mu is not held by"); });
  other.join();
  mu.unlock();
}

TEST(MutexDeathTest, SecondLockByOwnerOutsideARunIsAFatalSelfDeadlock) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto lock_twice = []() LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Mutex mu("t.mu");
    mu.lock();
    mu.lock();
  };
  EXPECT_DEATH(
      lock_twice(),
      "locklab: self-deadlock: T[0-9]+ .* locks t.mu at mutex_test.cpp:[0-9]+, which it already holds since "
      "mutex_test.cpp:[0-9]+");
}

TEST(Mutex, SecondLockByOwnerInARunIsASelfDeadlockVerdictWithBothSites) {
  RunConfig config;
  config.threads = 1;
  config.duration_ms = 10'000;  // the verdict must end the run long before this
  const auto start = std::chrono::steady_clock::now();
  // Locks twice on purpose: the self-deadlock is what the test checks.
  const Trace trace = run_workload("self-deadlock", [](RunContext&) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Mutex mu("Store.mu");
    MutexLock outer(mu);  // first site
    MutexLock inner(mu);  // second site: deadlocks on itself
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kSelfDeadlock);
  EXPECT_NE(trace.verdict.summary.find("locks Store.mu at mutex_test.cpp:"), std::string::npos)
      << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("which it already holds since mutex_test.cpp:"), std::string::npos)
      << trace.verdict.summary;
}

TEST(Mutex, RecordsTheCallersLineForAcquireAndRelease) {
  RunConfig config;
  config.threads = 1;
  config.duration_ms = 1000;
  int line = 0;
  const Trace trace = run_workload("sites", [&](RunContext&) {
    Mutex mu("t.mu");
    line = __LINE__ + 1;
    MutexLock l(mu);
  }, config);
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  int acquires = 0;
  for (const Event& e : trace.events) {
    if (e.kind != EventKind::kLockAcquire && e.kind != EventKind::kLockRelease) continue;
    ++acquires;
    ASSERT_LT(e.site, trace.sites.size());
    EXPECT_EQ(trace.sites[e.site].line, static_cast<std::uint32_t>(line));
    EXPECT_NE(trace.sites[e.site].file.find("mutex_test.cpp"), std::string::npos);
  }
  EXPECT_EQ(acquires, 2);
}

TEST(Mutex, ContendedWaitIsChargedToWaiterSiteAndHolderSite) {
  RunConfig config;
  config.threads = 1;
  config.duration_ms = 2000;
  config.watchdog_ms = 5000;
  int holder_line = 0, waiter_line = 0;
  const Trace trace = run_workload("blame", [&](RunContext& ctx) {
    Mutex mu("t.mu");
    std::atomic<bool> held{false};
    ctx.go("holder", [&] {
      holder_line = __LINE__ + 1;
      MutexLock l(mu);
      held = true;
      testing::wait_until_waiting_on("waiter", mu.id());
      io(30ms);  // the waiter waits through all of it
    });
    ctx.go("waiter", [&] {
      while (!held) sleep_for(1ms);
      waiter_line = __LINE__ + 1;
      MutexLock l(mu);
    });
    ctx.join_all();
  }, config);
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  ASSERT_EQ(trace.waits.size(), 1u);
  EXPECT_EQ(trace.sites[trace.waits[0].site].line, static_cast<std::uint32_t>(waiter_line));
  EXPECT_EQ(trace.waits[0].count, 1u);
  EXPECT_GE(trace.waits[0].total_ns, 30'000'000u);
  ASSERT_EQ(trace.blame.size(), 1u);
  EXPECT_EQ(trace.sites[trace.blame[0].site].line, static_cast<std::uint32_t>(holder_line));
  // The holder is blamed up to its unlock; the waiter's own count runs until
  // it has the lock, a moment later.
  EXPECT_GE(trace.blame[0].total_ns, 30'000'000u);
  EXPECT_LE(trace.blame[0].total_ns, trace.waits[0].total_ns);
}

TEST(Mutex, AWaitBlockedForeverEndsWithADeadlockVerdictNotAHang) {
  RunConfig config;
  config.threads = 1;
  config.duration_ms = 10'000;
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  // Never unlocks on purpose: the deadlock is what the test checks.
  const Trace trace = run_workload("forgotten-unlock", [](RunContext& ctx) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Mutex mu("Store.mu");
    mu.lock();  // never unlocked
    ctx.go("caller", [&] { MutexLock l(mu); });
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waits to lock Store.mu"), std::string::npos) << trace.verdict.detail;
  EXPECT_NE(trace.verdict.detail.find("holds Store.mu"), std::string::npos) << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab
