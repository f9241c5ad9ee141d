// The visualizer used the way people use it: the mouse moved to where a row
// or button is drawn, clicked, the wheel turned, text typed and keys pressed,
// all through ImGui's input over whole frames (app_user.h); then what the
// app selected, opened or ran. Every catalogue row and every exercise row
// selects itself; typing in the search box filters the rows; the buttons,
// the fix toggle and the tabs do what their labels say; the wheel and a
// double-click over the lanes zoom and fit.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "app_fixture.h"
#include "app_user.h"
#include "locklab/run/catalogue.h"
#include "locklab/trace/trace_file.h"
#include "small_trace.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

namespace fs = std::filesystem;

class ClickTest : public testing::AppTest {
 protected:
  ClickTest() : AppTest("locklab-viz-click-") {}
  /// An app whose `locklab` is a stand-in that fails at once with no output:
  /// choosing an exercise then starts a check that ends in a moment.
  AppOptions quick_check_options() const {
    AppOptions o = options();
    const fs::path script = dir_ / "no-check-locklab";
    std::ofstream(script) << "#!/bin/sh\nexit 2\n";
    ::chmod(script.c_str(), 0755);
    o.locklab = script.string();
    return o;
  }
  testing::AppUser user(VizApp& app) {
    return testing::AppUser(app, [this, &app] { draw(app); });
  }
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

TEST_F(ClickTest, ClickingEveryBugRowSelectsThatBug) {
  VizApp app(options());
  testing::AppUser u = user(app);
  auto all = Catalogue::get().all();
  ASSERT_GE(all.size(), 2u);
  // From the last row up, so each click changes the selection (the app
  // starts on the first bug).
  std::reverse(all.begin(), all.end());
  for (const BugInfo* bug : all) {
    ASSERT_NE(app.state().bug, bug->id) << "the click below could not show anything";
    ASSERT_TRUE(u.click("bug/" + bug->id));
    EXPECT_EQ(app.state().bug, bug->id) << "clicking the catalogue row '" << bug->id << "' did not select it";
  }
}

TEST_F(ClickTest, ClickingEveryExerciseRowChoosesThatExercise) {
  VizApp app(quick_check_options());
  testing::AppUser u = user(app);
  std::vector<ExerciseRow> rows = app.exercise_ui().list.rows;
  ASSERT_FALSE(rows.empty()) << "no exercises in this build: " << app.exercise_ui().list.error;
  std::reverse(rows.begin(), rows.end());
  for (const ExerciseRow& row : rows) {
    ASSERT_TRUE(u.click("exercise/" + row.id));
    EXPECT_EQ(app.state().exercise, row.id) << "clicking the exercise row '" << row.id << "' did not choose it";
    EXPECT_EQ(app.state().bug, row.bug);
    EXPECT_EQ(app.state().side_tab, SideTab::kExercise);
  }
  draw_until_idle(app, 10);
}

TEST_F(ClickTest, EveryItemOnTheScreenHasItsOwnImGuiId) {
  // Two items under one id act as one: the second cannot be clicked.
  VizApp app(quick_check_options());
  testing::AppUser u = user(app);
  std::map<std::uint32_t, std::string> seen;
  ASSERT_GT(app.items().of_kind("bug").size(), 0u);
  for (const ItemRect& item : app.items().all()) {
    if (item.imgui_id == 0) continue;
    const auto [it, fresh] = seen.emplace(item.imgui_id, item.name);
    EXPECT_TRUE(fresh) << "'" << item.name << "' and '" << it->second << "' share one ImGui id";
  }
}

TEST_F(ClickTest, TypingInTheSearchBoxFiltersTheBugs) {
  VizApp app(options());
  testing::AppUser u = user(app);
  const std::size_t every = Catalogue::get().all().size();
  EXPECT_EQ(app.items().of_kind("bug").size(), every);
  ASSERT_TRUE(u.click("field/search"));
  u.type("rlock");
  EXPECT_EQ(app.state().search, "rlock");
  EXPECT_FALSE(app.busy()) << "the 'r' typed into the search box started a run";
  std::set<std::string> want, shown;
  for (const BugInfo* bug : Catalogue::get().all())
    if (lower(bug->id + " " + bug->title + " " + bug->family + " " + bug->symptom).find("rlock") != std::string::npos)
      want.insert(bug->id);
  for (const ItemRect* row : app.items().of_kind("bug")) shown.insert(row->name.substr(4));
  EXPECT_EQ(shown, want);
  EXPECT_TRUE(shown.count("recursive-rlock"));
  EXPECT_FALSE(shown.count("lock-held-across-io"));
  // A row found by the search is clicked like any other.
  ASSERT_TRUE(u.click("bug/recursive-rlock"));
  EXPECT_EQ(app.state().bug, "recursive-rlock");
  // Select all and delete: every bug again.
  ASSERT_TRUE(u.click("field/search"));
  u.press(ImGuiKey_A, true);
  u.press(ImGuiKey_Backspace);
  EXPECT_EQ(app.state().search, "");
  EXPECT_EQ(app.items().of_kind("bug").size(), every);
  u.type("no bug is called this");
  EXPECT_TRUE(app.items().of_kind("bug").empty());
}

TEST_F(ClickTest, RunBothRunsTheBuggyVariantThenTheFixWithTheTypedDuration) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("bug/lock-held-across-io"));
  ASSERT_TRUE(u.click("field/duration ms"));
  u.press(ImGuiKey_A, true);
  u.type("250");
  u.press(ImGuiKey_Enter);
  EXPECT_EQ(app.state().controls.duration_ms, 250);
  ASSERT_TRUE(u.click("button/Run both (R)"));
  EXPECT_TRUE(app.busy());
  EXPECT_EQ(app.queue().current_slot(), 0) << "the buggy variant runs first";
  EXPECT_NE(u.find("button/Cancel"), nullptr) << "a run in progress can be cancelled";
  draw_until_idle(app, 90);
  const auto& slots = app.state().slots;
  ASSERT_TRUE(slots[0].run.ok()) << slots[0].message;
  ASSERT_TRUE(slots[1].run.ok()) << slots[1].message;
  EXPECT_EQ(slots[0].run.model->variant(), "buggy");
  EXPECT_EQ(slots[1].run.model->variant(), app.fix_variant());
  EXPECT_EQ(slots[0].run.model->trace().info.duration_ms, 250u);
}

