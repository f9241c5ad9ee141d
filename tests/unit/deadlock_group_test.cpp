// Deadlocks that are not lock-only cycles: through a channel, a Cond or a
// WaitGroup and a lock, named as they close while other threads keep
// running; internal threads (the timer service) never hide one; the waits a
// deadlock leaves open are counted in the figures.
//
// Each scenario forces its interleaving through the thread registry
// (wait_until_waiting_on), so it happens on every run. The watchdog is set
// far beyond the test's time bound: only the runner's stuck-group check can
// end these runs in time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>

#include "lab_threads.h"
#include "locklab/analysis/analyses.h"
#include "locklab/analysis/diagnostics.h"
#include "locklab/analysis/wait_graph.h"
#include "locklab/run/runner.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/cond.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/timer.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace deadlock_group_test {
namespace {

using namespace std::chrono_literals;
using locklab::testing::bounded;
using locklab::testing::wait_until_waiting_on;

::testing::AssertionResult has(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected \"" << part << "\" in:\n" << text;
}

std::string everything(const Trace& t) { return t.verdict.summary + "\n" + t.verdict.detail; }

RunConfig no_watchdog() {
  RunConfig c = bounded(3);
  c.watchdog_ms = 20'000;  // beyond the ctest bound: the watchdog cannot be what ends the run
  return c;
}

// When `name` began its last wait on `object` (trace time), or 0.
std::uint64_t wait_began(const Trace& t, const std::string& name, std::uint32_t object) {
  std::uint16_t id = 0;
  for (const TraceThread& th : t.threads)
    if (th.name == name) id = th.id;
  std::uint64_t at = 0;
  for (const Event& e : t.events)
    if (e.thread == id && e.object == object &&
        (e.kind == EventKind::kLockWait || e.kind == EventKind::kChanRecvWait || e.kind == EventKind::kWaitBegin ||
         e.kind == EventKind::kCondWait))
      at = e.time;
  return at;
}

// A thread that keeps working until the run is cancelled: the bystander
// that, before, kept a deadlock from ever being reported.
void busy_ticker(RunContext& ctx) {
  ctx.go("ticker", [&ctx] {
    while (true) {
      compute(200us);
      ctx.item_done();
    }
  });
}

TEST(StuckGroup, AChannelAndLockCycleBesideABusyThreadIsNamedWithin100ms) {
  std::uint32_t mu_id = 0, done_id = 0;
  const Trace t = run_workload("chan-lock", [&](RunContext& ctx) {
    Mutex mu("Cache.mu");
    Chan<int> done("refresh.done");
    mu_id = mu.id();
    done_id = done.id();
    busy_ticker(ctx);
    ctx.go("owner", [&] {
      MutexLock l(mu);
      done.recv();  // waits for the refresher, which needs mu first
    });
    ctx.go("refresher", [&] {
      wait_until_waiting_on("owner", done.id());
      MutexLock l(mu);
      done.close();
    });
    ctx.join_all();
  }, no_watchdog());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  const std::uint64_t closed_at = wait_began(t, "refresher", mu_id);
  ASSERT_GT(closed_at, 0u);
  EXPECT_LT(t.verdict.at_ns - closed_at, 100'000'000u) << "named " << (t.verdict.at_ns - closed_at) / 1'000'000
                                                       << " ms after the last edge\n" << everything(t);
  const std::string words = everything(t);
  EXPECT_TRUE(has(words, "likely deadlock"));
  EXPECT_TRUE(has(words, "a lock held while waiting on a channel"));
  EXPECT_TRUE(has(words, "Cache.mu"));
  EXPECT_TRUE(has(words, "refresh.done"));
  EXPECT_TRUE(has(words, "owner"));
  EXPECT_TRUE(has(words, "refresher"));
  EXPECT_TRUE(has(words, "deadlock_group_test.cpp:"));
  EXPECT_TRUE(has(words, "others still running"));
  // The saved dump explains it the same way.
  const Diagnostics d = diagnose(t);
  EXPECT_TRUE(d.deadlock.deadlocked());
  ASSERT_TRUE(d.deadlock.group.has_value()) << d.deadlock.text();
  EXPECT_EQ(d.deadlock.group->threads.size(), 2u);
  (void)done_id;
}

TEST(StuckGroup, AWaitGroupChainNamesTheThreadThatOwesDone) {
  const Trace t = run_workload("wg-chain", [&](RunContext& ctx) {
    Mutex mu("Index.mu");
    WaitGroup wg("flush.wg");
    busy_ticker(ctx);
    ctx.go("flusher", [&] {
      MutexLock l(mu);
      wg.add(1);
      ctx.go("writer", [&] {
        MutexLock w(mu);  // needs the lock the flusher keeps while it waits
        wg.done();
      });
      wg.wait();
    });
    ctx.join_all();
  }, no_watchdog());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  const std::string words = everything(t);
  EXPECT_TRUE(has(words, "a lock held while waiting on a WaitGroup"));
  EXPECT_TRUE(has(words, "flush.wg (counter 1, added to by T"));
  EXPECT_TRUE(has(words, "call done()"));
  std::uint16_t writer = 0;
  for (const TraceThread& th : t.threads)
    if (th.name == "writer") writer = th.id;
  ASSERT_NE(writer, 0);
  // The flusher's line names the writer as the one who owes done().
  const Diagnostics d = diagnose(t);
  ASSERT_TRUE(d.deadlock.group) << d.deadlock.text();
  bool named = false;
  for (const std::string& l : d.deadlock.group->lines)
    if (l.find("flush.wg") != std::string::npos && l.find("(T" + std::to_string(writer) + ":") != std::string::npos)
      named = true;
  EXPECT_TRUE(named) << d.deadlock.text();
}

TEST(StuckGroup, ACondWhoseSignallerNeedsTheLockHeldIsNamed) {
  const Trace t = run_workload("cond-lock", [&](RunContext& ctx) {
    Mutex table("Table.mu"), state("State.mu");
    Cond ready(state, "State.ready");
    busy_ticker(ctx);
    ctx.go("reader", [&] {
      MutexLock tl(table);
      MutexLock sl(state);
      ready.wait();  // keeps Table.mu while it waits
    });
    ctx.go("loader", [&] {
      wait_until_waiting_on("reader", ready.id());
      { MutexLock sl(state); }  // takes the Cond's mutex: a likely signaller
      MutexLock tl(table);      // ...but needs Table.mu before it signals
      MutexLock sl(state);
      ready.signal();
    });
    ctx.join_all();
  }, no_watchdog());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  const std::string words = everything(t);
  EXPECT_TRUE(has(words, "a lock held while waiting on a condition"));
  EXPECT_TRUE(has(words, "State.ready"));
  EXPECT_TRUE(has(words, "Table.mu"));
}

TEST(StuckGroup, AConsumerWhoseProducerHasNotSentYetIsNotADeadlock) {
  // A consumer parked on a channel nobody else has used, while the producer
  // computes for 300 ms before its first send, and a third thread waits for
  // a lock the producer holds meanwhile: no lock is held across the
  // consumer's wait, so nothing is called stuck.
  const Trace t = run_workload("slow-producer", [&](RunContext& ctx) {
    Chan<int> jobs("jobs");
    Mutex mu("Batch.mu");
    ctx.go("consumer", [&] {
      for (int i = 0; i < 3; ++i) jobs.recv();
    });
    ctx.go("producer", [&] {
      MutexLock l(mu);
      compute(300ms);
      for (int i = 0; i < 3; ++i) jobs.send(i);
    });
    ctx.go("auditor", [&] {
      wait_until_waiting_on("consumer", jobs.id());
      MutexLock l(mu);
    });
    ctx.join_all();
  }, no_watchdog());
  EXPECT_EQ(t.verdict.kind, VerdictKind::kCompleted) << everything(t);
}

TEST(StuckGroup, ALockHolderWaitingOnAChannelTheOthersUseIsNotStuck) {
  // The owner holds mu and waits on a channel that a running thread has
  // used: that thread could still send, so nothing is stuck.
  std::vector<ThreadSnapshot> threads(3);
  threads[0].id = 1; threads[0].name = "owner"; threads[0].state = ThreadState::kWaiting;
  threads[0].waiting = true; threads[0].wait_kind = WaitKind::kChanRecv; threads[0].wait_object = 7;
  threads[0].wait_object_name = "results"; threads[0].enders_known = true; threads[0].enders = {3};
  threads[0].enders_rule = "have used results";
  threads[0].held.push_back({5, "Store.mu", LockMode::kExclusive, "", "", ""});
  threads[1].id = 2; threads[1].name = "client"; threads[1].state = ThreadState::kWaiting;
  threads[1].waiting = true; threads[1].wait_kind = WaitKind::kLock; threads[1].wait_mode = LockMode::kExclusive;
  threads[1].wait_object = 5; threads[1].wait_object_name = "Store.mu";
  threads[2].id = 3; threads[2].name = "worker"; threads[2].state = ThreadState::kRunning;
  EXPECT_FALSE(find_stuck_group(threads).has_value());
  // Once that thread is blocked on the owner's lock too, all three are stuck.
  threads[2].state = ThreadState::kWaiting; threads[2].waiting = true; threads[2].wait_kind = WaitKind::kLock;
  threads[2].wait_mode = LockMode::kExclusive; threads[2].wait_object = 5; threads[2].wait_object_name = "Store.mu";
  const auto g = find_stuck_group(threads);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->threads.size(), 3u);
  EXPECT_TRUE(g->likely);
  EXPECT_TRUE(g->has_lock_edge);
}

