// The step view's panel (step_panel.cpp), drawn in the right column instead
// of the bug panel while VizApp's step view is active.
#pragma once

#include "layout.h"

namespace locklab::viz {

class VizApp;

void draw_step_panel(VizApp& app, const Rect& r);

}  // namespace locklab::viz
