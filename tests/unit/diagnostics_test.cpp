// Diagnostics on small deterministic scenarios: each deadlock is explained
// in words (checked for its key facts: threads, objects, sites, pattern, not
// exact prose), lock-order and lockset problems are found on runs that did
// not fail, and idle waits are kept out of the contention profile.
//
// Interleavings are forced through the thread registry (wait_until_waiting_on)
// rather than sleeps, so every scenario happens on every run.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "lab_threads.h"
#include "locklab/analysis/analyses.h"
#include "locklab/sync/chan.h"
#include "locklab/analysis/diagnostics.h"
#include "locklab/sync/guarded.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/run/runner.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/select.h"
#include "locklab/sync/worker_pool.h"

namespace locklab {
namespace {

using namespace std::chrono_literals;
using locklab::testing::bounded;
using locklab::testing::wait_until_waiting_on;

// "text contains part", with the whole text in the message when it does not.
::testing::AssertionResult has(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected \"" << part << "\" in:\n" << text;
}

std::string everything(const Trace& t) { return t.verdict.summary + "\n" + t.verdict.detail; }

// A run whose deadlock must be found by the cycle check, not the watchdog.
RunConfig cycle_config() {
  RunConfig c = bounded(2);
  c.watchdog_ms = 20'000;  // far beyond the test's time bound: only the cycle check can end it
  return c;
}

TEST(WaitForGraph, AbbaIsReportedAsSoonAsTheCycleCloses) {
  const Trace t = run_workload("abba", [](RunContext& ctx) {
    Mutex a("Account.a"), b("Account.b");
    // Each takes its first lock, sees the other holding its own, then asks
    // for the other's: the unlucky interleaving, every time.
    ctx.go("transfer-ab", [&] {
      MutexLock la(a);
      testing::wait_until(ctx, [&] { return b.owner() != 0; }, "transfer-ba holds b");
      MutexLock lb(b);
    });
    ctx.go("transfer-ba", [&] {
      MutexLock lb(b);
      testing::wait_until(ctx, [&] { return a.owner() != 0; }, "transfer-ab holds a");
      MutexLock la(a);
    });
    ctx.join_all();
  }, cycle_config());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  EXPECT_TRUE(has(t.verdict.summary, "lock-order inversion"));
  EXPECT_LT(t.verdict.at_ns, 10'000'000'000u) << "found by the watchdog, not the cycle check";
  const std::string words = t.verdict.detail;
  EXPECT_TRUE(has(words, "Account.a"));
  EXPECT_TRUE(has(words, "Account.b"));
  EXPECT_TRUE(has(words, "held by"));
  EXPECT_TRUE(has(words, "diagnostics_test.cpp:"));
  // The same explanation comes back from the saved dump.
  const Diagnostics d = diagnose(t);
  ASSERT_EQ(d.deadlock.cycles.size(), 1u) << d.deadlock.text();
  EXPECT_EQ(d.deadlock.cycles[0].edges.size(), 2u);
}

TEST(WaitForGraph, RecursiveReadLockBehindAPendingWriterIsNamed) {
  const Trace t = run_workload("ledger", [](RunContext& ctx) {
    RWMutex mu("ledger.mu");
    // Takes the read lock twice on purpose: opts out of -Wthread-safety.
    ctx.go("net", [&]() LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
      ReaderLock outer(mu);  // Net
      // Let the writer queue up behind this read lock.
      testing::wait_until(ctx, [&] { return testing::is_waiting_on("add-entries", mu.id()); }, "the writer waits");
      ReaderLock inner(mu);  // SumDebits: queued behind the pending writer
    });
    ctx.go("add-entries", [&] {
      testing::wait_until(ctx, [&] { return mu.view().readers > 0; }, "net holds the read lock");
      WriterLock w(mu);
    });
    ctx.join_all();
  }, cycle_config());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  EXPECT_TRUE(has(t.verdict.summary, "recursive read locking"));
  EXPECT_TRUE(has(t.verdict.detail, "waits to write-lock ledger.mu"));
  EXPECT_TRUE(has(t.verdict.detail, "held for reading by"));
  EXPECT_TRUE(has(t.verdict.detail, "read-lock ledger.mu again"));
  EXPECT_TRUE(has(t.verdict.detail, "pending writer"));
}

TEST(WaitForGraph, AReadLockHeldWhileSubmittingToAFullPoolIsNamed) {
  const Trace t = run_workload("hub", [](RunContext& ctx) {
    RWMutex mu("Hub.mu");
    WorkerPool pool(ctx, "Hub.pool", 1, 0);
    ctx.go("broadcast", [&] {
      ReaderLock r(mu);
      // The only worker is busy with a task that needs the read lock, after
      // the subscriber below queued for the write lock.
      pool.submit([&] {
        testing::wait_until(ctx, [&] { return testing::is_waiting_on("subscribe", mu.id()); }, "subscriber waits");
        ReaderLock rr(mu);
      });
      pool.submit([] {});  // blocks: the worker is busy, no queue
    });
    ctx.go("subscribe", [&] {
      testing::wait_until(ctx, [&] { return mu.view().readers > 0; }, "broadcast holds the read lock");
      WriterLock w(mu);
    });
    ctx.join_all();
  }, cycle_config());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  EXPECT_TRUE(has(t.verdict.summary, "worker pool"));
  EXPECT_TRUE(has(t.verdict.detail, "submit to Hub.pool"));
  EXPECT_TRUE(has(t.verdict.detail, "Hub.mu"));
}

TEST(WaitForGraph, AChannelDeadlockSaysNobodyIsLeftToReceive) {
  RunConfig c = bounded(1);
  c.watchdog_ms = 300;
  const Trace t = run_workload("orphan-send", [](RunContext& ctx) {
    Chan<int> results("results");
    ctx.go("worker", [&] { results.send(42); });
    ctx.join_all();
  }, c);
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  EXPECT_TRUE(has(t.verdict.summary, "all threads are asleep"));
  EXPECT_TRUE(has(t.verdict.detail, "waits to send on results"));
  EXPECT_TRUE(has(t.verdict.detail, "no running thread is left to receive"));
  EXPECT_TRUE(has(t.verdict.detail, "waits for threads to end"));
}

TEST(WaitForGraph, ASelfDeadlockNamesBothSites) {
  const Trace t = run_workload("self", [](RunContext& ctx) {
    Mutex mu("Cache.mu");
    ctx.go("get", [&]() LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {  // the self-deadlock on purpose
      MutexLock outer(mu);
      MutexLock inner(mu);
    });
    ctx.join_all();
  }, cycle_config());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kSelfDeadlock) << everything(t);
  // Two different lines of this file: where it was taken and where again.
  const std::string s = everything(t);
  const auto first = s.find("diagnostics_test.cpp:");
  ASSERT_NE(first, std::string::npos) << s;
  EXPECT_NE(s.find("diagnostics_test.cpp:", first + 1), std::string::npos) << s;
  EXPECT_TRUE(has(s, "Cache.mu"));
}

TEST(WaitForGraph, TheGraphHasTheRWMutexEdgesOfGo) {
  // Built straight from a hand-made dump: reader T1 holds mu; writer T2
  // waits for it; reader T3 queues behind T2.
  ThreadSnapshot r1, w2, r3;
  r1.id = 1; r1.held.push_back({7, "mu", LockMode::kShared, "f.cpp:1 (f)", "f", "f.cpp:1"});
  w2.id = 2; w2.waiting = true; w2.wait_kind = WaitKind::kLock; w2.wait_mode = LockMode::kExclusive; w2.wait_object = 7;
  r3.id = 3; r3.waiting = true; r3.wait_kind = WaitKind::kLock; r3.wait_mode = LockMode::kShared; r3.wait_object = 7;
  const WaitGraph g = build_wait_graph({r1, w2, r3});
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_EQ(g.edges[0].from, 2); EXPECT_EQ(g.edges[0].to, 1);
  EXPECT_EQ(g.edges[0].kind, WaitEdgeKind::kHeldForReadingBy);
  EXPECT_EQ(g.edges[1].from, 3); EXPECT_EQ(g.edges[1].to, 2);
  EXPECT_EQ(g.edges[1].kind, WaitEdgeKind::kBehindPendingWriter);
  EXPECT_TRUE(find_wait_cycles({r1, w2, r3}).empty());  // T1 is running: no deadlock

  const auto words = describe_waits_for({r1, w2, r3});
  ASSERT_EQ(words.size(), 2u);
  EXPECT_TRUE(has(words[0] + words[1], "T2 waits to write-lock object #7, held for reading by T1 (f, f.cpp:1)"));
  EXPECT_TRUE(has(words[0] + words[1], "T3 waits to read-lock object #7, queued behind the pending writer T2"));
}

TEST(WaitForGraph, ManyWaitersForOneHolderAreOneLine) {
  std::vector<ThreadSnapshot> threads(1);
  threads[0].id = 1;
  threads[0].held.push_back({9, "Hub.mu", LockMode::kShared, "hub.cpp:30 (broadcast)", "broadcast", "hub.cpp:30"});
  for (std::uint16_t id = 2; id < 802; ++id) {
    ThreadSnapshot w;
    w.id = id; w.waiting = true; w.wait_kind = WaitKind::kLock; w.wait_mode = LockMode::kExclusive;
    w.wait_object = 9; w.wait_object_name = "Hub.mu";
    threads.push_back(w);
  }
  const auto words = describe_waits_for(threads);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0], "T2, T3, T4 and 797 more wait to write-lock Hub.mu, held for reading by T1 (broadcast, hub.cpp:30)");
}

