// Cond: Go's sync.Cond rules, recorded, with spurious wake-ups on demand.
// Tests read as its specification; anything that could block forever runs
// under run_workload.
#include "locklab/sync/cond.h"

#include <gtest/gtest.h>

#include "lab_threads.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <stdexcept>
#include <string>

#include "locklab/sync/chan.h"
#include "locklab/sync/guards.h"
#include "locklab/run/runner.h"
#include "locklab/sync/work.h"
#include "locklab/core/runtime.h"

namespace locklab {
namespace {

using testing::bounded;
using testing::wait_until;

using namespace std::chrono_literals;

TEST(Cond, SignalWakesOneWaiterAndBroadcastWakesTheRest) {
  std::atomic<int> woken{0};
  int after_signal = -1, after_broadcast = -1;
  const Trace trace = run_workload("signal-broadcast", [&](RunContext& ctx) {
    Mutex mu("q.mu");
    Cond cv(mu, "q.ready");
    for (int i = 0; i < 3; ++i)
      ctx.go("waiter-" + std::to_string(i), [&] {
        MutexLock l(mu);
        cv.wait();  // no predicate on purpose: this test counts wake-ups
        woken.fetch_add(1);
      });
    wait_until(ctx, [&] { return cv.waiters() == 3; }, "three waiters are parked");
    cv.signal();
    wait_until(ctx, [&] { return woken.load() == 1; }, "one waiter woke");
    sleep_for(10ms);
    after_signal = woken.load();
    EXPECT_EQ(cv.waiters(), 2u);
    cv.broadcast();
    ctx.join_all();
    after_broadcast = woken.load();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(after_signal, 1);
  EXPECT_EQ(after_broadcast, 3);
}

TEST(Cond, SignalWithNobodyWaitingIsLost) {
  Mutex mu("t.mu");
  Cond cv(mu, "t.cv");
  cv.signal();
  cv.broadcast();
  EXPECT_EQ(cv.waiters(), 0u);
}

TEST(Cond, WaitReleasesTheMutexWhileParkedAndHoldsItAgainOnReturn) {
  bool other_got_it = false, held_after = false;
  const Trace trace = run_workload("release", [&](RunContext& ctx) {
    Mutex mu("q.mu");
    Cond cv(mu, "q.ready");
    bool ready = false;
    ctx.go("waiter", [&] {
      MutexLock l(mu);
      while (!ready) cv.wait();
      held_after = mu.owner() == Runtime::self().id();
    });
    wait_until(ctx, [&] { return cv.waiters() == 1; }, "the waiter is parked");
    {
      MutexLock l(mu);  // free while the waiter waits
      other_got_it = true;
      ready = true;
      cv.signal();
    }
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_TRUE(other_got_it);
  EXPECT_TRUE(held_after);
}

// A consumer of a queue, written the way the lesson is about.
enum class Check { kIf, kWhile };
struct QueueOutcome {
  int consumed = 0;
  int popped_empty = 0;  // the bug: acted on a condition that was false
  std::uint64_t spurious_wakes = 0;
  VerdictKind verdict = VerdictKind::kCompleted;
};

QueueOutcome run_queue(Check check, double spurious) {
  constexpr int kItems = 40;
  QueueOutcome out;
  RunConfig config = bounded();
  config.seed = 42;
  config.spurious_wakeups = spurious;
  std::uint32_t cond_id = 0;
  const Trace trace = run_workload("if-vs-while", [&](RunContext& ctx) {
    Mutex mu("Queue.mu");
    Cond nonempty(mu, "Queue.nonempty");
    cond_id = nonempty.id();
    std::deque<int> items;
    ctx.go("producer", [&] {
      for (int i = 0; i < kItems; ++i) {
        sleep_for(1ms);  // slower than the consumer: it waits for every item
        MutexLock l(mu);
        items.push_back(i);
        nonempty.signal();
      }
    });
    ctx.go("consumer", [&] {
      for (int taken = 0; taken < kItems;) {
        MutexLock l(mu);
        if (check == Check::kIf) {
          if (items.empty()) nonempty.wait();
        } else {
          while (items.empty()) nonempty.wait();
        }
        if (items.empty()) {  // what `items.front()` would have read
          ++out.popped_empty;
          continue;
        }
        items.pop_front();
        ++taken;
        ++out.consumed;
      }
    });
    ctx.join_all();
  }, config);
  out.verdict = trace.verdict.kind;
  for (const Event& e : trace.events)
    if (e.kind == EventKind::kCondWake && e.object == cond_id) out.spurious_wakes += e.arg;
  return out;
}

TEST(Cond, IfInsteadOfWhileMisbehavesWhenSpuriousWakeupsAreInjected) {
  const QueueOutcome o = run_queue(Check::kIf, 0.5);
  ASSERT_EQ(o.verdict, VerdictKind::kCompleted);
  EXPECT_GT(o.spurious_wakes, 0u);
  EXPECT_GT(o.popped_empty, 0) << "a spurious wake-up let `if` read an empty queue";
}

TEST(Cond, WhileIsCorrectWhenSpuriousWakeupsAreInjected) {
  const QueueOutcome o = run_queue(Check::kWhile, 0.5);
  ASSERT_EQ(o.verdict, VerdictKind::kCompleted);
  EXPECT_GT(o.spurious_wakes, 0u);
  EXPECT_EQ(o.popped_empty, 0);
  EXPECT_EQ(o.consumed, 40);
}

TEST(Cond, WithoutInjectionThereAreNoSpuriousWakeups) {
  const QueueOutcome o = run_queue(Check::kIf, 0);
  ASSERT_EQ(o.verdict, VerdictKind::kCompleted);
  EXPECT_EQ(o.spurious_wakes, 0u);
  EXPECT_EQ(o.popped_empty, 0);  // `if` is still wrong; it only needs a reason to show it
}

TEST(Cond, RecordsWaitWakeAndSignalEvents) {
  std::uint32_t cond_id = 0;
  int wait_line = 0;
  const Trace trace = run_workload("cond-events", [&](RunContext& ctx) {
    Mutex mu("q.mu");
    Cond cv(mu, "q.ready");
    cond_id = cv.id();
    bool ready = false;
    ctx.go("waiter", [&] {
      MutexLock l(mu);
      wait_line = __LINE__ + 1;
      while (!ready) cv.wait();
    });
    wait_until(ctx, [&] { return cv.waiters() == 1; }, "the waiter is parked");
    sleep_for(5ms);
    {
      MutexLock l(mu);
      ready = true;
    }
    cv.signal();
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  int waits = 0, wakes = 0, signals = 0;
  for (const Event& e : trace.events) {
    if (e.object != cond_id) continue;
    if (e.kind == EventKind::kCondWait) {
      ++waits;
      EXPECT_EQ(trace.sites[e.site].line, static_cast<std::uint32_t>(wait_line));
    }
    if (e.kind == EventKind::kCondWake) {
      ++wakes;
      EXPECT_EQ(e.arg, 0u);  // signalled, not spurious
    }
    if (e.kind == EventKind::kCondSignal) {
      ++signals;
      EXPECT_EQ(e.arg, 1u);  // one thread woken
    }
  }
  EXPECT_EQ(waits, 1);
  EXPECT_EQ(wakes, 1);
  EXPECT_EQ(signals, 1);
  const CounterRow* row = nullptr;
  for (const CounterRow& r : trace.waits)
    if (r.object == cond_id) row = &r;
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->count, 1u);
  EXPECT_GT(row->total_ns, 2'000'000u);
}

TEST(Cond, WaitWithoutHoldingTheMutexInARunIsAPanicVerdict) {
  const Trace trace = run_workload("wait-unlocked", [](RunContext&) {
    Mutex mu("q.mu");
    Cond cv(mu, "q.ready");
    cv.wait();
    ADD_FAILURE() << "a panic unwinds the thread";
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: Cond.wait on q.ready without holding q.mu"), std::string::npos)
      << trace.verdict.summary;
}

TEST(Cond, WaitNamingAnotherMutexIsAPanicVerdict) {
  const Trace trace = run_workload("wait-other-mutex", [](RunContext&) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Mutex mu("q.mu"), other("q.other");
    Cond cv(mu, "q.ready");
    other.lock();
    cv.wait(other);
    ADD_FAILURE() << "a panic unwinds the thread";
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: Cond.wait on q.ready with q.other, not its own mutex q.mu"),
            std::string::npos)
      << trace.verdict.summary;
}

TEST(Cond, WaitNamingItsMutexWaitsAndReturnsWithItHeld) {
  const Trace trace = run_workload("wait-annotated", [](RunContext& ctx) {
    Mutex mu("q.mu");
    Cond cv(mu, "q.ready");
    bool ready = false;
    ctx.go("signaller", [&] {
      testing::wait_until_waiting_on("main", cv.id());
      MutexLock l(mu);
      ready = true;
      cv.signal();
    });
    {
      MutexLock l(mu);
      while (!ready) cv.wait(mu);
      EXPECT_EQ(mu.owner(), Runtime::self().id());
    }
    ctx.join_all();
  }, bounded(1));
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
}

TEST(CondDeathTest, WaitWithoutHoldingTheMutexOutsideARunIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Mutex mu("t.mu");
        Cond cv(mu, "t.cv");
        cv.wait();
      },
      "locklab: panic: Cond.wait on t.cv without holding t.mu .*cond_test.cpp:[0-9]+");
}

TEST(Cond, AWaitNobodySignalsEndsWithADeadlockVerdictAndTheGuardStillUnlocks) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("lost-signal", [](RunContext& ctx) {
    Mutex mu("Queue.mu");
    Cond nonempty(mu, "Queue.nonempty");
    bool ready = false;
    ctx.go("consumer", [&] {
      MutexLock l(mu);  // unlocks while the cancelled wait unwinds: not fatal
      while (!ready) nonempty.wait();
    });
    wait_until(ctx, [&] { return nonempty.waiters() == 1; }, "the consumer is parked");
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting for a signal on Queue.nonempty at cond_test.cpp:"), std::string::npos)
      << trace.verdict.detail;
}

TEST(Cond, ACancelledWaitRetakesAMutexHeldByAnotherUnwindingThread) {
  // The waiter's wake-up finds the mutex held by a thread that is itself
  // blocked; cancellation must unwind both without a fatal unlock.
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const Trace trace = run_workload("cancel-relock", [](RunContext& ctx) {
    Mutex mu("Queue.mu");
    Cond cv(mu, "Queue.cv");
    Chan<int> never("never");
    ctx.go("waiter", [&] {
      MutexLock l(mu);
      cv.wait();
    });
    wait_until(ctx, [&] { return cv.waiters() == 1; }, "the waiter is parked");
    ctx.go("holder", [&] {
      MutexLock l(mu);
      cv.signal();    // the waiter wakes and queues for mu...
      never.recv();   // ...which this thread keeps while it blocks forever
    });
    ctx.join_all();
  }, config);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
}

TEST(Cond, SpuriousWakeupsNeverKeepAThreadWaitingForNothingFromBeingCalledStuck) {
  // `while` waiting for a condition that never comes, with wake-ups injected:
  // the run still ends (never two spurious wake-ups in a row).
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  config.spurious_wakeups = 1.0;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("spurious-forever", [](RunContext&) {
    Mutex mu("Queue.mu");
    Cond nonempty(mu, "Queue.nonempty");
    MutexLock l(mu);
    for (;;) nonempty.wait();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
}

}  // namespace
}  // namespace locklab
