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

/// `text` cut at the right with "..." so it is at most `max_width` pixels
/// wide in the current font (whole when it fits; "" when not even "..." fits).
std::string elide_right(const std::string& text, float max_width);

/// A progress bar `width` wide with `text` beside it, on its left, never
/// wider than `text_width` (elided at its end): a long text is never cut
/// on the left the way a bar's overlay is. Starts at the cursor; returns
/// the text as shown.
std::string progress_with_text(float fraction, const std::string& text, float text_width, float width);

/// Pushes a font if it is not null; pop_font pops only what was pushed.
bool push_font(ImFont* font);
void pop_font(bool pushed);

/// A badge's background for a tone of run_badges.h.
ImU32 tone_color(int tone);

inline constexpr ImU32 kBuggyColor = IM_COL32(200, 60, 64, 255);
inline constexpr ImU32 kFixedColor = IM_COL32(46, 140, 80, 255);
inline constexpr ImU32 kDimText = IM_COL32(150, 156, 168, 255);
inline constexpr ImU32 kErrorText = IM_COL32(255, 110, 100, 255);
inline constexpr ImU32 kOkText = IM_COL32(120, 210, 140, 255);
inline constexpr ImU32 kWarnText = IM_COL32(255, 190, 80, 255);
/// A fix's ordinary contention (contention_words.h): calm, not the bug's red.
inline constexpr ImU32 kOrdinaryText = IM_COL32(170, 195, 225, 255);

}  // namespace locklab::viz
