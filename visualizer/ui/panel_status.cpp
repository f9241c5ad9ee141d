// The status line: the latest message (errors in red; hover for the last
// few), what is running, and the frame's drawing figures.
#include "panels.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

void draw_status_line(VizApp& app, const Rect& r) {
  AppState& s = app.state();
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  const std::string right = std::to_string(s.frame_rects) + " rects, " + std::to_string(static_cast<int>(s.column_px)) +
                            " px columns   " + std::to_string(static_cast<int>(ImGui::GetIO().Framerate + 0.5f)) +
                            " fps   ? help";
  const float right_w = ImGui::CalcTextSize(right.c_str()).x;
  if (!s.messages.empty()) {
    const Message& m = s.messages.back();
    std::string first = m.text.substr(0, m.text.find('\n'));
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(r.right() - right_w - 24, r.bottom()), true);
    ImGui::PushStyleColor(ImGuiCol_Text, m.error ? kErrorText : kDimText);
    ImGui::TextUnformatted(first.c_str());
    ImGui::PopStyleColor();
    ImGui::PopClipRect();
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      const std::size_t from = s.messages.size() > 8 ? s.messages.size() - 8 : 0;
      for (std::size_t i = from; i < s.messages.size(); ++i)
        colored_wrapped(s.messages[i].error ? kErrorText : kDimText, s.messages[i].text);
      ImGui::EndTooltip();
    }
  }
  ImGui::SameLine(r.w - right_w - 10);
  ImGui::TextDisabled("%s", right.c_str());
  ImGui::End();
}

}  // namespace locklab::viz
