// The contended-line marks and a fix's ordinary contention (issue 20 item
// 6): a mark says whose share it states ("of this run's waiting"), and a
// fixed variant whose waits all ended, with the symptom absent, is said to
// be ordinary contention in one sentence, over its code and in its header;
// a buggy or failing run never is.
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "app_user.h"
#include "contention_words.h"
#include "imgui_internal.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

class ContentionMarksTest : public testing::AppTest {
 protected:
  ContentionMarksTest() : AppTest("locklab-viz-marks-") {}
  testing::AppUser user(VizApp& app) {
    return testing::AppUser(app, [this, &app] { draw(app); });
  }
};

// How many vertices of the Sources panel's windows (its code views are
// child windows) have colour `c`: what this frame tinted with it.
std::size_t source_vertices_of(ImU32 c) {
  std::size_t n = 0;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (std::string_view(w->Name).rfind("Sources", 0) != 0 || !w->DrawList) continue;
    for (const ImDrawVert& v : w->DrawList->VtxBuffer) n += v.col == c ? 1 : 0;
  }
  return n;
}

present::RunSummary fix_summary() {
  present::RunSummary s;
  s.buggy = false;
  s.kind = VerdictKind::kCompleted;
  s.oracle = OracleVerdict{false, "no deadlock"};
  s.total_wait_ns = 519'000;
  s.thread_time_ns = 4'000'000'000;
  present::SiteRow row;
  row.max_ns = 120'000;
  s.by_waiter.push_back(row);
  return s;
}

TEST(ContentionWords, AMarkSaysItsShareIsOfThisRunsWaiting) {
  EXPECT_EQ(wait_mark_note(519'000, 1.0), "519 µs, 100.0% of this run's waiting");
  EXPECT_EQ(hold_mark_note(2'000'000, 0.4), "held: 2.00 ms, 40.0% of this run's waiting");
}

TEST(ContentionWords, OnlyAFixsCompletedRunWithEveryWaitEndedIsOrdinary) {
  present::RunSummary s = fix_summary();
  EXPECT_TRUE(is_ordinary_contention(s));
  EXPECT_EQ(ordinary_contention_text(s),
            "Ordinary contention, not the bug: every wait ended (the longest after 120 µs) and the bug's symptom is "
            "absent.");
  present::RunSummary buggy = s;
  buggy.buggy = true;
  EXPECT_FALSE(is_ordinary_contention(buggy));
  present::RunSummary open = s;
  open.open_waits = 1;
  EXPECT_FALSE(is_ordinary_contention(open)) << "a wait that never ended is not ordinary";
  present::RunSummary failed = s;
  failed.kind = VerdictKind::kDeadlock;
  EXPECT_FALSE(is_ordinary_contention(failed));
  present::RunSummary symptom = s;
  symptom.oracle->symptom = true;
  EXPECT_FALSE(is_ordinary_contention(symptom));
  present::RunSummary unjudged = s;
  unjudged.oracle.reset();
  EXPECT_FALSE(is_ordinary_contention(unjudged));
  present::RunSummary idle = s;
  idle.total_wait_ns = 0;
  EXPECT_FALSE(is_ordinary_contention(idle)) << "nothing waited: nothing to explain";
}

// A real run of recursive-rlock's fix, chosen and run with the mouse: the
// fix column's marks say whose share they give, and the sentence stands
// over the fix's code and in its header.
TEST_F(ContentionMarksTest, TheFixsRunSaysItsWaitingIsOrdinaryContentionAndWhoseShareEachMarkIs) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("bug/recursive-rlock"));
  ASSERT_TRUE(u.click("field/duration ms"));
  u.press(ImGuiKey_A, true);
  u.type("300");
  u.press(ImGuiKey_Enter);
  ASSERT_TRUE(u.click("checkbox/apply the fix (F)"));
  ASSERT_TRUE(u.click("button/Run " + app.fix_variant()));
  ASSERT_TRUE(draw_until_idle(app, 60));
  const Slot& fix = app.state().slots[1];
  ASSERT_TRUE(fix.run.ok()) << fix.message;
  const present::RunSummary& sum = *fix.run.summary;
  ASSERT_GT(sum.total_wait_ns, 0u) << "the fix's threads waited a little (readers behind writers)";
  ASSERT_TRUE(is_ordinary_contention(sum)) << sum.verdict_summary;
  u.frame();
  const ItemRect* over_code = u.find("text/ordinary/1");
  ASSERT_NE(over_code, nullptr) << u.names();
  EXPECT_NE(over_code->text.find("Ordinary contention, not the bug: every wait ended"), std::string::npos);
  EXPECT_NE(u.find("text/ordinary header/1"), nullptr) << "the header says it too: " << u.names();
  const auto marks = app.items().of_kind("mark");
  ASSERT_FALSE(marks.empty()) << "the fix's most contended line is marked: " << u.names();
  for (const ItemRect* m : marks) {
    EXPECT_NE(m->text.find("of this run's waiting"), std::string::npos) << m->name << ": " << m->text;
  }
  // Tinted in the calm blue-grey, not the bug's red (panel_source.cpp).
  EXPECT_GT(source_vertices_of(IM_COL32(70, 95, 130, 90)), 0u);
  EXPECT_EQ(source_vertices_of(IM_COL32(150, 40, 44, 110)), 0u);
}

}  // namespace
}  // namespace locklab::viz
