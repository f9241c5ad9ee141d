// What the lanes' tooltips say (issue 20 item 7), with the mouse moved over
// a lane in whole frames: a reader queued behind a pending writer is told
// so, with the writer's name, never that the lock is "free this instant";
// a plain Mutex wait carries no "(write)", an RWMutex's does.
#include <gtest/gtest.h>

#include <algorithm>

#include "app_fixture.h"
#include "app_user.h"
#include "deadlock_trace.h"
#include "loaded_run.h"
#include "small_trace.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

class TooltipTest : public testing::AppTest {
 protected:
  TooltipTest() : AppTest("locklab-viz-tooltip-") {}
  testing::AppUser user(VizApp& app) {
    return testing::AppUser(app, [this, &app] { draw(app); });
  }
  /// The tooltip's text with the mouse over `lane` of `slot` at time t ("" if none).
  std::string hover(VizApp& app, testing::AppUser& u, int slot, std::size_t lane, double t_ns) {
    const RunBlockLayout& b = app.state().timelines.runs[static_cast<std::size_t>(slot)];
    EXPECT_LT(lane, b.lane.size());
    if (lane >= b.lane.size()) return {};
    const float x = app.state().view.x_of(t_ns, b.lanes.x, b.lanes.w);
    u.move_to(x, b.lane[lane].y + b.lane[lane].h / 2);
    u.frame();
    const ItemRect* tip = u.find("tooltip/lane");
    return tip ? tip->text : std::string();
  }
};

TEST_F(TooltipTest, AReaderQueuedBehindAPendingWriterIsToldWhichWriterNotThatTheLockIsFree) {
  VizApp app(options());
  testing::AppUser u = user(app);
  const RunModelPtr model = std::make_shared<const RunModel>(testing::deadlock_trace());
  app.show_run(make_loaded_run(testing::deadlock_trace()), 0);
  u.frame();
  const std::size_t reader = model->lane_of(1), writer = model->lane_of(2);
  const std::string r = hover(app, u, 0, reader, 20.7e6);
  ASSERT_NE(r.find("reader-0: "), std::string::npos) << r;
  EXPECT_EQ(r.find("free this instant"), std::string::npos) << r;
  EXPECT_NE(r.find("on Ledger.mu (read)"), std::string::npos) << r;
  EXPECT_NE(r.find("queued behind the pending writer writer-0"), std::string::npos) << r;
  EXPECT_NE(r.find("this thread already holds it (read)"), std::string::npos) << r;
  // The writer waits for the read lock the reader holds.
  const std::string w = hover(app, u, 0, writer, 20.7e6);
  EXPECT_NE(w.find("on Ledger.mu (write)"), std::string::npos) << w;
  EXPECT_NE(w.find("held by reader-0"), std::string::npos) << w;
  EXPECT_EQ(w.find("free this instant"), std::string::npos) << w;
}

TEST_F(TooltipTest, AReaderBehindTwoPendingWritersIsToldBothLongestWaitingFirst) {
  VizApp app(options());
  testing::AppUser u = user(app);
  Trace trace = testing::deadlock_trace();
  // A second writer asks at 20.3 ms, after writer-0 and before the reader.
  const auto at = std::find_if(trace.events.begin(), trace.events.end(), [](const Event& e) { return e.time > 20'200'000; });
  trace.events.insert(at, testing::trace_event(20'300'000, 3, EventKind::kLockWait, 1, 3, LockMode::kExclusive));
  trace.events.insert(trace.events.begin() + 2, testing::trace_event(0, 3, EventKind::kThreadStart));
  trace.threads.push_back(testing::trace_thread(3, "writer-1", testing::kDeadlockAtNs));
  const RunModel model(trace);
  app.show_run(make_loaded_run(trace), 0);
  u.frame();
  const std::string r = hover(app, u, 0, model.lane_of(1), 20.7e6);
  EXPECT_NE(r.find("queued behind 2 pending writers: writer-0 (waiting to write-lock since 20.2 ms, at buggy.cpp:20 "
                   "(Post)), writer-1 (since 20.3 ms): no new reader gets in while a writer waits"),
            std::string::npos)
      << r;
}

TEST_F(TooltipTest, APlainMutexWaitIsNotLabelledWrite) {
  VizApp app(options());
  testing::AppUser u = user(app);
  const Trace trace = testing::small_trace();
  const RunModel model(trace);
  app.show_run(make_loaded_run(trace), 0);
  u.frame();
  const std::string t = hover(app, u, 0, model.lane_of(2), 700);  // the loader waits for Store.mu
  ASSERT_NE(t.find("loader: "), std::string::npos) << t;
  EXPECT_NE(t.find("on Store.mu\n"), std::string::npos) << t;
  EXPECT_EQ(t.find("(write)"), std::string::npos) << t;
  EXPECT_NE(t.find("held by saver"), std::string::npos) << t;
}

}  // namespace
}  // namespace locklab::viz