TEST_F(ClickTest, TheFixToggleDecidesWhatRunOneRunsAndCancelStopsIt) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("bug/lock-held-across-io"));
  ASSERT_NE(u.find("button/Run buggy"), nullptr) << u.names();
  ASSERT_TRUE(u.click("checkbox/apply the fix (F)"));
  EXPECT_TRUE(app.state().controls.fix_on);
  const std::string run_fix = "button/Run " + app.fix_variant();
  ASSERT_NE(u.find(run_fix), nullptr) << "the button says what it runs: " << u.names();
  EXPECT_EQ(u.find("button/Run buggy"), nullptr);
  ASSERT_TRUE(u.click(run_fix));
  EXPECT_TRUE(app.busy());
  EXPECT_EQ(app.queue().current_slot(), 1) << "the fix goes to the lower timeline";
  ASSERT_TRUE(u.click("button/Cancel"));
  EXPECT_FALSE(app.queue().busy());
  EXPECT_EQ(u.find("button/Cancel"), nullptr);
  // The key does what the checkbox does.
  u.type("f");
  EXPECT_FALSE(app.state().controls.fix_on);
  EXPECT_NE(u.find("button/Run buggy"), nullptr);
}

TEST_F(ClickTest, StepOpensTheStepViewAndCloseLeavesIt) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("bug/lock-order-inversion"));
  ASSERT_TRUE(u.click("button/Step..."));
  EXPECT_TRUE(app.step_ui().active()) << app.state().messages.back().text;
  ASSERT_TRUE(u.click("button/Close step view"));
  EXPECT_FALSE(app.step_ui().active());
  EXPECT_NE(u.find("button/Step..."), nullptr);
}

TEST_F(ClickTest, EachTabShowsWhatItsLabelSays) {
  VizApp app(options());
  app.show_run(make_loaded_run(testing::small_trace()));
  testing::AppUser u = user(app);
  const std::pair<const char*, SideTab> tabs[] = {
      {"tab/Story", SideTab::kStory}, {"tab/Verdict & dump", SideTab::kDump}, {"tab/Contention", SideTab::kContention}};
  for (const auto& [name, which] : tabs) {
    ASSERT_TRUE(u.click(name));
    EXPECT_EQ(app.state().side_tab, which) << name;
  }
}

TEST_F(ClickTest, OpenAsksForAPathAndTypingReplacesTheLastOne) {
  const std::string path = (dir_ / "small.lltrace").string();
  ASSERT_EQ(save_trace(testing::small_trace(), path), "");
  VizApp app(options());
  testing::AppUser u = user(app);
  EXPECT_EQ(u.find("field/path"), nullptr);
  ASSERT_TRUE(u.click("button/Open..."));
  ASSERT_NE(u.find("field/path"), nullptr) << "Open... shows no path field: " << u.names();
  u.type(path);
  EXPECT_EQ(app.state().file_path, path);
  u.press(ImGuiKey_Enter);
  EXPECT_EQ(u.find("field/path"), nullptr) << "Enter closes the dialog";
  draw_until_idle(app, 10);
  ASSERT_TRUE(app.state().slots[0].run.ok());
  // Opening again and typing a new path gives that path, not the old one
  // with the new one at its end.
  ASSERT_TRUE(u.click("button/Open..."));
  ASSERT_NE(u.find("field/path"), nullptr);
  u.type("/tmp/other.lltrace");
  EXPECT_EQ(app.state().file_path, "/tmp/other.lltrace");
  ASSERT_TRUE(u.click("button/Cancel file"));
  EXPECT_EQ(u.find("field/path"), nullptr);
}