TEST(StuckGroup, AnInternalThreadNeverCountsAsHelp) {
  // Two lab threads wait on a select each (anyone could end those), and
  // the only other thread is the timer service: everyone who counts is
  // asleep, and explain_deadlock says so.
  std::vector<ThreadSnapshot> threads(3);
  for (std::uint16_t i = 0; i < 2; ++i) {
    threads[i].id = static_cast<std::uint16_t>(i + 1);
    threads[i].name = "worker";
    threads[i].state = ThreadState::kWaiting;
    threads[i].waiting = true;
    threads[i].wait_kind = WaitKind::kSelect;
  }
  threads[2].id = 3; threads[2].name = "locklab-timers (internal)"; threads[2].internal = true;
  const DeadlockReport r = explain_deadlock(threads);
  EXPECT_TRUE(r.all_asleep);
  EXPECT_TRUE(r.deadlocked());
  EXPECT_EQ(r.stuck.size(), 2u) << r.text();
}

TEST(InternalThreads, ADeadlockWithATimerAliveIsExplained) {
  const Trace t = run_workload("timer-then-stuck", [&](RunContext& ctx) {
    Chan<int> never("never");
    ctx.go("waiter", [&] {
      after(1ms)->recv();  // the timer service's thread joins the run here
      never.recv();
    });
    ctx.join_all();
  }, [] {
    RunConfig c = bounded(1);
    c.watchdog_ms = 300;
    return c;
  }());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  const Diagnostics d = diagnose(t);
  EXPECT_TRUE(d.deadlock.deadlocked()) << d.deadlock.text();
  EXPECT_TRUE(d.deadlock.all_asleep);
  EXPECT_TRUE(has(d.deadlock.text(), "never"));
  bool timers_named = false;
  for (const ThreadSnapshot& s : t.verdict.threads) {
    EXPECT_EQ(s.name.rfind("thread-", 0), std::string::npos) << "an anonymous thread in the dump: " << s.name;
    if (s.name == "locklab-timers (internal)") timers_named = s.internal;
  }
  EXPECT_TRUE(timers_named) << format_dump(t.verdict.threads);
  EXPECT_TRUE(has(t.verdict.detail, "locklab-timers (internal)"));
}