// ---- lock order -------------------------------------------------------------

TEST(LockOrder, ACycleIsReportedOnARunThatDidNotDeadlock) {
  const Trace t = run_workload("lucky", [](RunContext& ctx) {
    Mutex a("Account.a"), b("Account.b");
    ctx.go("first", [&] {
      MutexLock la(a);
      MutexLock lb(b);
    });
    ctx.join_all();  // strictly one after the other: no deadlock possible here
    ctx.go("second", [&] {
      MutexLock lb(b);
      MutexLock la(a);
    });
    ctx.join_all();
  }, bounded(2));
  ASSERT_EQ(t.verdict.kind, VerdictKind::kCompleted) << everything(t);
  ASSERT_EQ(t.lock_order.size(), 2u);
  const auto cycles = lock_order_cycles(t);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_TRUE(has(cycles[0].words, "potential deadlock"));
  EXPECT_TRUE(has(cycles[0].words, "Account.a"));
  EXPECT_TRUE(has(cycles[0].words, "Account.b"));
  EXPECT_TRUE(has(cycles[0].words, "diagnostics_test.cpp:"));
  EXPECT_NE(cycles[0].threads[0], cycles[0].threads[1]);
}

TEST(LockOrder, OneConsistentOrderIsNoCycle) {
  const Trace t = run_workload("ordered", [](RunContext& ctx) {
    Mutex a("a"), b("b");
    for (int i = 0; i < 2; ++i)
      ctx.go("t" + std::to_string(i), [&] {
        MutexLock la(a);
        MutexLock lb(b);
      });
    ctx.join_all();
  }, bounded(2));
  EXPECT_EQ(t.lock_order.size(), 1u);
  EXPECT_TRUE(lock_order_cycles(t).empty());
}

