// The recorder: per-thread buffers, ordering, overflow accounting, and the
// switch that turns recording off.
#include <gtest/gtest.h>

#include <algorithm>

#include "locklab/sync/guards.h"
#include "locklab/run/runner.h"
#include "locklab/core/runtime.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using namespace std::chrono_literals;

RunConfig small_run() {
  RunConfig c;
  c.threads = 2;
  c.duration_ms = 2000;
  return c;
}

// Each worker does `pairs` lock/unlock pairs, then ends.
void lock_pairs(RunContext& ctx, int pairs) {
  Mutex mu("t.mu");
  for (unsigned w = 0; w < ctx.threads(); ++w)
    ctx.go("worker-" + std::to_string(w), [&] {
      for (int i = 0; i < pairs; ++i) MutexLock l(mu);
    });
  ctx.join_all();
}

TEST(Recorder, TraceEventsAreTimeOrderedAndEachThreadKeepsItsOwnOrder) {
  const Trace trace = run_workload("order", [](RunContext& ctx) { lock_pairs(ctx, 2000); }, small_run());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted);
  EXPECT_TRUE(std::is_sorted(trace.events.begin(), trace.events.end(),
                             [](const Event& a, const Event& b) { return a.time < b.time; }));
  // Per thread: acquire and release alternate, starting with an acquire.
  for (const TraceThread& t : trace.threads) {
    if (t.name.rfind("worker-", 0) != 0) continue;
    EventKind expect = EventKind::kLockAcquire;
    int pairs = 0;
    for (const Event& e : trace.events) {
      if (e.thread != t.id) continue;
      if (e.kind != EventKind::kLockAcquire && e.kind != EventKind::kLockRelease) continue;
      ASSERT_EQ(e.kind, expect) << t.name;
      if (expect == EventKind::kLockRelease) ++pairs;
      expect = expect == EventKind::kLockAcquire ? EventKind::kLockRelease : EventKind::kLockAcquire;
    }
    EXPECT_EQ(pairs, 2000) << t.name;
  }
  EXPECT_EQ(trace.dropped_events(), 0u);
}

TEST(Recorder, AFullBufferCountsEveryDroppedEventAndSaysWhatItCovers) {
  RunConfig c = small_run();
  c.events_per_thread = 100;
  const Trace trace = run_workload("overflow", [](RunContext& ctx) { lock_pairs(ctx, 5000); }, c);
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted);
  std::uint64_t workers = 0;
  for (const TraceThread& t : trace.threads) {
    if (t.name.rfind("worker-", 0) != 0) continue;
    ++workers;
    // Emitted: thread start + 5000 acquires + 5000 releases (+ any lock
    // waits) + thread end. Kept + dropped must account for all of them.
    std::uint64_t waits = 0;
    for (const CounterRow& r : trace.waits)
      if (r.thread == t.id) waits += r.count;
    EXPECT_EQ(t.events, 100u);
    EXPECT_EQ(t.events + t.dropped, 1u + 10'000u + waits + 1u) << t.name;
    EXPECT_LT(t.covered_until_ns, t.end_ns);
  }
  EXPECT_EQ(workers, 2u);
  EXPECT_GT(trace.dropped_events(), 19'000u);
}

TEST(Recorder, RecordingOffKeepsNoEventsButExactCounters) {
  RunConfig c = small_run();
  c.record = false;
  const Trace trace = run_workload("off", [](RunContext& ctx) {
    const auto op = ctx.op("Inc");
    Mutex mu("t.mu");
    for (unsigned w = 0; w < ctx.threads(); ++w)
      ctx.go("worker-" + std::to_string(w), [&] {
        for (int i = 0; i < 1000; ++i) ctx.timed(op, [&] { MutexLock l(mu); });
      });
    ctx.join_all();
  }, c);
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted);
  EXPECT_TRUE(trace.events.empty());
  EXPECT_EQ(trace.total_items(), 2000u);
  std::uint64_t timed = 0;
  for (const LatencyRecord& l : trace.latencies) timed += l.histogram.count();
  EXPECT_EQ(timed, 2000u);
  EXPECT_FALSE(trace.info.recording);
}

TEST(Recorder, TraceNamesThreadsObjectsAndSites) {
  const Trace trace = run_workload("names", [](RunContext& ctx) {
    Mutex mu("Store.mu");
    ctx.go("saver", [&] { MutexLock l(mu); io(1ms); });
    ctx.join_all();
  }, small_run());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted);
  bool saw_saver = false, saw_main = false;
  for (const TraceThread& t : trace.threads) {
    saw_saver |= t.name == "saver";
    saw_main |= t.name == "main";
  }
  EXPECT_TRUE(saw_saver && saw_main);
  bool saw_object = false;
  for (const ObjectInfo& o : trace.objects) saw_object |= o.name == "Store.mu" && o.kind == ObjectKind::kMutex;
  EXPECT_TRUE(saw_object);
  bool io_recorded = false;
  for (const Event& e : trace.events)
    if (e.kind == EventKind::kIoBegin) {
      io_recorded = true;
      EXPECT_EQ(e.arg, 1'000'000u);
      EXPECT_NE(trace.site_text(static_cast<std::uint32_t>(e.site)).find("recorder_test.cpp"), std::string::npos);
    }
  EXPECT_TRUE(io_recorded);
}

}  // namespace
}  // namespace locklab
