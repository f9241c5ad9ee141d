// A small Markdown reader for the bugs' stories: headings, paragraphs,
// bullets, fenced code blocks (in the monospace font) and tables (as code).
// Inline `code` and **bold** marks are dropped, keeping their text: a story
// must read well, not render every Markdown feature.
#pragma once

#include <string>

#include "app_state.h"

namespace locklab::viz {

void draw_markdown(const std::string& text, const Fonts& fonts);

/// The text of one paragraph line with inline marks removed (tests).
std::string strip_inline_marks(const std::string& line);

}  // namespace locklab::viz
