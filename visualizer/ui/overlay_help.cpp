// The help overlay (?): keys, mouse, and what the colours mean.
#include "lane_state.h"
#include "panels.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

void draw_help_overlay(VizApp& app) {
  AppState& s = app.state();
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(560, 0));
  ImGui::SetNextWindowBgAlpha(0.96f);
  ImGui::Begin("Help (? closes)", &s.show_help,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::SetWindowFocus();
  const bool pushed = push_font(app.fonts().heading);
  ImGui::TextUnformatted("Keys");
  pop_font(pushed);
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
    const char* rows[][2] = {
        {"?", "this help"},
        {"R", "run both variants (buggy, then the fix) with the controls' settings"},
        {"F", "toggle the fix: which variant 'Run one' runs"},
        {"+  -", "zoom in, out (around the middle)"},
        {"0", "fit the whole run"},
        {"left  right", "pan by a tenth of the window"},
        {"wheel", "zoom around the mouse"},
        {"drag", "pan"},
        {"double-click", "fit"},
        {"Ctrl =  Ctrl -", "everything larger, smaller (a projector; --ui-scale at start)"},
        {"Ctrl 0", "back to the starting size"},
    };
    for (const auto& row : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.45f, 1.0f), "%s", row[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[1]);
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  const bool pushed2 = push_font(app.fonts().heading);
  ImGui::TextUnformatted("Colours");
  pop_font(pushed2);
  for (int c = 0; c < kLaneStateCount; ++c) {
    const auto st = static_cast<LaneState>(c);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 2 * h, p.y + h), color_of(st), 2.0f);
    ImGui::Dummy(ImVec2(2 * h, h));
    ImGui::SameLine();
    ImGui::Text("%s: %s", std::string(to_string(st)).c_str(), std::string(describe(st)).c_str());
  }
  for (int c = 0; c < kHoldStateCount; ++c) {
    const auto st = static_cast<HoldState>(c);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 2 * h, p.y + h * 0.35f), color_of(st), 1.0f);
    ImGui::Dummy(ImVec2(2 * h, h));
    ImGui::SameLine();
    ImGui::Text("strip on top: %s", std::string(to_string(st)).c_str());
  }
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "Level of detail: where intervals are narrower than a pixel, each pixel column shows the state that took most "
      "of its time, except that a lock wait wins at an eighth of it, so waits stay visible at any zoom. Hover a lane "
      "to see what a column sums. A red vertical line marks where a failing run stopped.");
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace locklab::viz
