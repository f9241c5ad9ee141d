// The runner: runs a workload on named lab threads, ends every run with a
// verdict, never hangs.
#include "locklab/run/runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "lab_threads.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/work.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sched/controlled.h"
#include "locklab/sched/strategies/random_walk.h"
#include <memory>
#include <stdexcept>

namespace locklab {
namespace {

using namespace std::chrono_literals;

TEST(Runner, AWorkloadThatEndsCompletesWithItsMetadata) {
  RunConfig c;
  c.threads = 3;
  c.duration_ms = 200;
  c.seed = 42;
  c.params["size"] = "7";
  const Trace trace = run_workload("plain", [](RunContext& ctx) {
    EXPECT_EQ(ctx.param_int("size"), 7);
    const auto op = ctx.op("Work");
    for (unsigned i = 0; i < ctx.threads(); ++i)
      ctx.go("w" + std::to_string(i), [&] {
        while (ctx.running()) ctx.timed(op, [] { sleep_for(1ms); });
      });
    ctx.join_all();
  }, c);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kCompleted);
  EXPECT_EQ(trace.info.bug, "plain");
  EXPECT_EQ(trace.info.seed, 42u);
  EXPECT_EQ(trace.info.threads, 3u);
  EXPECT_EQ(trace.info.params.at("size"), "7");
  EXPECT_GE(trace.duration_ns, 200'000'000u);
  EXPECT_GT(trace.total_items(), 10u);  // 3 threads x ~1 ms operations for 200 ms (a loaded machine does fewer)
  EXPECT_FALSE(trace.progress.empty());
  EXPECT_EQ(trace.threads.size(), 4u);  // main + 3 workers
}

TEST(Runner, AThreadThatThrowsEndsTheRunWithAnError) {
  RunConfig c;
  c.threads = 1;
  c.duration_ms = 10'000;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("throws", [](RunContext& ctx) {
    Mutex mu("t.mu");
    ctx.go("bad", [] { throw std::runtime_error("disk on fire"); });
    ctx.go("good", [&] {
      while (ctx.running()) MutexLock l(mu);
    });
    ctx.join_all();
  }, c);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kError);
  EXPECT_NE(trace.verdict.summary.find("bad: disk on fire"), std::string::npos) << trace.verdict.summary;
}

TEST(Runner, ThreadsStillBlockedAfterTheEndAreReportedAsADeadlock) {
  RunConfig c;
  c.threads = 1;
  c.duration_ms = 100;   // shorter than the watchdog
  c.watchdog_ms = 300;
  // Never unlocks on purpose (opted out of -Wthread-safety): the stuck
  // caller is what the test checks.
  const Trace trace = run_workload("stuck-at-end", [](RunContext& ctx) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Mutex mu("Store.mu");
    mu.lock();  // main never unlocks it
    ctx.go("caller", [&] { MutexLock l(mu); });
    ctx.join_all();
  }, c);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting to lock Store.mu"), std::string::npos)
      << trace.verdict.detail;
}

TEST(Runner, ALongIoIsNotMistakenForADeadlock) {
  RunConfig c;
  c.threads = 1;
  c.duration_ms = 50;
  c.watchdog_ms = 100;
  const Trace trace = run_workload("slow-io", [](RunContext& ctx) {
    Mutex mu("t.mu");
    ctx.go("persist", [&] {
      MutexLock l(mu);
      io(400ms);  // four watchdog periods of I/O: slow, not stuck
    });
    ctx.join_all();
  }, c);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
}

TEST(Runner, BadConfigurationsAreRejectedWithAReason) {
  const auto noop = [](RunContext&) {};
  RunConfig c;
  c.threads = 0;
  c.duration_ms = 100;
  EXPECT_THROW(run_workload("x", noop, c), ConfigError);
  c.threads = kMaxThreads + 1;
  EXPECT_THROW(run_workload("x", noop, c), ConfigError);
  c.threads = 1;
  c.duration_ms = 0;
  EXPECT_THROW(run_workload("x", noop, c), ConfigError);
  c.duration_ms = 100;
  c.params["k"] = "abc";
  try {
    run_workload("x", noop, c);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "parameter k: 'abc' is not a number");
  }
}

BugInfo test_bug() {
  BugInfo b;
  b.id = "test-bug";
  b.params = {ParamSpec{"io_ms", "ms", 20, 1, 1000, true}, ParamSpec{"ratio", "", 0.5, 0, 1, false}};
  return b;
}

