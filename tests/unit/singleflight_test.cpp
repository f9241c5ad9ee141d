// Singleflight: golang.org/x/sync/singleflight's rules, recorded. Anything
// that could block forever runs under run_workload.
#include "locklab/sync/singleflight.h"

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

using Flight = Singleflight<std::string, int>;

TEST(Singleflight, EightConcurrentCallersForOneKeyShareOneCall) {
  constexpr int kCallers = 8;
  std::atomic<int> loads{0};
  std::vector<Flight::Result> results(kCallers, Flight::Result{0, false, false});
  std::uint32_t flight_id = 0;
  std::atomic<int> call_line{0};  // written by every caller
  const Trace trace = run_workload("herd", [&](RunContext& ctx) {
    Flight flight("Users.flight");
    flight_id = flight.id();
    for (int i = 0; i < kCallers; ++i)
      ctx.go("caller-" + std::to_string(i), [&, i] {
        call_line = __LINE__ + 1;
        results[i] = flight.run("user:7", [&] {
          loads.fetch_add(1);
          // Finish only once the seven others wait for this call.
          wait_until(ctx, [&] { return flight.waiting("user:7") == kCallers - 1; }, "seven callers wait");
          return 42;
        });
      });
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(loads.load(), 1);
  int leaders = 0;
  for (const auto& r : results) {
    EXPECT_EQ(r.value, 42);
    // Go's `shared`: the value went to more than one caller, so every caller,
    // the leader included, reports it; seven of them did not run fn.
    EXPECT_TRUE(r.shared);
    leaders += r.leader;
  }
  EXPECT_EQ(leaders, 1);
  std::uint64_t waits = 0, blamed = 0;
  for (const CounterRow& row : trace.waits) {
    if (row.object != flight_id) continue;
    waits += row.count;
    EXPECT_EQ(trace.sites[row.site].line, static_cast<std::uint32_t>(call_line.load()));
  }
  for (const CounterRow& row : trace.blame) blamed += row.object == flight_id ? row.count : 0;
  EXPECT_EQ(waits, 7u);
  EXPECT_EQ(blamed, 7u);  // each wait charged to the leader's call
}

TEST(Singleflight, AnExceptionIsSharedWithEveryCallerOfThatCall) {
  constexpr int kCallers = 4;
  std::atomic<int> loads{0}, caught{0};
  const Trace trace = run_workload("failing-load", [&](RunContext& ctx) {
    Flight flight("Users.flight");
    for (int i = 0; i < kCallers; ++i)
      ctx.go("caller-" + std::to_string(i), [&] {
        try {
          flight.run("user:7", [&]() -> int {
            loads.fetch_add(1);
            wait_until(ctx, [&] { return flight.waiting("user:7") == kCallers - 1; }, "the others wait");
            throw std::runtime_error("database down");
          });
        } catch (const std::runtime_error& e) {
          if (std::string(e.what()) == "database down") caught.fetch_add(1);
        }
      });
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(loads.load(), 1);
  EXPECT_EQ(caught.load(), kCallers);
}

TEST(Singleflight, DifferentKeysRunSeparately) {
  // Key a's fn waits until key b's call has completed: if keys were
  // serialised, this would deadlock (and the watchdog would say so).
  Flight::Result a{0, false, false}, b{0, false, false};
  const Trace trace = run_workload("two-keys", [&](RunContext& ctx) {
    Flight flight("Users.flight");
    WaitGroup b_done("b.done");
    b_done.add(1);
    ctx.go("caller-a", [&] {
      a = flight.run("a", [&] {
        b_done.wait();
        return 1;
      });
    });
    ctx.go("caller-b", [&] {
      b = flight.run("b", [] { return 2; });
      b_done.done();
    });
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(a.value, 1);
  EXPECT_EQ(b.value, 2);
  EXPECT_TRUE(a.leader && b.leader);
  EXPECT_FALSE(a.shared || b.shared);
}

TEST(Singleflight, TheKeyIsForgottenWhenItsCallCompletes) {
  Flight flight("t.flight");
  int loads = 0;
  const auto first = flight.run("k", [&] { return ++loads; });
  const auto second = flight.run("k", [&] { return ++loads; });
  EXPECT_EQ(first.value, 1);
  EXPECT_EQ(second.value, 2);  // not a cache: fn ran again
  EXPECT_TRUE(first.leader && second.leader);
  EXPECT_FALSE(first.shared || second.shared);
  EXPECT_EQ(flight.waiting("k"), 0u);
}

TEST(Singleflight, ForgetLetsTheNextCallerRunFnWhileACallIsInFlight) {
  Flight::Result old_call{0, false, false}, fresh{0, false, false};
  const Trace trace = run_workload("forget", [&](RunContext& ctx) {
    Flight flight("Users.flight");
    WaitGroup fresh_done("fresh.done");
    fresh_done.add(1);
    std::atomic<bool> in_flight{false};
    ctx.go("slow", [&] {
      old_call = flight.run("k", [&] {
        in_flight = true;
        fresh_done.wait();  // only returns after the fresh call completed
        return 1;
      });
    });
    wait_until(ctx, [&] { return in_flight.load(); }, "the first call runs");
    flight.forget("k");
    fresh = flight.run("k", [] { return 2; });
    fresh_done.done();
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(old_call.value, 1);
  EXPECT_EQ(fresh.value, 2);
  EXPECT_TRUE(fresh.leader);
}

TEST(Singleflight, RunForTheSameKeyInsideItsOwnFnIsASelfDeadlock) {
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("recursive-load", [](RunContext&) {
    Flight flight("Users.flight");
    flight.run("k", [&] { return flight.run("k", [] { return 1; }).value; });
  }, bounded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kSelfDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("Users.flight at singleflight_test.cpp:"), std::string::npos)
      << trace.verdict.summary;
}

TEST(Singleflight, ALoadThatNeverEndsLeavesItsWaitersToTheWatchdog) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("stuck-load", [](RunContext& ctx) {
    Flight flight("Users.flight");
    WaitGroup never("never.wg");
    never.add(1);
    for (int i = 0; i < 3; ++i)
      ctx.go("caller-" + std::to_string(i), [&] {
        flight.run("k", [&] {
          never.wait();
          return 0;
        });
      });
    // Join only once everyone is parked: a thread the OS has not run yet is
    // not blocked, and the watchdog would rightly say "no progress" instead.
    wait_until(ctx, [&] { return never.waiters() == 1 && flight.waiting("k") == 2; }, "all three are parked");
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary << "\n" << trace.verdict.detail;
  EXPECT_NE(trace.verdict.detail.find("waiting for the call in flight on Users.flight at singleflight_test.cpp:"),
            std::string::npos)
      << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab
