#include "markdown.h"

#include <sstream>
#include <vector>

#include "widgets.h"

namespace locklab::viz {

std::string strip_inline_marks(const std::string& line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '`') continue;
    if (line[i] == '*' && i + 1 < line.size() && line[i + 1] == '*') {
      ++i;
      continue;
    }
    out += line[i];
  }
  return out;
}

namespace {

void flush_paragraph(std::string& para) {
  if (para.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(strip_inline_marks(para).c_str());
  ImGui::PopTextWrapPos();
  para.clear();
}

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

}  // namespace

void draw_markdown(const std::string& text, const Fonts& fonts) {
  std::istringstream in(text);
  std::string line, para;
  bool code = false;
  while (std::getline(in, line)) {
    if (starts_with(line, "```")) {
      flush_paragraph(para);
      code = !code;
      continue;
    }
    if (code || starts_with(line, "|")) {
      flush_paragraph(para);
      const bool pushed = push_font(fonts.mono);
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(190, 210, 235, 255));
      ImGui::TextUnformatted(line.empty() ? " " : line.c_str());
      ImGui::PopStyleColor();
      pop_font(pushed);
      continue;
    }
    if (line.empty()) {
      flush_paragraph(para);
      ImGui::Spacing();
      continue;
    }
    if (starts_with(line, "#")) {
      flush_paragraph(para);
      const std::size_t level = line.find_first_not_of('#');
      const std::string title = strip_inline_marks(line.substr(level == std::string::npos ? line.size() : level + 1));
      const bool pushed = push_font(level <= 1 ? fonts.heading : nullptr);
      ImGui::Spacing();
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(235, 200, 120, 255));
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(title.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopStyleColor();
      pop_font(pushed);
      continue;
    }
    if (starts_with(line, "- ") || starts_with(line, "* ")) {
      flush_paragraph(para);
      ImGui::Bullet();
      ImGui::SameLine();
      para = line.substr(2);
      // A bullet's continuation lines are indented: gather them.
      continue;
    }
    if (!para.empty()) para += ' ';
    const std::size_t first = line.find_first_not_of(' ');
    para += line.substr(first == std::string::npos ? 0 : first);
  }
  flush_paragraph(para);
}

}  // namespace locklab::viz
