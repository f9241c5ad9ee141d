#include "theme.h"

namespace locklab::viz {

void apply_theme(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.TabRounding = 3;
  style.GrabRounding = 3;
  style.WindowBorderSize = 1;
  style.FramePadding = ImVec2(6, 3);
  style.ItemSpacing = ImVec2(8, 5);
  style.WindowPadding = ImVec2(8, 6);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.105f, 0.115f, 0.135f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
  c[ImGuiCol_PopupBg] = ImVec4(0.13f, 0.14f, 0.17f, 0.98f);
  c[ImGuiCol_TitleBg] = ImVec4(0.14f, 0.16f, 0.20f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.17f, 0.20f, 0.26f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.26f, 0.28f, 0.33f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.30f, 0.44f, 0.70f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.27f, 0.38f, 0.56f, 0.85f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.30f, 0.43f, 0.64f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.22f, 0.32f, 0.48f, 0.85f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.42f, 0.62f, 1.0f);
  c[ImGuiCol_Tab] = ImVec4(0.16f, 0.20f, 0.28f, 1.0f);
  c[ImGuiCol_TabActive] = ImVec4(0.26f, 0.36f, 0.54f, 1.0f);
  c[ImGuiCol_TabHovered] = ImVec4(0.30f, 0.42f, 0.62f, 1.0f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1.0f, 1.0f, 1.0f, 0.03f);
}

}  // namespace locklab::viz
