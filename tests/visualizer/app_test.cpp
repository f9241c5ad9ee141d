// VizApp headless: whole frames drawn with a bare ImGui context, keys acting
// on the state, traces opened (good and damaged), a jump to a source line,
// and a real run of a bug through the CLI in a child process.
#include "viz_app.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app_fixture.h"
#include "locklab/trace/trace_file.h"
#include "small_trace.h"

namespace locklab::viz {
namespace {

namespace fs = std::filesystem;

class VizAppTest : public testing::AppTest {
 protected:
  VizAppTest() : AppTest("locklab-viz-test-") {}
};

TEST_F(VizAppTest, AnEmptyAppDrawsEveryPanel) {
  VizApp app(options());
  draw(app);
  const Layout& l = app.state().layout;
  EXPECT_GT(l.catalogue.w, 0);
  EXPECT_GT(l.middle.w, 0);
  EXPECT_FALSE(app.state().bug.empty());  // the first bug is selected
  EXPECT_FALSE(app.state().slots[0].run.ok());
  EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 1000);
}

TEST_F(VizAppTest, ARunShownInItsSlotIsDrawnThroughTheLod) {
  VizApp app(options());
  app.show_run(make_loaded_run(testing::small_trace()));
  EXPECT_EQ(app.state().bug, "lock-held-across-io");
  ASSERT_TRUE(app.state().slots[0].run.ok());
  draw(app);
  EXPECT_GT(app.state().frame_rects, 5u);
  EXPECT_DOUBLE_EQ(app.state().view.extent(), 2000);
}

TEST_F(VizAppTest, KeysToggleHelpAndFixAndZoom) {
  VizApp app(options());
  app.show_run(make_loaded_run(testing::small_trace()));
  draw(app);
  io().AddInputCharacter('?');
  io().AddInputCharacter('f');
  io().AddInputCharacter('+');
  draw(app);
  EXPECT_TRUE(app.state().show_help);
  EXPECT_TRUE(app.state().controls.fix_on);
  EXPECT_FALSE(app.state().view.fitted());
  io().AddInputCharacter('0');
  draw(app);
  EXPECT_TRUE(app.state().view.fitted());
}

TEST_F(VizAppTest, ADamagedTraceGivesAMessageNotACrash) {
  const std::string bad = (dir_ / "bad.lltrace").string();
  std::ofstream(bad) << "LLTRACE1 not really a trace";
  VizApp app(options());
  app.open_trace(bad);
  draw_until_idle(app, 10);
  EXPECT_NE(app.state().popup_error.find("cannot read trace"), std::string::npos) << app.state().popup_error;
  EXPECT_FALSE(app.state().slots[0].run.ok());
  EXPECT_FALSE(app.state().slots[1].run.ok());
  app.open_trace((dir_ / "missing.lltrace").string());
  draw_until_idle(app, 10);
  EXPECT_NE(app.state().popup_error.find("missing.lltrace"), std::string::npos);
}

TEST_F(VizAppTest, ASavedTraceOpensIntoItsSlot) {
  const std::string path = (dir_ / "small.lltrace").string();
  ASSERT_EQ(save_trace(testing::small_trace(), path), "");
  VizApp app(options());
  app.open_trace(path);
  draw_until_idle(app, 10);
  ASSERT_TRUE(app.state().slots[0].run.ok());
  EXPECT_EQ(app.state().slots[0].run.model->lanes().size(), 3u);
  const std::string copy = (dir_ / "copy.lltrace").string();
  EXPECT_EQ(app.save_slot(0, copy), "");
  EXPECT_TRUE(fs::exists(copy));
  EXPECT_NE(app.save_slot(1, copy), "");  // the fixed slot is empty
}

TEST_F(VizAppTest, AJumpSelectsTheFileAndClearsWhenShown) {
  VizApp app(options());
  app.show_run(make_loaded_run(testing::small_trace()));
  draw(app);
  app.jump_to(0, "buggy.cpp", 22);
  for (int i = 0; i < 4 && app.state().jump.pending; ++i) draw(app);
  EXPECT_FALSE(app.state().jump.pending);
  app.jump_to(0, "no_such_file.cpp", 3);
  for (int i = 0; i < 4 && app.state().jump.pending; ++i) draw(app);
  EXPECT_FALSE(app.state().jump.pending);
  EXPECT_NE(app.state().messages.back().text.find("not among"), std::string::npos);
}

TEST_F(VizAppTest, RunBothRunsTheCliInChildProcessesAndFillsBothSlots) {
  VizApp app(options());
  app.select_bug("lock-held-across-io");
  app.state().controls.duration_ms = 300;
  app.run_both();
  EXPECT_TRUE(app.busy());
  draw_until_idle(app, 90);
  ASSERT_TRUE(app.state().slots[0].run.ok()) << app.state().slots[0].message;
  ASSERT_TRUE(app.state().slots[1].run.ok()) << app.state().slots[1].message;
  EXPECT_EQ(app.state().slots[0].run.model->variant(), "buggy");
  EXPECT_EQ(app.state().slots[1].run.model->variant(), "fixed");
  EXPECT_EQ(app.state().slots[0].run.model->trace().info.duration_ms, 300u);
  EXPECT_TRUE(app.state().slots[0].run.summary->oracle.has_value());
}

}  // namespace
}  // namespace locklab::viz
