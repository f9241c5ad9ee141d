// Framing the symptom (issue 20 item 2): a run that ends in a deadlock opens
// zoomed on the moment it stopped, the verdict's words beside its marker
// line, without a hand on the zoom; a view zoomed by hand is left alone; a
// completed run is not framed. The last test is the acceptance: from a
// fresh start, choose recursive-rlock, press Run both, and see the deadlock
// framed and explained.
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "app_user.h"
#include "deadlock_trace.h"
#include "loaded_run.h"
#include "imgui_fixture.h"
#include "symptom_frame.h"
#include "timeline_draw.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

class SymptomFrameTest : public testing::AppTest {
 protected:
  SymptomFrameTest() : AppTest("locklab-viz-symptom-") {}
  testing::AppUser user(VizApp& app) {
    return testing::AppUser(app, [this, &app] { draw(app); });
  }
};

TEST(SymptomWindow, FramesTheOpenWaitsUpToTheVerdictWithRoomAfterIt) {
  const RunModel run(testing::deadlock_trace());
  const auto w = symptom_window(run);
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->at_ns, 21e6);
  // The writer's wait (from 20.2 ms) is the earliest one still open.
  EXPECT_LT(w->begin_ns, 20.2e6);
  EXPECT_GT(w->begin_ns, 19e6);
  EXPECT_GT(w->end_ns, 21e6);
  const double at_share = (w->at_ns - w->begin_ns) / (w->end_ns - w->begin_ns);
  EXPECT_GT(at_share, 0.55);
  EXPECT_LT(at_share, 0.75);
  EXPECT_FALSE(symptom_window(RunModel(testing::long_fixed_trace())).has_value());
}

class SymptomWordsTest : public testing::ImGuiTest {};

// A short block (few lanes, a small window) keeps the words inside it: the
// box never runs past the block, and words that do not fit end in "...".
TEST_F(SymptomWordsTest, TheWordsStayInsideAShortBlockAndEndInDotsWhenCut) {
  const RunModel run(testing::deadlock_trace());
  TimeView view;
  view.set_extent(run.duration_ns());
  const auto w = symptom_window(run);
  ASSERT_TRUE(w.has_value());
  view.show(w->begin_ns, w->end_ns);
  begin_frame();
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  const TimelineLayout tall = layout_timelines(Rect{0, 0, 1200, 900}, run.lanes().size(), 0);
  const SymptomLabel whole = draw_symptom_words(dl, run, tall.runs[0], view);
  ASSERT_TRUE(whole.drawn);
  EXPECT_EQ(whole.words.find("..."), std::string::npos) << whole.words;
  const TimelineLayout t = layout_timelines(Rect{0, 0, 640, 200}, run.lanes().size(), 0);
  const RunBlockLayout& b = t.runs[0];
  const SymptomLabel cut = draw_symptom_words(dl, run, b, view);
  ASSERT_TRUE(cut.drawn);
  EXPECT_LE(cut.rect.bottom(), std::max(b.chart.bottom(), b.lanes.bottom()) + 0.5f);
  EXPECT_GE(cut.rect.y, b.lanes.y);
  EXPECT_LT(cut.words.size(), whole.words.size());
  EXPECT_EQ(cut.words.substr(cut.words.size() - 3), "...") << cut.words;
}

TEST_F(SymptomFrameTest, ADeadlockOpensZoomedOnTheMomentItStoppedWithTheVerdictsWordsThere) {
  VizApp app(options());
  testing::AppUser u = user(app);
  app.show_run(make_loaded_run(testing::deadlock_trace()), 0);
  app.show_run(make_loaded_run(testing::long_fixed_trace()), 1);
  u.frame();
  const TimeView& v = app.state().view;
  EXPECT_EQ(v.extent(), 1e9) << "the shared axis is the longer run's";
  EXPECT_LT(v.begin(), 20.2e6) << "the open waits are in view";
  EXPECT_GT(v.end(), 21e6) << "the verdict is in view";
  EXPECT_LT(v.span(), 5e6) << "zoomed: the 21 ms run is not a sliver of 1 s";
  const ItemRect* marker = u.find("marker/0");
  ASSERT_NE(marker, nullptr) << "no words at the verdict's line: " << u.names();
  EXPECT_NE(marker->text.find("deadlock at 21"), std::string::npos) << marker->text;
  // The verdict's words: its summary, then the wait cycle in words (not the
  // other blocked threads, which the Verdict tab lists).
  EXPECT_NE(marker->text.find("deadlock at 21 ms: recursive read locking (2 threads wait for each other)\nT2 (Post"),
            std::string::npos)
      << marker->text;
  EXPECT_NE(marker->text.find("is queued behind the pending writer T2: recursive read locking."), std::string::npos)
      << marker->text;
  EXPECT_EQ(marker->text.find("the other blocked threads"), std::string::npos) << marker->text;
  // Beside the line, inside the buggy run's lanes.
  const RunBlockLayout& b = app.state().timelines.runs[0];
  const float x = v.x_of(21e6, b.lanes.x, b.lanes.w);
  EXPECT_LE(std::abs(marker->rect.x - x), 10.0f) << "the words start at the line";
  EXPECT_GE(marker->rect.y, b.lanes.y);
  EXPECT_LE(marker->rect.right(), b.lanes.right() + 0.5f);
  EXPECT_EQ(u.find("marker/1"), nullptr) << "the completed fix has no marker";
}

