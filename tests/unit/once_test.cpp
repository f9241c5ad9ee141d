// Once: Go's sync.Once rules, recorded. Anything that could block forever
// runs under run_workload.
#include "locklab/sync/once.h"

#include <gtest/gtest.h>

#include "lab_threads.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/runner.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using testing::bounded;
using testing::wait_until;

using namespace std::chrono_literals;

// How many of `threads` are parked in a wait of `kind` on `object`.
int parked_on(const std::vector<std::atomic<ThreadRecord*>>& threads, WaitKind kind, std::uint32_t object) {
  int n = 0;
  for (const auto& t : threads) {
    const ThreadRecord* r = t.load();
    if (!r) continue;
    const auto w = r->current_wait();
    n += w && w->kind == kind && w->object == object;
  }
  return n;
}

TEST(Once, LaterCallsDoNotRunTheirFn) {
  Once once("t.once");
  int a = 0, b = 0;
  once.call([&] { ++a; });
  once.call([&] { ++b; });
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 0);
  EXPECT_TRUE(once.done());
}

TEST(Once, RunsExactlyOnceUnderEightConcurrentCallersWhoAllSeeItsResult) {
  constexpr int kCallers = 8;
  std::atomic<int> runs{0};
  std::atomic<int> saw_config{0};
  std::uint32_t once_id = 0;
  const Trace trace = run_workload("lazy-config", [&](RunContext& ctx) {
    Once once("Config.once");
    once_id = once.id();
    std::vector<std::atomic<ThreadRecord*>> callers(kCallers);
    int config = 0;  // written by fn, read by every caller after call() returns
    for (int i = 0; i < kCallers; ++i)
      ctx.go("caller-" + std::to_string(i), [&, i] {
        callers[i] = &Runtime::self();
        once.call([&] {
          runs.fetch_add(1);
          // Keep running until the seven others are parked on the Once.
          wait_until(ctx, [&] { return parked_on(callers, WaitKind::kOnce, once.id()) == kCallers - 1; },
                     "seven callers wait on the Once");
          config = 42;
        });
        if (config == 42) saw_config.fetch_add(1);
      });
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(saw_config.load(), kCallers);
  // Seven waits, each charged to the one call that ran fn.
  std::uint64_t waits = 0, blamed = 0;
  for (const CounterRow& row : trace.waits) waits += row.object == once_id ? row.count : 0;
  for (const CounterRow& row : trace.blame) blamed += row.object == once_id ? row.count : 0;
  EXPECT_EQ(waits, 7u);
  EXPECT_EQ(blamed, 7u);
}

TEST(Once, AThrowingFnCountsAsDoneAndOnlyItsCallerSeesTheException) {
  Once once("t.once");
  EXPECT_THROW(once.call([] { throw std::runtime_error("bad config"); }), std::runtime_error);
  EXPECT_TRUE(once.done());
  bool ran = false;
  once.call([&] { ran = true; });  // Go: a panicking f still counts as done
  EXPECT_FALSE(ran);
}

TEST(Once, CallersWaitingOnAThrowingFnReturnNormally) {
  constexpr int kCallers = 4;
  std::atomic<int> threw{0}, returned{0};
  const Trace trace = run_workload("throwing-init", [&](RunContext& ctx) {
    Once once("Config.once");
    std::vector<std::atomic<ThreadRecord*>> callers(kCallers);
    for (int i = 0; i < kCallers; ++i)
      ctx.go("caller-" + std::to_string(i), [&, i] {
        callers[i] = &Runtime::self();
        try {
          once.call([&] {
            wait_until(ctx, [&] { return parked_on(callers, WaitKind::kOnce, once.id()) == kCallers - 1; },
                       "the others wait on the Once");
            throw std::runtime_error("bad config");
          });
          returned.fetch_add(1);
        } catch (const std::runtime_error&) {
          threw.fetch_add(1);
        }
      });
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(threw.load(), 1);
  EXPECT_EQ(returned.load(), kCallers - 1);
}

TEST(Once, CallingItFromItsOwnFnIsASelfDeadlock) {
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("recursive-once", [](RunContext&) {
    Once once("Config.once");
    once.call([&] { once.call([] {}); });
  }, bounded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kSelfDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("Config.once at once_test.cpp:"), std::string::npos) << trace.verdict.summary;
}

TEST(Once, AnFnThatNeverReturnsEndsWithADeadlockNamingWhoRunsIt) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("stuck-init", [](RunContext& ctx) {
    Once once("Config.once");
    WaitGroup never("never.wg");
    never.add(1);
    std::atomic<bool> started{false};
    std::vector<std::atomic<ThreadRecord*>> user(1);
    ctx.go("initialiser", [&] {
      once.call([&] {
        started = true;
        never.wait();  // nobody ever calls done()
      });
    });
    ctx.go("user", [&] {
      user[0] = &Runtime::self();
      wait_until(ctx, [&] { return started.load(); }, "the initialiser runs fn");
      once.call([] {});
    });
    // Join only once both are parked: a thread the OS has not run yet is not
    // blocked (the watchdog would say "no progress").
    wait_until(ctx, [&] { return never.waiters() == 1 && parked_on(user, WaitKind::kOnce, once.id()) == 1; },
               "both are parked");
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting for Config.once to finish at once_test.cpp:"), std::string::npos)
      << trace.verdict.detail;
  EXPECT_NE(trace.verdict.detail.find("holds Config.once (taken at once_test.cpp:"), std::string::npos)
      << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab
