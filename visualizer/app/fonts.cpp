#include "fonts.h"

#include <cstdlib>
#include <filesystem>
#include <string>

namespace locklab::viz {

namespace {

std::string find_font(const char* name) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("LOCKLAB_VIZ_FONT_DIR"); env && *env) dirs.push_back(env);
  dirs.push_back("/usr/share/fonts/truetype/dejavu");
  dirs.push_back("/usr/share/fonts/TTF");
  for (const std::string& d : dirs) {
    const std::string p = d + "/" + name;
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return p;
  }
  return {};
}

// Latin-1, general punctuation (dashes, ellipsis), arrows.
const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0};

}  // namespace

Fonts load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  Fonts f;
  const std::string sans = find_font("DejaVuSans.ttf");
  const std::string bold = find_font("DejaVuSans-Bold.ttf");
  const std::string mono = find_font("DejaVuSansMono.ttf");
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  if (!sans.empty()) f.ui = io.Fonts->AddFontFromFileTTF(sans.c_str(), 15.0f * scale, &cfg, kRanges);
  if (!f.ui) f.ui = io.Fonts->AddFontDefault();
  if (!bold.empty()) f.heading = io.Fonts->AddFontFromFileTTF(bold.c_str(), 17.0f * scale, &cfg, kRanges);
  if (!mono.empty()) f.mono = io.Fonts->AddFontFromFileTTF(mono.c_str(), 13.5f * scale, &cfg, kRanges);
  io.FontDefault = f.ui;
  return f;
}

}  // namespace locklab::viz
