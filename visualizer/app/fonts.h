// Fonts: DejaVu Sans (text), Sans Bold (headings), Sans Mono (code and
// dumps) from the system, sized for a projector; ImGui's built-in font when
// they are missing (the app still works, only plainer).
#pragma once

#include "app_state.h"

namespace locklab::viz {

/// Adds the fonts to ImGui's atlas (before the renderer builds it).
Fonts load_fonts(float scale = 1.0f);

}  // namespace locklab::viz
