// locklab-viz's command line.
//
//   locklab-viz [--bug ID] [--trace FILE]... [--threads N] [--duration MS]
//               [--param NAME=VALUE]... [--size WxH] [--ui-scale S]
//   locklab-viz --screenshot OUT.png [--frames N] [--panels OUT.json]
//               [--mouse X,Y] [--view FROM_MS,TO_MS] [--tab story|contention|dump]
//               [--help-overlay] [--timeout S] ...
//   locklab-viz --bug ID --step "1 2 2" [--goal G] [--step-variant V] [--screenshot OUT.png]
//   locklab-viz --schedule FILE [--step-variant V] [--screenshot OUT.png]
//   locklab-viz --exercise ID [--build-dir DIR] [--screenshot OUT.png]
//
// With --screenshot the app renders without a person: it opens --trace
// files, or with --bug (and no --trace) runs both variants through the CLI,
// waits until everything has loaded, draws --frames more frames and writes
// the last one as a PNG, then exits (0 when the PNG was written).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace locklab::viz {

struct VizOptions {
  std::string bug;
  std::vector<std::string> traces;
  std::optional<int> threads, duration_ms;
  std::map<std::string, std::string> params;
  int width = 1600, height = 1000;
  float ui_scale = 1.0f;            // text, panels and lanes (a projector: 1.5, 2)
  std::string screenshot;           // PNG path; empty: interactive
  std::string panels;               // JSON of panel rectangles (with --screenshot)
  int frames = 3;
  std::optional<std::pair<float, float>> mouse;   // simulated pointer
  std::optional<std::pair<double, double>> view_ms;
  std::string tab;                  // story, contention, dump
  bool help_overlay = false;
  bool fix_on = false;
  double timeout_s = 120;
  std::string locklab;              // CLI path override
  std::optional<std::string> step;  // open the step view and take these steps ("1 2 2"; "" none yet)
  std::string goal;                 // the step view's challenge ("" the bug's first, "none" free play)
  std::string step_variant;         // the variant to step through ("" the challenge's, or the schedule's)
  std::string schedule;             // a saved schedule (explore --save, step's save): open it in the step view
  std::string exercise;             // choose this workshop exercise: check it, run it against the reference
  std::string build_dir;            // where the exercises are built ("" the build locklab-viz runs from)
};

/// Parses argv. Returns the exit code to leave with (0 for --help) when
/// the program should not go on, with the message already printed.
std::optional<int> parse_options(int argc, char** argv, VizOptions& out);

}  // namespace locklab::viz
