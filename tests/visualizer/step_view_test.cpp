// The step view headless: opening it on a bug with a challenge, stepping
// through the app (the timelines follow every step: the run so far above,
// the run continued with no more preemptions below), a bad step as the
// panel's error, the words of the thread buttons, closing it.
#include <gtest/gtest.h>

#include <filesystem>

#include "app_fixture.h"
#include "step_text.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

class StepViewTest : public testing::AppTest {
 protected:
  StepViewTest() : AppTest("locklab-step-view-test-") {}
};

TEST_F(StepViewTest, StepsFillTheTimelinesAndTheGoalIsReached) {
  VizApp app(options());
  app.select_bug("recursive-rlock");
  app.start_step();
  ASSERT_TRUE(app.step_ui().active());
  ASSERT_NE(app.step_ui().session->challenge(), nullptr);
  draw(app);
  std::size_t events = app.state().slots[0].run.model->trace().events.size();
  for (const std::uint16_t id : {1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 2, 3}) {
    app.step_do([id](sched::StepSession& s) { s.step(id); });
    ASSERT_TRUE(app.step_ui().error.empty()) << app.step_ui().error;
    draw(app);
    const Trace& now = app.state().slots[0].run.model->trace();
    EXPECT_GE(now.events.size(), events);
    events = now.events.size();
    ASSERT_TRUE(app.state().slots[1].run.ok());
  }
  EXPECT_TRUE(app.step_ui().session->goal().reached);
  EXPECT_EQ(app.state().slots[0].run.model->trace().verdict.kind, VerdictKind::kDeadlock);
  EXPECT_EQ(app.state().jump.file, "buggy.cpp") << "the source follows the latest step";
}

TEST_F(StepViewTest, ABadStepIsThePanelsErrorAndChangesNothing) {
  VizApp app(options());
  app.select_bug("recursive-rlock");
  app.start_step();
  app.step_do([](sched::StepSession& s) { s.step(5); });
  EXPECT_EQ(app.step_ui().error, "there is no thread T5 (threads that can step: T1 (main))");
  EXPECT_TRUE(app.step_ui().session->picks().empty());
  draw(app);
  app.stop_step();
  EXPECT_FALSE(app.step_ui().active());
  draw(app);
}

TEST_F(StepViewTest, AnUnknownGoalIsAMessageAndTheViewStaysClosed) {
  VizApp app(options());
  app.select_bug("recursive-rlock");
  app.start_step("", "win");
  EXPECT_FALSE(app.step_ui().active());
  ASSERT_FALSE(app.state().messages.empty());
  EXPECT_EQ(app.state().messages.back().text, "no goal 'win' for recursive-rlock");
}

TEST(StepText, ButtonsSayWhoDoesWhatWhereAndWhatTheyHold) {
  const BugInfo* bug = Catalogue::get().find("recursive-rlock");
  ASSERT_NE(bug, nullptr);
  const sched::Challenge* c = sched::find_challenge("recursive-rlock", "deadlock");
  ASSERT_NE(c, nullptr);
  sched::StepSession s(*bug, *c);
  s.play({1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 2});
  const sched::StepThread* reader = nullptr;
  for (const sched::StepThread* t : s.runnable())
    if (t->name == "reader-0") reader = t;
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(step_button_label(*reader), "T3 reader-0: read-lock Ledger.mu");
  EXPECT_EQ(step_holds_label(*reader).rfind("holds Ledger.mu for reading (buggy.cpp:", 0), 0u)
      << step_holds_label(*reader);
  const std::string line = step_line_label(*bug, reader->next_site);
  EXPECT_EQ(line.rfind("buggy.cpp:", 0), 0u) << line;
  EXPECT_NE(line.find("mu_"), std::string::npos) << line;
}

TEST_F(StepViewTest, ASavedScheduleOpensWithEveryStepTaken) {
  sched::Schedule saved;
  {
    VizApp app(options());
    app.select_bug("recursive-rlock");
    app.start_step();
    ASSERT_TRUE(app.step_ui().active());
    for (const std::uint16_t id : {1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 2, 3})
      app.step_do([id](sched::StepSession& s) { s.step(id); });
    ASSERT_TRUE(app.step_ui().session->goal().reached);
    saved = app.step_ui().session->schedule();
  }
  VizApp app(options());
  app.start_step_schedule(saved);
  ASSERT_TRUE(app.step_ui().active());
  EXPECT_TRUE(app.step_ui().error.empty()) << app.step_ui().error;
  EXPECT_EQ(app.state().bug, "recursive-rlock");
  EXPECT_EQ(app.step_ui().session->picks(), saved.steps);
  EXPECT_EQ(app.step_ui().notice, "replayed all 12 steps of the schedule");
  draw(app);
  EXPECT_EQ(app.state().slots[0].run.model->trace().verdict.kind, VerdictKind::kDeadlock);
}

TEST_F(StepViewTest, AScheduleThatDivergesStopsWhereItDoes) {
  sched::Schedule s;
  s.bug = "recursive-rlock";
  s.variant = "buggy";
  s.steps = {1, 9};
  VizApp app(options());
  app.start_step_schedule(s);
  ASSERT_TRUE(app.step_ui().active());
  EXPECT_NE(app.step_ui().error.find("the schedule diverges at step 2 of 2"), std::string::npos)
      << app.step_ui().error;
  EXPECT_EQ(app.step_ui().session->picks().size(), 1u);  // the steps before it stay taken
}

TEST_F(StepViewTest, AScheduleForABugNotInTheCatalogueIsAMessage) {
  sched::Schedule s;
  s.bug = "no-such-bug";
  s.steps = {1};
  VizApp app(options());
  app.start_step_schedule(s);
  EXPECT_FALSE(app.step_ui().active());
}

}  // namespace
}  // namespace locklab::viz