TEST(LockOrder, BothOrdersInOneThreadAreNotADeadlock) {
  const Trace t = run_workload("one-thread", [](RunContext& ctx) {
    Mutex a("a"), b("b");
    ctx.go("only", [&] {
      { MutexLock la(a); MutexLock lb(b); }
      { MutexLock lb(b); MutexLock la(a); }
    });
    ctx.join_all();
  }, bounded(1));
  EXPECT_EQ(t.lock_order.size(), 2u);
  EXPECT_TRUE(lock_order_cycles(t).empty());
}

TEST(LockOrder, ATryLockAddsNoEdge) {
  // std::scoped_lock's way: block on the first lock, try the second. A
  // try_lock never waits, so it cannot close a deadlock.
  const Trace t = run_workload("try", [](RunContext& ctx) {
    Mutex a("a"), b("b");
    ctx.go("ab", [&] { MutexLock la(a); if (b.try_lock()) b.unlock(); });
    ctx.join_all();
    ctx.go("ba", [&] { MutexLock lb(b); if (a.try_lock()) a.unlock(); });
    ctx.join_all();
  }, bounded(2));
  EXPECT_TRUE(t.lock_order.empty());
  EXPECT_TRUE(lock_order_cycles(t).empty());
}

// ---- lockset -----------------------------------------------------------------

