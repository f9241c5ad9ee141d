#include "options.h"

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "locklab/run/catalogue.h"
#include "locklab/sched/schedule.h"

#include "locklab/present/run_settings.h"  // the same checks and words as `locklab run`

namespace locklab::viz {

namespace {

template <typename T>
bool parse_pair(const std::string& text, char sep, T& a, T& b) {
  const auto at = text.find(sep);
  if (at == std::string::npos) return false;
  try {
    a = static_cast<T>(std::stod(text.substr(0, at)));
    b = static_cast<T>(std::stod(text.substr(at + 1)));
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace

std::optional<int> parse_options(int argc, char** argv, VizOptions& o) {
  CLI::App app{"locklab-viz: buggy and fixed runs of a concurrency bug, side by side on one timeline"};
  std::string size, mouse, view;
  std::vector<std::string> params;
  std::optional<std::string> threads, duration;
  app.add_option("--bug", o.bug, "select this bug (with --screenshot and no --trace: run both variants)");
  app.add_option("--trace", o.traces, "open a .lltrace file (repeat: buggy and fixed)");
  app.add_option("--threads", threads, "worker threads for runs, 1 to 256");
  app.add_option("--duration", duration, "milliseconds a run lasts, 1 to 600000");
  app.add_option("--param", params, "a bug parameter NAME=VALUE (repeat)");
  app.add_option("--size", size, "window size WxH (default 1600x1000)");
  app.add_option("--ui-scale", o.ui_scale, "text, panels and lanes this much larger, 0.75 to 3 (a projector: 1.5 or 2; "
                                           "Ctrl + = / - / 0 change it while the app runs)");
  app.add_option("--screenshot", o.screenshot, "render without a person and write this PNG, then exit");
  app.add_option("--frames", o.frames, "frames drawn after everything loaded, before the PNG (default 3)")
      ->check(CLI::Range(1, 1000));
  app.add_option("--panels", o.panels, "with --screenshot: write the panels' rectangles as JSON here");
  app.add_option("--mouse", mouse, "with --screenshot: put the pointer at X,Y (shows a tooltip)");
  app.add_option("--view", view, "show FROM_MS,TO_MS of the time axis");
  app.add_option("--tab", o.tab, "right panel tab: story, contention or dump")
      ->check(CLI::IsMember({"story", "contention", "dump"}));
  app.add_flag("--help-overlay", o.help_overlay, "open the help overlay");
  app.add_flag("--fix", o.fix_on, "start with the fix toggle on");
  app.add_option("--timeout", o.timeout_s, "with --screenshot: seconds to wait for runs and loads (default 120)");
  app.add_option("--step", o.step, "with --bug: open the step view and take these steps (thread numbers, \"1 2 2\")");
  app.add_option("--goal", o.goal, "with --step: the bug's challenge to play ('none': free play)");
  app.add_option("--step-variant", o.step_variant, "with --step or --schedule: the variant to step through");
  app.add_option("--schedule", o.schedule,
                 "open a saved schedule (locklab explore --save, step's save) in the step view, every step taken; "
                 "with --step-variant, on that variant (the fix, say)");
  app.add_option("--exercise", o.exercise,
                 "choose this workshop exercise: check it ('locklab check'), then run your variant and the "
                 "reference fix side by side");
  app.add_option("--build-dir", o.build_dir, "the build directory whose exercises the catalogue lists "
                 "(default: the one locklab-viz was built in)");
  app.add_option("--locklab", o.locklab, "the locklab CLI to run bugs with (default: next to locklab-viz)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line and exit 2, like the locklab CLI (CLI11 would print its usage).
    std::cerr << "locklab-viz: " << e.what() << "\n";
    return 2;
  }
  // The bug, threads, duration and parameters are checked before any window
  // opens, by the CLI's own rules (present/run_settings.h).
  try {
    const BugInfo* bug = o.bug.empty() ? nullptr : &present::find_bug(o.bug);
    if (!params.empty() && !bug) throw present::UsageError("--param needs --bug (parameters belong to a bug)");
    present::RunOptions run;
    run.threads = threads;
    run.duration = duration;
    run.params = params;
    const RunConfig config = present::make_config(run, bug);
    if (config.threads > 0) o.threads = static_cast<int>(config.threads);
    if (config.duration_ms > 0) o.duration_ms = static_cast<int>(config.duration_ms);
    o.params = config.params;
  } catch (const std::exception& e) {
    std::cerr << "locklab-viz: " << e.what() << "\n";
    return 2;
  }
  if (!size.empty() && (!parse_pair(size, 'x', o.width, o.height) || o.width < 400 || o.height < 300)) {
    std::cerr << "locklab-viz: --size: '" << size << "' is not WxH of at least 400x300\n";
    return 2;
  }
  if (!(o.ui_scale >= 0.75f && o.ui_scale <= 3.0f)) {
    std::cerr << "locklab-viz: --ui-scale: " << o.ui_scale << " is not between 0.75 and 3\n";
    return 2;
  }
  if (!mouse.empty()) {
    float x = 0, y = 0;
    if (!parse_pair(mouse, ',', x, y)) {
      std::cerr << "locklab-viz: --mouse: '" << mouse << "' is not X,Y\n";
      return 2;
    }
    o.mouse = std::make_pair(x, y);
  }
  if (!view.empty()) {
    double a = 0, b = 0;
    if (!parse_pair(view, ',', a, b) || !(b > a)) {
      std::cerr << "locklab-viz: --view: '" << view << "' is not FROM_MS,TO_MS with FROM < TO\n";
      return 2;
    }
    o.view_ms = std::make_pair(a, b);
  }
  if (!o.schedule.empty()) {
    if (o.step || !o.exercise.empty()) {
      std::cerr << "locklab-viz: --schedule cannot be combined with --step or --exercise\n";
      return 2;
    }
    try {
      const sched::Schedule s = sched::load_schedule(o.schedule);
      if (s.bug.empty()) throw sched::ScheduleError(o.schedule + ": names no bug (an ad-hoc workload's schedule)");
      const BugInfo& bug = present::find_bug(s.bug);
      if (!o.bug.empty() && o.bug != bug.id)
        throw present::UsageError("--bug " + o.bug + " but the schedule is for " + bug.id);
      o.bug = bug.id;
    } catch (const std::exception& e) {
      std::cerr << "locklab-viz: --schedule: " << e.what() << "\n";
      return 2;
    }
  }
  if (!o.panels.empty() && o.screenshot.empty()) {
    std::cerr << "locklab-viz: --panels needs --screenshot\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace locklab::viz