TEST(Runner, ResolveParamsFillsDefaultsAndChecksEachValue) {
  const BugInfo bug = test_bug();
  RunConfig c;
  auto values = resolve_params(bug, c);
  EXPECT_EQ(values.at("io_ms"), 20);
  EXPECT_EQ(values.at("ratio"), 0.5);
  c.params = {{"io_ms", "5"}, {"ratio", "0.25"}};
  values = resolve_params(bug, c);
  EXPECT_EQ(values.at("io_ms"), 5);
  EXPECT_EQ(values.at("ratio"), 0.25);

  auto error_of = [&](std::map<std::string, std::string> p) -> std::string {
    RunConfig bad;
    bad.params = std::move(p);
    try {
      resolve_params(bug, bad);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of({{"nope", "1"}}), "unknown parameter 'nope' for test-bug (known: io_ms, ratio)");
  EXPECT_EQ(error_of({{"io_ms", "x"}}), "parameter io_ms: 'x' is not a number");
  EXPECT_EQ(error_of({{"io_ms", "2.5"}}), "parameter io_ms: '2.5' must be a whole number");
  EXPECT_EQ(error_of({{"io_ms", "0"}}), "parameter io_ms = 0 is out of range [1, 1000]");
  EXPECT_EQ(error_of({{"io_ms", "1e9"}}), "parameter io_ms = 1e9 is out of range [1, 1000]");
  EXPECT_EQ(error_of({{"io_ms", "12abc"}}), "parameter io_ms: '12abc' is not a number");
  EXPECT_EQ(error_of({{"ratio", "nan"}}), "parameter ratio: 'nan' is not a number");
}

}  // namespace
}  // namespace locklab

namespace locklab {
namespace {

// Main blocked outside join_all: a cancellation unwinds it, and JoinAtExit
// keeps its state alive until every worker has ended.
std::atomic<int> g_step{0};
int g_worker_done = 0, g_state_gone = 0;
struct MainState {
  ~MainState() { g_state_gone = ++g_step; }
};

TEST(Runner, JoinAtExitKeepsMainsStateAliveUntilTheWorkersEnd) {
  RunConfig c = testing::bounded(1);
  c.watchdog_ms = 200;
  const Trace t = run_workload("unwinding-main", [](RunContext& ctx) {
    MainState state;
    Chan<int> never("never");
    JoinAtExit join(ctx);
    ctx.go("worker", [&] {
      try {
        never.recv();
      } catch (const Cancelled&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));  // still using main's state
        g_worker_done = ++g_step;
        throw;
      }
    });
    never.recv();  // main blocks here: nobody sends, so the run deadlocks and is cancelled
  }, c);
  EXPECT_EQ(t.verdict.kind, VerdictKind::kDeadlock);
  EXPECT_GT(g_worker_done, 0);
  EXPECT_LT(g_worker_done, g_state_gone) << "main's state was destroyed while the worker still ran";
}

}  // namespace
}  // namespace locklab

// ---- one run skeleton, exact settings, any number of threads and locks ----

namespace locklab {
namespace {

RunConfig tiny_config() {
  RunConfig c;
  c.threads = 1;
  c.duration_ms = 50;
  return c;
}

TEST(RunSkeleton, AParameterKeepsItsExactValueThroughTheRun) {
  RunConfig c = tiny_config();
  c.params["tiny"] = "1e-7";
  c.params["third"] = "0.1";
  double seen_tiny = -1, seen_third = -1;
  const Trace trace = run_workload("exact", [&](RunContext& ctx) {
    seen_tiny = ctx.param("tiny");
    seen_third = ctx.param("third");
  }, c);
  EXPECT_EQ(seen_tiny, 1e-7);  // six-decimal text made it 0
  EXPECT_EQ(seen_third, 0.1);
  EXPECT_EQ(std::stod(trace.info.params.at("tiny")), 1e-7) << trace.info.params.at("tiny");
  EXPECT_EQ(trace.info.params.at("third"), "0.1");
}

TEST(RunSkeleton, AParameterWithTrailingTextIsRefusedAsTheCliRefusesIt) {
  for (const std::string bad : {"12abc", "0x10", "1e999", ""}) {
    RunConfig c = tiny_config();
    c.params["k"] = bad;
    EXPECT_THROW(run_workload("x", [](RunContext&) {}, c), ConfigError) << "'" << bad << "'";
  }
}

TEST(RunSkeleton, TheControlledDriverRefusesTheSameSettingsAsTheRealOne) {
  const auto refuse = [](RunContext& ctx) {
    if (ctx.threads() < 2) throw std::invalid_argument("needs two threads");
  };
  RunConfig c = tiny_config();
  const Trace real = run_workload("refuses", refuse, c);
  EXPECT_EQ(real.verdict.settings_error, "needs two threads");
  sched::RandomWalk walk(1);
  try {
    (void)sched::run_workload_controlled("refuses", refuse, c, walk);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "needs two threads");
  }
}

// Locks taken and released in loops over a vector: clang's -Wthread-safety
// cannot follow a lock per element, so this one body opts out (the loops are
// the point of the test).
void lock_every_shard_then_release_all() LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
  std::vector<std::unique_ptr<RWMutex>> shards;
  std::vector<std::unique_ptr<Mutex>> locks;
  for (int i = 0; i < 32; ++i) {
    shards.push_back(std::make_unique<RWMutex>("shard-" + std::to_string(i)));
    locks.push_back(std::make_unique<Mutex>("lock-" + std::to_string(i)));
  }
  for (auto& s : shards) s->lock_shared();
  for (auto& m : locks) m->lock();
  EXPECT_EQ(Runtime::self().held_snapshot().size(), 64u);
  for (auto& m : locks) m->unlock();  // oldest first: the held list closes its gaps
  for (auto it = shards.rbegin(); it != shards.rend(); ++it) (*it)->unlock_shared();
  EXPECT_TRUE(Runtime::self().held_snapshot().empty());
}

