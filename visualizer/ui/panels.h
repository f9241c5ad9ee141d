// The panels of the window, one file each, all drawn by VizApp::frame() at
// the rectangles of the frame's Layout. Each reads AppState and asks VizApp
// for work through its actions.
#pragma once

#include <string>
#include <vector>

#include "layout.h"
#include "locklab/run/catalogue.h"

namespace locklab::viz {

class VizApp;

/// The files a column of the sources panel shows: 0, the buggy variant's
/// (and the files both variants share); 1, those of the fixed variant `fix`.
std::vector<std::string> column_files(const BugInfo& bug, int column, const std::string& fix);

void draw_catalogue_panel(VizApp& app, const Rect& r);   // panel_catalogue.cpp
void draw_timelines_panel(VizApp& app, const Rect& r);   // panel_timelines.cpp
void draw_side_panel(VizApp& app, const Rect& r);        // panel_side.cpp
void draw_source_panel(VizApp& app, const Rect& r);      // panel_source.cpp
void draw_status_line(VizApp& app, const Rect& r);       // panel_status.cpp
void draw_help_overlay(VizApp& app);                     // overlay_help.cpp
void draw_file_dialog(VizApp& app);                      // dialog_file.cpp
void draw_exercise_list(VizApp& app);   // panel_exercise.cpp: the catalogue's Exercises section
void draw_exercise_tab(VizApp& app);    // panel_exercise.cpp: the right panel's Exercise tab

}  // namespace locklab::viz
