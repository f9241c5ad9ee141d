// The step view says what is true (issue 20 item 4), opened with a click on
// lock-held-across-io (whose buggy run, beside a 40 ms real run, once drew
// no bars): no false "is not among this bug's sources" line, a badge at
// 0 steps that is not "completed", and no hover "X ended" over a thread
// that had not ended.
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "app_user.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

class StepViewTruthTest : public testing::AppTest {
 protected:
  StepViewTruthTest() : AppTest("locklab-viz-step-truth-") {}
  testing::AppUser user(VizApp& app) {
    return testing::AppUser(app, [this, &app] { draw(app); });
  }
};

bool any_message(const VizApp& app, const std::string& part) {
  for (const Message& m : app.state().messages)
    if (m.text.find(part) != std::string::npos) return true;
  return false;
}

TEST_F(StepViewTruthTest, OpeningItOnLockHeldAcrossIoSaysNothingFalse) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("bug/lock-held-across-io"));
  ASSERT_TRUE(u.click("button/Step..."));
  ASSERT_TRUE(app.step_ui().active());
  u.frame();
  EXPECT_FALSE(any_message(app, "is not among this bug's sources"));
  const ItemRect* badge = u.find("badge/verdict/0");
  ASSERT_NE(badge, nullptr) << u.names();
  EXPECT_NE(badge->text, "completed") << "no step taken yet: the run has not completed";
  // Eleven steps, each the first thread that can take one.
  for (int i = 0; i < 11; ++i) {
    app.step_do([](sched::StepSession& s) {
      const auto r = s.runnable();
      if (!r.empty()) s.step(r.front()->id);
    });
    ASSERT_TRUE(app.step_ui().error.empty()) << app.step_ui().error;
    u.frame();
  }
  EXPECT_FALSE(any_message(app, "is not among this bug's sources"));
  // Over every lane of the steps so far, at a few places: never "ended"
  // for a thread the session has not seen end.
  const RunModel& run = *app.state().slots[0].run.model;
  const RunBlockLayout& b = app.state().timelines.runs[0];
  for (std::size_t lane = 0; lane < b.lane.size() && lane < run.lanes().size(); ++lane) {
    for (const float f : {0.3f, 0.6f, 0.9f, 0.99f}) {
      u.move_to(b.lanes.x + b.lanes.w * f, b.lane[lane].y + b.lane[lane].h / 2);
      const ItemRect* tip = u.find("tooltip/lane");
      if (!tip || tip->text.find("\nended") == std::string::npos) continue;
      bool done = false;
      for (const sched::StepThread& t : app.step_ui().session->threads())
        if (t.id == run.lanes()[lane].thread) done = t.status == sched::StepThread::Status::kDone;
      EXPECT_TRUE(done) << "hover says ended: " << tip->text;
    }
  }
}

}  // namespace
}  // namespace locklab::viz
