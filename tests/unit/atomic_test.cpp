// Atomic<T>: std::atomic's results, each operation an event with its value,
// and each a scheduling point, so the controlled scheduler finds the lost
// update of a load-then-store increment and never one of fetch_add.
#include "locklab/sync/atomic.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "lab_threads.h"
#include "locklab/run/runner.h"
#include "locklab/sched/controlled.h"
#include "locklab/sched/strategies/dfs.h"
#include "locklab/sched/strategies/random_walk.h"
#include "sched_kernels.h"

namespace locklab::atomic_test {
namespace {

TEST(Atomic, OperationsGiveStdAtomicsResults) {
  Atomic<int> a("t.a", 5);
  EXPECT_EQ(a.load(), 5);
  a.store(7);
  EXPECT_EQ(a.exchange(9), 7);
  int expected = 1;
  EXPECT_FALSE(a.compare_exchange_strong(expected, 3));
  EXPECT_EQ(expected, 9);
  EXPECT_TRUE(a.compare_exchange_strong(expected, 3));
  EXPECT_EQ(a.fetch_add(4), 3);
  EXPECT_EQ(a.fetch_sub(2, std::memory_order_relaxed), 7);
  EXPECT_EQ(a.fetch_or(8), 5);
  EXPECT_EQ(a.fetch_and(12), 13);
  EXPECT_EQ(a.fetch_xor(1), 12);
  EXPECT_EQ(a.load(std::memory_order_acquire), 13);
  Atomic<bool> flag("t.flag");
  EXPECT_FALSE(flag.load()) << "the name is not an initial value";
  bool no = false;
  while (!flag.compare_exchange_weak(no, true)) no = false;
  EXPECT_TRUE(flag.load());
}

TEST(Atomic, EveryOperationIsAnEventWithItsValue) {
  std::uint32_t id = 0;
  const Trace t = run_workload("atomic-events", [&](RunContext&) {
    Atomic<std::uint64_t> hits("Stats.hits", 41);
    id = hits.id();
    const std::uint64_t seen = hits.load();
    hits.store(seen + 1);
    hits.fetch_add(10);
  }, testing::bounded(1));
  ASSERT_EQ(t.verdict.kind, VerdictKind::kCompleted) << t.verdict.summary;
  std::vector<std::pair<EventKind, std::uint64_t>> seen;
  for (const Event& e : t.events)
    if (e.object == id) seen.push_back({e.kind, e.arg});
  const std::vector<std::pair<EventKind, std::uint64_t>> want = {
      {EventKind::kAtomicLoad, 41}, {EventKind::kAtomicStore, 42}, {EventKind::kAtomicStore, 52}};
  EXPECT_EQ(seen, want);
  ASSERT_NE(t.object(id), nullptr);
  EXPECT_EQ(t.object(id)->name, "Stats.hits");
}

// Two threads increment one counter twice each; the result says how many
// increments survived.
struct Outcome {
  std::uint64_t count = 0;
  std::uint64_t steps = 0;
};
Outcome two_incrementers(const std::string& how, sched::Strategy& s) {
  std::uint64_t result = 0;
  const auto run = sched::run_workload_controlled("increments", [&](RunContext& ctx) {
    Atomic<std::uint64_t> count("count");
    auto inc = [&] {
      for (int i = 0; i < 2; ++i) {
        if (how == "load-store") {
          const std::uint64_t v = count.load();
          count.store(v + 1);
        } else {
          count.fetch_add(1);
        }
      }
    };
    ctx.go("a", inc);
    ctx.go("b", inc);
    ctx.join_all();
    result = count.load();
  }, test_kernels::kernel_config(2), s);
  EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kCompleted) << run.trace.verdict.summary;
  return {result, run.steps.size()};
}

TEST(Atomic, TheSchedulerFindsTheLostUpdateOfALoadThenStore) {
  sched::Dfs dfs(1);
  bool lost = false;
  int schedules = 0;
  while (dfs.next_schedule() && schedules < 200) {
    ++schedules;
    const Outcome o = two_incrementers("load-store", dfs);
    dfs.end_schedule(o.steps);
    if (o.count < 4) lost = true;
    if (lost) break;
  }
  EXPECT_TRUE(lost) << "no lost update in " << schedules << " schedules with one preemption";
}

TEST(Atomic, FetchAddLosesNothingInAnySchedule) {
  sched::Dfs dfs(2);
  int schedules = 0;
  while (dfs.next_schedule() && schedules < 2000) {
    ++schedules;
    const Outcome o = two_incrementers("fetch-add", dfs);
    dfs.end_schedule(o.steps);
    EXPECT_EQ(o.count, 4u) << "schedule " << schedules;
  }
  EXPECT_GT(schedules, 1);
}

}  // namespace
}  // namespace locklab::atomic_test
