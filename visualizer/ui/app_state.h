// AppState: everything the visualizer shows that outlives a frame. The UI is
// rebuilt every frame from it (Dear ImGui's way); the panels read it and
// change it, and VizApp turns the requests they leave in it into work.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "imgui.h"
#include "layout.h"
#include "loaded_run.h"
#include "time_view.h"

namespace locklab::viz {

/// Fonts the panels use; nullptr means ImGui's default font.
struct Fonts {
  ImFont* ui = nullptr;
  ImFont* heading = nullptr;
  ImFont* mono = nullptr;
};

/// One of the two timelines: index 0 shows the buggy variant, 1 a fixed one.
struct Slot {
  LoadedRun run;            // empty until a run or a file fills it
  std::string message;      // why the last attempt to fill it failed, or how a
                            // run whose trace so far is shown ended (crash, kill)
  bool live = false;        // `run` is the trace so far of a run still going
};

/// The CLI's default event budget per thread (lab/cli/README.md).
inline constexpr int kDefaultEventsPerThread = 524288;
inline constexpr int kMaxEventsPerThread = 16777216;

/// The run controls, as the user set them for the selected bug.
struct Controls {
  int threads = 0;
  int duration_ms = 0;
  std::map<std::string, double> params;
  int events_per_thread = kDefaultEventsPerThread;  // each thread's event budget (`--events-per-thread`)
  bool fix_on = false;       // "Run one" runs the fix, and the fix's source is in front
  int fixed_variant = 0;     // which fixed variant is "the fix" (index into fixed_variants())
};

/// A line of the sources to bring into view (a click on a profile row).
struct SourceJump {
  int column = 0;            // 0: the buggy variant's sources, 1: the fix's
  std::string file;          // base name, "buggy.cpp"
  int line = 0;
  bool pending = false;      // the source panel has not scrolled there yet
  double flash_until = 0;    // ImGui time until which the line is highlighted
};

struct Message {
  std::string text;
  bool error = false;
};

enum class SideTab { kStory, kContention, kDump, kExercise };

struct AppState {
  std::string bug;           // selected bug id ("" if none)
  std::string exercise;      // the chosen exercise ("" if none): the timelines show the learner's
                             // variant (top) against its reference fix (bottom)
  std::string search;        // catalogue filter
  Controls controls;
  std::array<Slot, 2> slots;
  TimeView view;
  // The window the app last framed a failing run's moment in
  // (symptom_frame.h), while the view still shows it: a new failing run is
  // framed only over a view nobody moved by hand (fitted, or this frame).
  // framed_want_*: the window it asked for, shown again as the axis grows
  // (the other run, still to come, makes the axis longer).
  bool view_framed = false;
  double framed_begin_ns = 0, framed_end_ns = 0;
  double framed_want_begin_ns = 0, framed_want_end_ns = 0;
  SourceJump jump;
  std::vector<Message> messages;
  bool show_help = false;
  float ui_scale = 1.0f;           // text and panels (a projector: 1.5, 2); Ctrl + = / - / 0
  float ui_scale_start = 1.0f;     // what Ctrl + 0 returns to (--ui-scale)
  SideTab side_tab = SideTab::kStory;
  bool side_tab_pending = false;   // select side_tab on the next frame
  // File dialog (open / save): a path typed by the user.
  bool file_dialog_open = false;
  bool file_dialog_save = false;
  int file_dialog_slot = 0;
  std::string file_path;
  std::string popup_error;         // shown in a modal until dismissed
  // The frame's layout and figures (for hit testing, tests and the status line).
  Layout layout;
  TimelineLayout timelines;
  std::size_t frame_rects = 0;
  float column_px = 1;
};

}  // namespace locklab::viz
