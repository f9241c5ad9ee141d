// How a run's header says it ended (core/run_badges.h, drawn by
// panel_timelines.cpp): a run still going says "running", not a red
// "unfinished" with "No symptom"; a trace that ends early or a damaged file
// has an unknown symptom, never a green "symptom: no"; a whole run gets its
// oracle's word. Then the same in whole frames: the header's badges, and
// the progress text beside the bar whole or cut at its end, never its start.
#include "run_badges.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app_fixture.h"
#include "app_user.h"
#include "imgui_fixture.h"
#include "locklab/run/catalogue.h"
#include "small_trace.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {
namespace {

Trace unfinished_trace() {
  Trace t = testing::small_trace();
  t.verdict.kind = VerdictKind::kUnfinished;
  t.verdict.summary = "the run is still going (11 events so far)";
  return t;
}

present::RunSummary summary_of(const Trace& t) { return present::summarize(t, Catalogue::get().find(t.info.bug)); }

TEST(RunBadges, ARunStillGoingSaysRunningAndWaitsForItsEndToJudgeTheSymptom) {
  const present::RunSummary s = summary_of(unfinished_trace());
  ASSERT_TRUE(s.oracle.has_value());
  const RunBadges b = run_badges(s, /*live=*/true, /*damaged=*/false);
  EXPECT_EQ(b.verdict, "running");
  EXPECT_EQ(b.verdict_tone, BadgeTone::kGoing);
  EXPECT_EQ(b.symptom, "symptom: after the run");
  EXPECT_EQ(b.symptom_line.find("No symptom"), std::string::npos) << b.symptom_line;
}

TEST(RunBadges, ATraceThatEndsEarlyHasAnUnknownSymptom) {
  const RunBadges b = run_badges(summary_of(unfinished_trace()), false, false);
  EXPECT_EQ(b.verdict, "unfinished");
  EXPECT_EQ(b.verdict_tone, BadgeTone::kFailure);
  EXPECT_EQ(b.symptom, "symptom: unknown");
  EXPECT_EQ(b.symptom_tone, BadgeTone::kNeutral);
  EXPECT_EQ(b.symptom_line.rfind("Symptom unknown: ", 0), 0u) << b.symptom_line;
}

TEST(RunBadges, ADamagedFileHasAnUnknownSymptomEvenWhenItsRunCompleted) {
  const RunBadges b = run_badges(summary_of(testing::small_trace()), false, /*damaged=*/true);
  EXPECT_EQ(b.verdict, "completed");
  EXPECT_EQ(b.symptom, "symptom: unknown");
  EXPECT_NE(b.symptom_line.find("lost"), std::string::npos) << b.symptom_line;
}

TEST(RunBadges, AWholeRunGetsItsOraclesWord) {
  const present::RunSummary s = summary_of(testing::small_trace());
  const RunBadges b = run_badges(s, false, false);
  EXPECT_EQ(b.verdict, "completed");
  EXPECT_EQ(b.symptom, s.oracle->symptom ? "symptom: yes" : "symptom: no");
  EXPECT_EQ(b.symptom_tone, s.oracle->symptom ? BadgeTone::kWarning : BadgeTone::kGood);
}

class ElideRight : public testing::ImGuiTest {};

TEST_F(ElideRight, CutsAtTheEndNeverTheStart) {
  begin_frame();
  const std::string text = "running buggy (1 of 2 queued), 1.48 s of about 1.5 s";
  EXPECT_EQ(elide_right(text, 10000), text);
  const std::string cut = elide_right(text, 120);
  ASSERT_GE(cut.size(), 4u);
  EXPECT_EQ(cut.substr(cut.size() - 3), "...");
  EXPECT_EQ(text.rfind(cut.substr(0, cut.size() - 3), 0), 0u) << cut;
  EXPECT_LE(ImGui::CalcTextSize(cut.c_str()).x, 120);
  EXPECT_EQ(elide_right(text, 2), "");
}

class RunHeader : public testing::AppTest {
 protected:
  RunHeader() : AppTest("locklab-viz-header-") {}
};

TEST_F(RunHeader, ARunGoingShowsRunningThenItsTraceSoFarShowsUnknown) {
  VizApp app(options());
  testing::AppUser u(app, [&] { draw(app); });
  app.show_live(make_loaded_run(unfinished_trace()), 0);
  u.frame();
  ASSERT_NE(u.find("badge/verdict/0"), nullptr) << u.names();
  EXPECT_EQ(u.find("badge/verdict/0")->text, "running");
  EXPECT_EQ(u.find("badge/symptom/0")->text, "symptom: after the run");
  ASSERT_TRUE(u.click("tab/Contention"));
  EXPECT_EQ(u.find("text/symptom line/0")->text.find("No symptom"), std::string::npos);
  ASSERT_TRUE(u.click("tab/Verdict & dump"));
  EXPECT_EQ(u.find("badge/verdict tab/0")->text, "running");
  // The same trace, no longer growing: it ended early.
  app.show_run(make_loaded_run(unfinished_trace()), 0);
  u.frame();
  EXPECT_EQ(u.find("badge/verdict/0")->text, "unfinished");
  EXPECT_EQ(u.find("badge/symptom/0")->text, "symptom: unknown");
}

TEST_F(RunHeader, TheProgressTextOfARunGoingIsWholeOrCutAtItsEnd) {
  VizApp app(options());
  testing::AppUser u(app, [&] { draw(app); });
  ASSERT_TRUE(u.click("bug/lock-held-across-io"));
  app.state().controls.duration_ms = 3000;
  ASSERT_TRUE(u.click("button/Run both (R)"));
  // Until the buggy run's trace so far is in its slot.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!app.state().slots[0].live && std::chrono::steady_clock::now() < until) {
    u.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(app.state().slots[0].live) << "the run's trace so far never arrived";
  const ItemRect* verdict = u.find("badge/verdict/0");
  ASSERT_NE(verdict, nullptr);
  EXPECT_EQ(verdict->text, "running");
  const ItemRect* progress = u.find("progress/0");
  ASSERT_NE(progress, nullptr) << u.names();
  // Its start is what matters ("running buggy"); a header too short for
  // the rest cuts the end, with "...".
  const std::string& shown = progress->text;
  EXPECT_EQ(shown.rfind("running buggy", 0), 0u) << "cut at its start: '" << shown << "'";
  const Rect header = app.state().timelines.runs[0].header;
  EXPECT_GE(progress->rect.x, verdict->rect.right()) << "the bar overlaps the badges";
  EXPECT_LE(progress->rect.right(), header.right());
  app.cancel_runs();
  u.frame();
}

}  // namespace
}  // namespace locklab::viz
