#include "widgets.h"

namespace locklab::viz {

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void tag(const char* text, ImU32 background, ImU32 foreground) {
  const ImVec2 pad(5, 1);
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x + 2 * pad.x, p.y + size.y + 2 * pad.y), background, 3.0f);
  dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), foreground, text);
  ImGui::Dummy(ImVec2(size.x + 2 * pad.x, size.y + 2 * pad.y));
}

void colored_wrapped(ImU32 color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

std::string elide_right(const std::string& text, float max_width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= max_width) return text;
  const char* dots = "...";
  const float dots_w = ImGui::CalcTextSize(dots).x;
  if (dots_w > max_width) return "";
  // The longest prefix that fits with the dots (UTF-8: never cut inside a character).
  std::size_t lo = 0, hi = text.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (ImGui::CalcTextSize(text.data(), text.data() + mid).x + dots_w <= max_width) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;
  return text.substr(0, lo) + dots;
}

std::string progress_with_text(float fraction, const std::string& text, float text_width, float width) {
  const std::string shown = elide_right(text, text_width);
  const float w = ImGui::CalcTextSize(shown.c_str()).x;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(p.x + text_width - w, p.y));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(shown.c_str());
  if (shown != text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
  ImGui::SameLine(0, 8);
  ImGui::ProgressBar(fraction, ImVec2(width, 0));
  return shown;
}

ImU32 tone_color(int tone) {
  switch (tone) {
    case 1: return IM_COL32(170, 40, 40, 255);   // failure
    case 2: return IM_COL32(40, 96, 170, 255);   // going
    case 3: return IM_COL32(40, 110, 70, 255);   // good
    case 4: return IM_COL32(150, 60, 30, 255);   // warning: the symptom
    default: return IM_COL32(60, 70, 84, 255);   // neutral
  }
}

bool push_font(ImFont* font) {
  if (!font) return false;
  ImGui::PushFont(font);
  return true;
}

void pop_font(bool pushed) {
  if (pushed) ImGui::PopFont();
}

}  // namespace locklab::viz