TEST_F(ClickTest, SaveIsOnlyOfferedForATimelineThatHasARun) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("button/Save buggy..."));
  EXPECT_EQ(u.find("field/path"), nullptr) << "an empty timeline opened a save dialog";
  app.show_run(make_loaded_run(testing::small_trace()));
  u.frame();
  ASSERT_TRUE(u.click("button/Save buggy..."));
  ASSERT_NE(u.find("button/Save"), nullptr) << u.names();
  const std::string copy = (dir_ / "saved.lltrace").string();
  ASSERT_TRUE(u.click("field/path"));
  u.press(ImGuiKey_A, true);
  u.type(copy);
  ASSERT_TRUE(u.click("button/Save"));
  EXPECT_TRUE(fs::exists(copy));
}

TEST_F(ClickTest, TheWheelOverTheLanesZoomsAndADoubleClickFits) {
  VizApp app(options());
  app.show_run(make_loaded_run(testing::small_trace()));
  testing::AppUser u = user(app);
  const Rect lanes = app.state().timelines.runs[0].lanes;
  ASSERT_FALSE(lanes.empty());
  u.move_to(lanes.x + lanes.w / 4, lanes.y + lanes.h / 2);
  u.wheel(2);
  EXPECT_FALSE(app.state().view.fitted());
  EXPECT_LT(app.state().view.span(), app.state().view.extent());
  // Two clicks in quick succession.
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < 2; ++i) {
    io.MouseDown[0] = true;
    u.frame();
    io.MouseDown[0] = false;
    u.frame();
  }
  EXPECT_TRUE(app.state().view.fitted());
}

TEST_F(ClickTest, TheEventBudgetTypedInIsTheRunsBudget) {
  VizApp app(options());
  testing::AppUser u = user(app);
  ASSERT_TRUE(u.click("bug/global-counter-lock"));
  ASSERT_EQ(app.state().bug, "global-counter-lock");
  ASSERT_TRUE(u.click("field/duration ms"));
  u.press(ImGuiKey_A, true);
  u.type("200");
  ASSERT_TRUE(u.click("field/events/thread"));
  u.press(ImGuiKey_A, true);
  u.type("1000");
  u.press(ImGuiKey_Enter);
  EXPECT_EQ(app.state().controls.events_per_thread, 1000);
  RunRequest r;
  r.bug = "global-counter-lock";
  r.variant = "buggy";
  r.events_per_thread = 1000;
  const auto argv = app.queue().command_for(r, "/t/x.lltrace");
  EXPECT_NE(std::find(argv.begin(), argv.end(), "--events-per-thread"), argv.end());
  ASSERT_TRUE(u.click("button/Run buggy"));
  draw_until_idle(app, 60);
  const Slot& slot = app.state().slots[0];
  ASSERT_TRUE(slot.run.ok()) << slot.message;
  // 2M requests/s in 200 ms would record millions of events: the budget
  // keeps each thread to 1,000.
  const Trace& trace = slot.run.model->trace();
  EXPECT_EQ(trace.info.bug, "global-counter-lock");
  EXPECT_EQ(trace.info.duration_ms, 200u);
  for (const TraceThread& t : trace.threads) EXPECT_LE(t.events, 1000u) << t.name;
  EXPECT_LE(trace.events.size(), 1000u * trace.threads.size());
  EXPECT_GT(trace.total_items(), 1000u * trace.threads.size()) << "the run did more than its events show";
}

TEST_F(ClickTest, CtrlPlusMakesTextPanelsAndLanesLargerAndCtrlZeroResets) {
  VizApp app(options());
  app.show_run(make_loaded_run(testing::small_trace()));
  testing::AppUser u = user(app);
  const float catalogue_w = app.state().layout.catalogue.w, lane_h = app.state().timelines.lane_h;
  const float header_h = app.state().timelines.runs[0].header.h;
  u.press_index(kKeyEqual, /*ctrl=*/true);
  EXPECT_FLOAT_EQ(app.state().ui_scale, VizApp::kUiScaleStep);
  EXPECT_FLOAT_EQ(ImGui::GetIO().FontGlobalScale, VizApp::kUiScaleStep);
  EXPECT_GT(app.state().layout.catalogue.w, catalogue_w);
  EXPECT_GT(app.state().timelines.lane_h, lane_h) << "lanes are taller at a larger scale";
  EXPECT_GT(app.state().timelines.runs[0].header.h, header_h);
  EXPECT_TRUE(app.state().view.fitted()) << "Ctrl + = is not the zoom key";
  u.press_index(kKeyMinus, true);
  u.press_index(kKeyMinus, true);
  EXPECT_LT(app.state().ui_scale, 1.0f);
  for (int i = 0; i < 20; ++i) u.press_index(kKeyEqual, true);
  EXPECT_FLOAT_EQ(app.state().ui_scale, VizApp::kMaxUiScale);
  // Still every row can be clicked at the largest scale.
  ASSERT_TRUE(u.click("bug/recursive-rlock"));
  EXPECT_EQ(app.state().bug, "recursive-rlock");
  u.press_index(kKeyZero, true);
  EXPECT_FLOAT_EQ(app.state().ui_scale, 1.0f);
  EXPECT_FLOAT_EQ(app.state().layout.catalogue.w, catalogue_w);
}

}  // namespace
}  // namespace locklab::viz
