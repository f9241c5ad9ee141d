// The visualizer survives the bugs it runs. Each run is the CLI in a child
// process (visualizer/ui/run_queue.h); here the CLI is locklab-crashlab,
// whose catalogue holds the crashing test-only bugs (tests/crashing/), so
// the children really segfault, abort, deadlock and hang. For each: the run
// is reported in words, and the same queue (or app) then runs another bug.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app_fixture.h"
#include "locklab/trace/verdict.h"
#include "run_queue.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

namespace fs = std::filesystem;

const std::string kCrashlab = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab-crashlab";

class CrashIsolationTest : public testing::AppTest {
 protected:
  CrashIsolationTest() : AppTest("locklab-crash-test-") {}
  static RunRequest request(const std::string& bug, const std::string& variant) {
    RunRequest r;
    r.bug = bug;
    r.variant = variant;
    r.slot = variant == "buggy" ? 0 : 1;
    r.duration_ms = 300;
    return r;
  }
  // Polls `q` until it is idle (at most `seconds`); poll() never blocks.
  static std::vector<RunOutcome> finish(RunQueue& q, double seconds = 60) {
    std::vector<RunOutcome> all;
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (q.busy() && std::chrono::steady_clock::now() < until) {
      const auto t0 = std::chrono::steady_clock::now();
      // `live` outcomes are the trace so far of a run still going; only the
      // final outcome of each run counts here.
      for (RunOutcome& o : q.poll())
        if (!o.live) all.push_back(std::move(o));
      EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(200)) << "poll() blocked";
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_FALSE(q.busy()) << "the queue is still busy after " << seconds << " s";
    return all;
  }
  // A crashing run, then the same bug's fixed variant through the same queue.
  std::vector<RunOutcome> crash_then_fixed(const std::string& bug, std::chrono::milliseconds margin = {}) {
    RunQueue q(kCrashlab, dir_.string());
    if (margin.count() > 0) q.set_bound_margin(margin);
    q.push(request(bug, "buggy"));
    q.push(request(bug, "fixed"));
    auto out = finish(q);
    EXPECT_EQ(out.size(), 2u);
    if (out.size() == 2) expect_completed(out[1]);
    return out;
  }
  static void expect_completed(const RunOutcome& o) {
    ASSERT_FALSE(o.failed) << o.message;
    ASSERT_TRUE(o.run.ok()) << o.message;
    EXPECT_EQ(o.run.model->trace().verdict.kind, VerdictKind::kCompleted);
  }
  static bool has_message(const VizApp& app, const std::string& needle, bool error) {
    for (const Message& m : app.state().messages)
      if (m.error == error && m.text.find(needle) != std::string::npos) return true;
    return false;
  }
};

TEST_F(CrashIsolationTest, ASegfaultIsReportedAsCrashedSigsegvAndTheNextRunWorks) {
  const auto out = crash_then_fixed("crash-segfault");
  ASSERT_FALSE(out.empty());
  EXPECT_TRUE(out[0].failed);
  EXPECT_NE(out[0].message.find("crash-segfault buggy: crashed with SIGSEGV after"), std::string::npos)
      << out[0].message;
  // The trace streams while a run goes: what the child wrote before it died
  // is shown, or the message says there is nothing.
  const bool partial = out[0].message.find("showing the trace so far") != std::string::npos;
  const bool none = out[0].message.find("it left no trace to show") != std::string::npos;
  EXPECT_TRUE(partial || none) << out[0].message;
}

TEST_F(CrashIsolationTest, AnAbortIsReportedAsAbortedAndTheNextRunWorks) {
  const auto out = crash_then_fixed("crash-abort");
  ASSERT_FALSE(out.empty());
  EXPECT_TRUE(out[0].failed);
  EXPECT_NE(out[0].message.find("crash-abort buggy: aborted with SIGABRT after"), std::string::npos)
      << out[0].message;
}

TEST_F(CrashIsolationTest, ALabDeadlockEndsWithADeadlockVerdictAndATrace) {
  const auto out = crash_then_fixed("crash-deadlock");
  ASSERT_FALSE(out.empty());
  ASSERT_TRUE(out[0].run.ok()) << out[0].message;
  const Trace& t = out[0].run.model->trace();
  EXPECT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << t.verdict.summary;
  EXPECT_NE(t.verdict.summary.find("lock-order inversion"), std::string::npos) << t.verdict.summary;
  EXPECT_NE(t.verdict.detail.find("Crashy.a"), std::string::npos) << t.verdict.detail;
}

TEST_F(CrashIsolationTest, AHangOutsideTheLabIsKilledPastItsBound) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto out = crash_then_fixed("crash-hang", std::chrono::milliseconds(1500));
  ASSERT_FALSE(out.empty());
  EXPECT_TRUE(out[0].failed);
  EXPECT_NE(out[0].message.find("crash-hang buggy: overran its bound"), std::string::npos) << out[0].message;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(30));
}

// The whole app, frame by frame: a crash is a message and an empty slot; the
// fix beside it runs; then another bug runs in both slots.
TEST_F(CrashIsolationTest, TheAppReportsACrashAndGoesOn) {
  AppOptions o;
  o.locklab = kCrashlab;
  o.work_dir = dir_.string();
  VizApp app(o);
  draw(app);
  app.select_bug("crash-segfault");
  app.state().controls.duration_ms = 300;
  app.run_both();
  EXPECT_TRUE(draw_until_idle(app, 60));
  EXPECT_TRUE(has_message(app, "crashed with SIGSEGV", true));
  EXPECT_NE(app.state().slots[0].message.find("crashed with SIGSEGV"), std::string::npos);
  ASSERT_TRUE(app.state().slots[1].run.ok());
  EXPECT_EQ(app.state().slots[1].run.model->trace().verdict.kind, VerdictKind::kCompleted);

  app.select_bug("crash-abort");
  app.state().controls.duration_ms = 300;
  app.run_both();
  EXPECT_TRUE(draw_until_idle(app, 60));
  EXPECT_TRUE(has_message(app, "aborted with SIGABRT", true));

  app.select_bug("lock-held-across-io");
  app.state().controls.duration_ms = 300;
  app.run_both();
  EXPECT_TRUE(draw_until_idle(app, 60));
  ASSERT_TRUE(app.state().slots[0].run.ok());
  ASSERT_TRUE(app.state().slots[1].run.ok());
  EXPECT_EQ(app.state().slots[0].run.model->trace().info.bug, "lock-held-across-io");
  EXPECT_GT(app.state().frame_rects, 0u);
}

}  // namespace
}  // namespace locklab::viz