TEST_F(SymptomFrameTest, AViewZoomedByHandIsLeftWhereTheUserPutIt) {
  VizApp app(options());
  testing::AppUser u = user(app);
  app.show_run(make_loaded_run(testing::long_fixed_trace()), 1);
  u.frame();
  const RunBlockLayout& b = app.state().timelines.runs[1];
  u.move_to(b.lanes.x + b.lanes.w * 0.8f, b.lanes.y + 4);
  u.wheel(3);
  const double begin = app.state().view.begin(), end = app.state().view.end();
  ASSERT_FALSE(app.state().view.fitted());
  app.show_run(make_loaded_run(testing::deadlock_trace()), 0);
  u.frame();
  EXPECT_EQ(app.state().view.begin(), begin);
  EXPECT_EQ(app.state().view.end(), end);
}

TEST_F(SymptomFrameTest, ACompletedRunKeepsTheWholeAxis) {
  VizApp app(options());
  testing::AppUser u = user(app);
  app.show_run(make_loaded_run(testing::long_fixed_trace()), 1);
  u.frame();
  EXPECT_TRUE(app.state().view.fitted());
  EXPECT_EQ(u.find("marker/1"), nullptr);
}

// The acceptance of item 2, on real runs through the real CLI: from a fresh
// start, click recursive-rlock, press Run both, touch nothing else.
// recursive-rlock's buggy run deadlocks in nearly every run at its defaults;
// a run that got lucky is run again (at most three tries).
TEST_F(SymptomFrameTest, ChoosingRecursiveRlockAndPressingRunBothShowsTheDeadlockFramedAndExplained) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("bug/recursive-rlock"));
  bool deadlocked = false;
  for (int attempt = 0; attempt < 3 && !deadlocked; ++attempt) {
    ASSERT_TRUE(u.click("button/Run both (R)"));
    ASSERT_TRUE(draw_until_idle(app, 100));
    const Slot& buggy = app.state().slots[0];
    ASSERT_TRUE(buggy.run.ok()) << buggy.message;
    deadlocked = buggy.run.model->trace().verdict.kind == VerdictKind::kDeadlock;
  }
  ASSERT_TRUE(deadlocked) << "the buggy run never deadlocked in three tries";
  const Slot& buggy = app.state().slots[0];
  ASSERT_TRUE(app.state().slots[1].run.ok()) << app.state().slots[1].message;
  const double at = static_cast<double>(buggy.run.model->trace().verdict.at_ns);
  const TimeView& v = app.state().view;
  EXPECT_LE(v.begin(), at);
  EXPECT_GE(v.end(), at);
  EXPECT_LT(v.span(), v.extent() / 4) << "framed, not the whole " << duration_text(v.extent());
  const ItemRect* marker = u.find("marker/0");
  ASSERT_NE(marker, nullptr) << u.names();
  EXPECT_NE(marker->text.find("deadlock at"), std::string::npos) << marker->text;
  EXPECT_NE(marker->text.find("recursive read locking"), std::string::npos) << marker->text;
  EXPECT_NE(marker->text.find("queued behind the pending writer"), std::string::npos) << marker->text;
  // The header's figure counts the waits that never ended.
  const ItemRect* figures = u.find("text/figures/0");
  ASSERT_NE(figures, nullptr) << u.names();
  EXPECT_EQ(figures->text.find("waiting 0.0%"), std::string::npos) << figures->text;
  EXPECT_NE(figures->text.find("never ended"), std::string::npos) << figures->text;
}

}  // namespace
}  // namespace locklab::viz
