// Keyboard and mouse input of the visualizer, as data: what was typed this
// frame becomes a list of Commands, and the mouse over the timelines zooms
// and pans the shared TimeView. Reads ImGui's IO only, so tests drive it with
// an ImGui context and no window.
//
// Keys (characters, so they work on any keyboard layout):
//   ?      help overlay          R      run both variants
//   F      toggle the fix        + =    zoom in
//   - _    zoom out              0      fit the whole run
//   left / right arrows  pan by a tenth of the window
//   Ctrl + =  Ctrl + +   everything larger (projector)   Ctrl + -  smaller
//   Ctrl + 0  back to the scale the app started with
// Nothing is read while a text field has the keyboard (typing "r" in the
// search box must not start a run).
#pragma once

#include <vector>

#include "imgui.h"
#include "layout.h"
#include "time_view.h"

namespace locklab::viz {

enum class Command {
  kToggleHelp,
  kRun,
  kToggleFix,
  kZoomIn,
  kZoomOut,
  kFit,
  kPanLeft,
  kPanRight,
  kUiLarger,
  kUiSmaller,
  kUiReset,
};

/// The keys of Ctrl + = / + / - / 0, as indices into io.KeysDown. GLFW (the
/// backend) names a printable key by its ASCII code, the keypad's apart.
inline constexpr int kKeyEqual = '=', kKeyMinus = '-', kKeyZero = '0';
inline constexpr int kKeyPadAdd = 334, kKeyPadSubtract = 333;

/// The commands typed since the last frame. Call between NewFrame and Render.
std::vector<Command> keyboard_commands(const ImGuiIO& io);

/// Applies a view command (zoom, pan, fit) to `view`. Returns false, doing
/// nothing, for the commands that are not about the view.
bool apply_view_command(Command command, TimeView& view);

/// How much one key press or wheel notch zooms.
inline constexpr double kZoomStep = 1.5;

struct MouseResult {
  bool zoomed = false;
  bool panned = false;
  bool fitted = false;
};

/// Mouse over the timelines: the wheel zooms around the time under the
/// cursor, a left-button drag that began over them pans, a double-click fits.
/// `area` maps the time axis (its x range is the lanes'); `hovered` says the
/// mouse is over the timelines and not over another window.
class TimelineMouse {
 public:
  MouseResult update(const ImGuiIO& io, const Rect& area, bool hovered, TimeView& view);
  bool dragging() const noexcept { return dragging_; }

 private:
  bool dragging_ = false;
};

}  // namespace locklab::viz