TEST(RunSkeleton, AThreadMayHoldThirtyTwoLocksAndReleaseThemAll) {
  // Locking every shard of a 32-shard map for a consistent snapshot: the
  // 17th unlock used to abort with "not read-locked" for a held lock.
  const Trace trace = run_workload("snapshot", [](RunContext&) { lock_every_shard_then_release_all(); }, tiny_config());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
}

TEST(RunSkeleton, TakingMoreLocksThanTheLimitAbortsAtTheLockNamingTheLimit) {
  EXPECT_DEATH(
      {
        run_workload("too-deep", [](RunContext&) {
          std::vector<std::unique_ptr<Mutex>> locks;
          // try_lock: no lock-order edges, so the 1,025 locks are quick to take.
          for (int i = 0; i <= ThreadRecord::kMaxHeld; ++i) {
            locks.push_back(std::make_unique<Mutex>());
            (void)locks.back()->try_lock();
          }
        }, tiny_config());
      },
      "takes more than 1024 locks at once");
}

TEST(RunSkeleton, ARunThatStartsThirtyThousandShortThreadsInTurnCompletes) {
  // A thread per round: finished threads are joined as new ones start, so
  // their stacks and mappings do not pile up (about 28k used to exhaust the
  // process's mappings and abort the run).
  RunConfig c = tiny_config();
  c.duration_ms = 60'000;
  c.record = false;
  std::atomic<int> ran{0};
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOCKLAB_ROUNDS_UNDER_TSAN 1
#endif
#endif
#ifdef LOCKLAB_ROUNDS_UNDER_TSAN
  // ThreadSanitizer keeps per-thread state that ran out of mappings once in
  // a parallel tsan stage (errno 12), and 30,000 rounds take 55 s there.
  const int rounds = 5'000;
#else
  const int rounds = 30'000;
#endif
  const Trace trace = run_workload("rounds", [&](RunContext& ctx) {
    for (int i = 0; i < rounds; ++i) {
      ctx.go("round", [&] { ran.fetch_add(1, std::memory_order_relaxed); });
      ctx.join_all();
    }
  }, c);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(ran.load(), rounds);
}

}  // namespace
}  // namespace locklab

namespace locklab {
namespace {

TEST(RunSkeleton, CtxNowReadsVirtualTimeInAControlledRun) {
  // Workloads' deadlines use ctx.now(): in a controlled run a sleep takes
  // virtual time, so ten seconds of sleeping pass at once on the real clock.
  RunConfig c = tiny_config();
  c.duration_ms = 60'000;
  std::chrono::nanoseconds before{}, after{};
  sched::RandomWalk walk(1);
  const auto real_start = std::chrono::steady_clock::now();
  (void)sched::run_workload_controlled("virtual", [&](RunContext& ctx) {
    before = ctx.now();
    sleep_for(std::chrono::seconds(10));
    after = ctx.now();
  }, c, walk);
  const auto real = std::chrono::steady_clock::now() - real_start;
  EXPECT_GE(after - before, std::chrono::seconds(10));
  EXPECT_LT(real, std::chrono::seconds(5)) << "the sleep was real, not virtual";
}

TEST(RunSkeleton, CtxNowReadsRealTimeInARealRun) {
  std::chrono::nanoseconds before{}, after{};
  (void)run_workload("real", [&](RunContext& ctx) {
    before = ctx.now();
    sleep_for(std::chrono::milliseconds(5));
    after = ctx.now();
  }, tiny_config());
  EXPECT_GE(after - before, std::chrono::milliseconds(5));
}

}  // namespace
}  // namespace locklab
