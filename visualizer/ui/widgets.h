// Small drawing helpers the panels share.
#pragma once

#include <string>
#include <string_view>

#include "imgui.h"

namespace locklab::viz {

/// A dim "(?)" that shows `text` in a tooltip when hovered (imgui_demo's idiom).
void help_marker(const char* text);

/// A small filled label ("BUGGY" on red) on the current line.
void tag(const char* text, ImU32 background, ImU32 foreground = IM_COL32(255, 255, 255, 255));

/// Text in a colour, wrapped at the window's edge.
void colored_wrapped(ImU32 color, const std::string& text);

/// Pushes a font if it is not null; pop_font pops only what was pushed.
bool push_font(ImFont* font);
void pop_font(bool pushed);

inline constexpr ImU32 kBuggyColor = IM_COL32(200, 60, 64, 255);
inline constexpr ImU32 kFixedColor = IM_COL32(46, 140, 80, 255);
inline constexpr ImU32 kDimText = IM_COL32(150, 156, 168, 255);
inline constexpr ImU32 kErrorText = IM_COL32(255, 110, 100, 255);
inline constexpr ImU32 kOkText = IM_COL32(120, 210, 140, 255);
inline constexpr ImU32 kWarnText = IM_COL32(255, 190, 80, 255);

}  // namespace locklab::viz