TEST(Lockset, DataUnderTwoDifferentLocksIsReportedWithBothSites) {
  const Trace t = run_workload("copied-lock", [](RunContext& ctx) {
    Guarded<int> balance("Account.balance", 0);
    Mutex original("original.mu"), copy("copy.mu");
    ctx.go("deposit", [&] { for (int i = 0; i < 3; ++i) { MutexLock l(original); balance.write() += 1; } });
    ctx.join_all();
    ctx.go("withdraw", [&] { for (int i = 0; i < 3; ++i) { MutexLock l(copy); balance.write() -= 1; } });
    ctx.join_all();
  }, bounded(2));
  ASSERT_EQ(t.lockset.size(), 1u);
  const Diagnostics d = diagnose(t);
  ASSERT_EQ(d.lockset.size(), 1u);
  EXPECT_TRUE(has(d.lockset[0], "Account.balance"));
  EXPECT_TRUE(has(d.lockset[0], "original.mu"));
  EXPECT_TRUE(has(d.lockset[0], "copy.mu"));
  EXPECT_TRUE(has(d.lockset[0], "no lock in common"));
  EXPECT_NE(t.lockset[0].first.thread, t.lockset[0].second.thread);
}

TEST(Lockset, AnAccessUnderNoLockIsReported) {
  const Trace t = run_workload("unlocked", [](RunContext& ctx) {
    Guarded<int> hits("hits", 0);
    Mutex mu("mu");
    ctx.go("locked", [&] { MutexLock l(mu); hits.write() += 1; });
    ctx.join_all();
    ctx.go("unlocked", [&] { hits.write() += 1; });
    ctx.join_all();
  }, bounded(2));
  ASSERT_EQ(t.lockset.size(), 1u);
  EXPECT_TRUE(has(diagnose(t).lockset[0], "holding no lock"));
}

TEST(Lockset, OneLockAroundEveryAccessAndUnlockedSetUpAreFine) {
  const Trace t = run_workload("correct", [](RunContext& ctx) {
    Guarded<int> balance("balance", 0);
    balance.write() = 100;  // set up by one thread before sharing: fine
    Mutex mu("mu");
    for (int i = 0; i < 2; ++i)
      ctx.go("t" + std::to_string(i), [&] { for (int k = 0; k < 5; ++k) { MutexLock l(mu); balance.write() += 1; } });
    ctx.join_all();
  }, bounded(2));
  EXPECT_TRUE(t.lockset.empty());
}

// ---- idle against contended ---------------------------------------------------

TEST(WaitClasses, ASelectOnEmptyChannelsIsIdleNotContention) {
  const Trace t = run_workload("healthy-select", [](RunContext& ctx) {
    Chan<int> jobs("jobs"), quit("quit");
    ctx.go("server", [&] {
      bool done = false;
      while (!done) {
        Select sel;
        sel.recv(jobs).recv(quit, [&](int, bool) { done = true; });
        sel.wait();
      }
    });
    sleep_for(30ms);
    quit.close();
    ctx.join_all();
  }, bounded(1));
  ASSERT_EQ(t.verdict.kind, VerdictKind::kCompleted) << everything(t);
  const ContentionProfile p = contention(t);
  EXPECT_EQ(p.total_wait_ns, 0u) << "a select with nothing to do was counted as contention";
  ASSERT_FALSE(p.idle.empty());
  EXPECT_EQ(t.object_text(p.idle.front().object), "quit");  // counted on the case that ended the wait
  EXPECT_GE(p.total_idle_ns, 20'000'000u);
}

TEST(WaitClasses, ALockWaitIsContention) {
  const Trace t = run_workload("contended", [](RunContext& ctx) {
    Mutex mu("mu");
    ctx.go("holder", [&] {
      MutexLock l(mu);
      wait_until_waiting_on("waiter", mu.id());
    });
    ctx.go("waiter", [&] {
      testing::wait_until(ctx, [&] { return mu.owner() != 0; }, "holder has it");
      MutexLock l(mu);
    });
    ctx.join_all();
  }, bounded(2));
  const ContentionProfile p = contention(t);
  ASSERT_FALSE(p.by_waiter.empty());
  EXPECT_EQ(t.object_text(p.by_waiter.front().object), "mu");
}

}  // namespace
}  // namespace locklab
