// Input: typed characters become commands (not while a text field has the
// keyboard), and the mouse zooms around the cursor, pans by dragging and
// fits on a double-click.
#include "input.h"

#include <gtest/gtest.h>

#include "imgui_fixture.h"

namespace locklab::viz {
namespace {

class InputTest : public testing::ImGuiTest {};

TEST_F(InputTest, CharactersBecomeCommands) {
  for (const char c : std::string("?rRfF+=-_0x")) io().AddInputCharacter(static_cast<unsigned>(c));
  begin_frame();
  const auto cmds = keyboard_commands(io());
  const std::vector<Command> want = {Command::kToggleHelp, Command::kRun,    Command::kRun,    Command::kToggleFix,
                                     Command::kToggleFix,  Command::kZoomIn, Command::kZoomIn, Command::kZoomOut,
                                     Command::kZoomOut,    Command::kFit};
  EXPECT_EQ(cmds, want);
}

TEST_F(InputTest, NothingIsReadWhileATextFieldHasTheKeyboard) {
  begin_frame();
  io().AddInputCharacter('r');
  io().WantTextInput = true;
  EXPECT_TRUE(keyboard_commands(io()).empty());
}

TEST_F(InputTest, ArrowKeysPan) {
  begin_frame();
  end_frame();
  io().KeysDown[io().KeyMap[ImGuiKey_RightArrow]] = true;
  begin_frame();
  const auto cmds = keyboard_commands(io());
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(cmds[0], Command::kPanRight);
  TimeView v;
  v.set_extent(1e9);
  v.zoom(10, 0);
  EXPECT_TRUE(apply_view_command(cmds[0], v));
  EXPECT_NEAR(v.begin(), 1e7, 1);
}

TEST_F(InputTest, CtrlEqualsMinusAndZeroScaleTheUiNotTheView) {
  begin_frame();
  end_frame();
  io().KeyCtrl = true;
  io().KeysDown[kKeyEqual] = true;
  io().KeysDown[kKeyPadSubtract] = true;
  io().AddInputCharacter('+');  // a backend that still sends the character
  begin_frame();
  EXPECT_EQ(keyboard_commands(io()), (std::vector<Command>{Command::kUiLarger, Command::kUiSmaller}));
  end_frame();
  io().KeysDown[kKeyEqual] = io().KeysDown[kKeyPadSubtract] = false;
  io().KeysDown[kKeyZero] = true;
  io().WantTextInput = true;  // a field has the keyboard: the scale keys still work
  begin_frame();
  EXPECT_EQ(keyboard_commands(io()), (std::vector<Command>{Command::kUiReset}));
  TimeView v;
  v.set_extent(1e9);
  EXPECT_FALSE(apply_view_command(Command::kUiLarger, v));
  EXPECT_TRUE(v.fitted());
}

TEST_F(InputTest, ViewCommandsZoomAndFit) {
  TimeView v;
  v.set_extent(1e9);
  EXPECT_TRUE(apply_view_command(Command::kZoomIn, v));
  EXPECT_NEAR(v.span(), 1e9 / kZoomStep, 1);
  EXPECT_TRUE(apply_view_command(Command::kZoomOut, v));
  EXPECT_NEAR(v.span(), 1e9, 1);
  v.zoom(8);
  EXPECT_TRUE(apply_view_command(Command::kFit, v));
  EXPECT_TRUE(v.fitted());
  EXPECT_FALSE(apply_view_command(Command::kRun, v));
}

TEST_F(InputTest, WheelZoomsAroundTheCursor) {
  TimeView v;
  v.set_extent(1e9);
  const Rect area{100, 50, 1000, 400};
  io().MousePos = ImVec2(350, 200);  // a quarter in: 250 ms
  io().MouseWheel = 2;
  begin_frame();
  TimelineMouse mouse;
  const MouseResult r = mouse.update(io(), area, true, v);
  EXPECT_TRUE(r.zoomed);
  EXPECT_NEAR(v.span(), 1e9 / (kZoomStep * kZoomStep), 1e3);
  EXPECT_NEAR(v.t_of(350, area.x, area.w), 250e6, 1e3);
}

TEST_F(InputTest, TheWheelOutsideTheTimelinesDoesNothing) {
  TimeView v;
  v.set_extent(1e9);
  io().MousePos = ImVec2(50, 200);
  io().MouseWheel = 2;
  begin_frame();
  TimelineMouse mouse;
  EXPECT_FALSE(mouse.update(io(), Rect{100, 50, 1000, 400}, true, v).zoomed);
  EXPECT_TRUE(v.fitted());
}

TEST_F(InputTest, DraggingPansWithTheHand) {
  TimeView v;
  v.set_extent(1e9);
  v.show(4e8, 5e8);  // 100 ms over 1000 px: 100 us a pixel
  const Rect area{100, 50, 1000, 400};
  TimelineMouse mouse;
  io().MousePos = ImVec2(600, 200);
  begin_frame();
  end_frame();
  io().MouseDown[0] = true;
  begin_frame();
  mouse.update(io(), area, true, v);
  EXPECT_TRUE(mouse.dragging());
  end_frame();
  io().MousePos = ImVec2(650, 200);  // 50 px right: 5 ms earlier
  begin_frame();
  const MouseResult r = mouse.update(io(), area, true, v);
  EXPECT_TRUE(r.panned);
  EXPECT_NEAR(v.begin(), 3.95e8, 1e3);
  end_frame();
  io().MouseDown[0] = false;
  begin_frame();
  mouse.update(io(), area, true, v);
  EXPECT_FALSE(mouse.dragging());
}

TEST_F(InputTest, DoubleClickFits) {
  TimeView v;
  v.set_extent(1e9);
  v.zoom(10);
  TimelineMouse mouse;
  io().MousePos = ImVec2(600, 200);
  begin_frame();
  end_frame();
  io().MouseDown[0] = true;
  begin_frame();
  end_frame();
  io().MouseDown[0] = false;
  begin_frame();
  end_frame();
  io().MouseDown[0] = true;
  begin_frame();
  ASSERT_TRUE(io().MouseDoubleClicked[0]);
  EXPECT_TRUE(mouse.update(io(), Rect{100, 50, 1000, 400}, true, v).fitted);
  EXPECT_TRUE(v.fitted());
}

}  // namespace
}  // namespace locklab::viz
