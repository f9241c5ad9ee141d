#include "input.h"

#include <cmath>

namespace locklab::viz {

std::vector<Command> keyboard_commands(const ImGuiIO& io) {
  std::vector<Command> out;
  // Ctrl + = / - / 0 scale the whole UI, even while a field has the keyboard.
  if (io.KeyCtrl) {
    if (ImGui::IsKeyPressed(kKeyEqual, false) || ImGui::IsKeyPressed(kKeyPadAdd, false)) out.push_back(Command::kUiLarger);
    if (ImGui::IsKeyPressed(kKeyMinus, false) || ImGui::IsKeyPressed(kKeyPadSubtract, false))
      out.push_back(Command::kUiSmaller);
    if (ImGui::IsKeyPressed(kKeyZero, false)) out.push_back(Command::kUiReset);
    return out;  // Ctrl + a character is not the character's command
  }
  if (io.WantTextInput) return out;
  for (const ImWchar c : io.InputQueueCharacters) {
    switch (c) {
      case '?': out.push_back(Command::kToggleHelp); break;
      case 'r': case 'R': out.push_back(Command::kRun); break;
      case 'f': case 'F': out.push_back(Command::kToggleFix); break;
      case '+': case '=': out.push_back(Command::kZoomIn); break;
      case '-': case '_': out.push_back(Command::kZoomOut); break;
      case '0': out.push_back(Command::kFit); break;
      default: break;
    }
  }
  // Arrows are keys, not characters; repeat while held.
  const int left = io.KeyMap[ImGuiKey_LeftArrow], right = io.KeyMap[ImGuiKey_RightArrow];
  if (left >= 0 && ImGui::IsKeyPressed(left, true)) out.push_back(Command::kPanLeft);
  if (right >= 0 && ImGui::IsKeyPressed(right, true)) out.push_back(Command::kPanRight);
  return out;
}

bool apply_view_command(Command command, TimeView& view) {
  switch (command) {
    case Command::kZoomIn: view.zoom(kZoomStep); return true;
    case Command::kZoomOut: view.zoom(1.0 / kZoomStep); return true;
    case Command::kFit: view.fit(); return true;
    case Command::kPanLeft: view.pan(-view.span() / 10); return true;
    case Command::kPanRight: view.pan(view.span() / 10); return true;
    case Command::kToggleHelp:
    case Command::kRun:
    case Command::kToggleFix:
    case Command::kUiLarger:
    case Command::kUiSmaller:
    case Command::kUiReset: return false;
  }
  return false;
}

MouseResult TimelineMouse::update(const ImGuiIO& io, const Rect& area, bool hovered, TimeView& view) {
  MouseResult r;
  const bool inside = hovered && area.contains(io.MousePos.x, io.MousePos.y);
  if (inside && io.MouseWheel != 0) {
    const double anchor = view.t_of(io.MousePos.x, area.x, area.w);
    view.zoom(std::pow(kZoomStep, static_cast<double>(io.MouseWheel)), anchor);
    r.zoomed = true;
  }
  if (inside && io.MouseDoubleClicked[0]) {
    view.fit();
    r.fitted = true;
    dragging_ = false;
    return r;
  }
  if (inside && io.MouseClicked[0]) dragging_ = true;
  if (!io.MouseDown[0]) dragging_ = false;
  if (dragging_ && io.MouseDelta.x != 0 && area.w > 0) {
    // Dragging right shows earlier times: the content follows the hand.
    view.pan(-static_cast<double>(io.MouseDelta.x) * view.ns_per_px(area.w));
    r.panned = true;
  }
  return r;
}

}  // namespace locklab::viz
