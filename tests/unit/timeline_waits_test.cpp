// Real runs through the analyses: every kind of wait shows on the timeline.
#include <gtest/gtest.h>

#include "lab_threads.h"
#include "locklab/analysis/analyses.h"
#include "locklab/run/runner.h"
#include "locklab/core/runtime.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using namespace std::chrono_literals;

TEST(TimelineWaits, AWaitGroupWaitIsABlockedInterval) {
  RunConfig c;
  c.threads = 1;
  c.duration_ms = 2000;
  c.watchdog_ms = 5000;
  const Trace trace = run_workload("wg", [](RunContext& ctx) {
    WaitGroup wg("jobs.wg");
    wg.add(1);
    ctx.go("worker", [&] {
      testing::wait_until_waiting_on("waiter", wg.id());
      wg.done();
    });
    ctx.go("waiter", [&] { wg.wait(); });
    ctx.join_all();
  }, c);
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  const Timelines tl = thread_timelines(trace);
  std::uint16_t waiter = 0;
  for (const TraceThread& t : trace.threads)
    if (t.name == "waiter") waiter = t.id;
  ASSERT_NE(waiter, 0);
  std::uint64_t blocked_ns = 0;
  for (const StateInterval& s : tl.states)
    if (s.thread == waiter && s.activity == Activity::kBlocked) {
      EXPECT_EQ(trace.object_text(s.object), "jobs.wg");
      blocked_ns += s.end_ns - s.begin_ns;
    }
  EXPECT_GT(blocked_ns, 0u) << "the waiter's wait must show as blocked, not running";
}

}  // namespace
}  // namespace locklab