TEST(OpenWaits, ADeadlockedRunCountsTheWaitsThatNeverEndedUpToTheVerdict) {
  const Trace t = run_workload("abba-open", [&](RunContext& ctx) {
    Mutex a("A.mu"), b("B.mu");
    ctx.go("ab", [&] {
      MutexLock la(a);
      testing::wait_until(ctx, [&] { return b.owner() != 0; }, "ba holds b");
      MutexLock lb(b);
    });
    ctx.go("ba", [&] {
      MutexLock lb(b);
      testing::wait_until(ctx, [&] { return a.owner() != 0; }, "ab holds a");
      MutexLock la(a);
    });
    ctx.join_all();
  }, no_watchdog());
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << everything(t);
  const ContentionProfile p = contention(t);
  EXPECT_EQ(p.open_waits, 2u);
  EXPECT_GT(p.total_wait_ns, 0u);
  EXPECT_EQ(p.open_wait_ns, p.total_wait_ns);  // the only waits were the deadlock's
  // Each open wait is counted up to the verdict, not through the teardown.
  for (const ContentionRow& r : p.by_waiter) EXPECT_LE(r.max_ns, t.verdict.at_ns);
  std::uint64_t open_rows = 0;
  for (const ContentionRow& r : p.by_waiter) open_rows += r.open;
  EXPECT_EQ(open_rows, 2u);
}

TEST(OpenWaits, ACompletedRunHasNone) {
  const Trace t = run_workload("handoff", [&](RunContext& ctx) {
    Mutex mu("Handoff.mu");
    ctx.go("holder", [&] {
      MutexLock l(mu);
      sleep_for(20ms);
    });
    ctx.go("waiter", [&] {
      testing::wait_until(ctx, [&] { return mu.owner() != 0; }, "holder holds mu");
      MutexLock l(mu);
    });
    ctx.join_all();
  }, bounded(2));
  ASSERT_EQ(t.verdict.kind, VerdictKind::kCompleted) << everything(t);
  const ContentionProfile p = contention(t);
  EXPECT_EQ(p.open_waits, 0u);
  EXPECT_EQ(p.open_wait_ns, 0u);
  EXPECT_GT(p.total_wait_ns, 0u);
}

}  // namespace
}  // namespace deadlock_group_test
}  // namespace locklab
