// The look: a dark theme tuned for a projector (larger paddings, rounded
// corners, calm panel colours so the timeline's state colours stand out).
#pragma once

#include "imgui.h"

namespace locklab::viz {

void apply_theme(ImGuiStyle& style);

}  // namespace locklab::viz
