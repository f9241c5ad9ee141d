// VizApp: the visualizer without its window. frame() draws every panel with
// ImGui calls (between NewFrame and Render) and does the work the panels and
// keys asked for: selecting a bug, running variants as child processes,
// loading and saving traces. The GLFW/OpenGL shell (app/) only feeds it
// frames; tests and the frame benchmark drive it with a bare ImGui context.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app_state.h"
#include "locklab/sched/schedule.h"
#include "exercise_ui.h"
#include "input.h"
#include "item_rects.h"
#include "run_queue.h"
#include "step_ui.h"
#include "timeline_draw.h"

namespace locklab::viz {

struct AppOptions {
  std::string locklab;        // the CLI's path ("" -> default_locklab_path())
  std::string work_dir;       // for run traces ("" -> a fresh temporary one)
  std::size_t max_rects = kDefaultMaxRects;  // rectangles a frame's timelines may draw
  std::string build_dir;      // where the exercises are built ("" -> the build this program runs from)
};

class VizApp {
 public:
  explicit VizApp(AppOptions options = {});
  ~VizApp();
  VizApp(const VizApp&) = delete;
  VizApp& operator=(const VizApp&) = delete;

  /// `loaded_scale`: the UI scale the fonts were rasterized at (load_fonts);
  /// ImGui scales them from there to the UI scale.
  void set_fonts(const Fonts& fonts, float loaded_scale = 1.0f) {
    fonts_ = fonts;
    fonts_scale_ = loaded_scale;
  }
  const Fonts& fonts() const noexcept { return fonts_; }

  /// Draws the whole UI for this frame and advances runs and loads.
  void frame();

  // ---- actions (the panels and keys call these) ---------------------------
  /// Selects a bug: its story, controls at its defaults, sources. Clears the
  /// timelines when the bug changes (and cancels its runs).
  void select_bug(const std::string& id);
  /// Runs the buggy variant and the fix, one after the other.
  void run_both();
  /// Runs the fix when the fix toggle is on, else the buggy variant.
  void run_one();
  void cancel_runs();
  /// Loads a .lltrace on a worker thread into the slot its variant belongs to.
  void open_trace(const std::string& path);
  /// Writes a slot's trace; an error message, or "" on success.
  std::string save_slot(int slot, const std::string& path);
  /// Puts a loaded run into its slot (tests; open_trace ends here). A
  /// failing run is framed: the axis zooms to the moment it stopped
  /// (frame_symptom).
  void show_run(LoadedRun run, int slot = -1);
  /// Shows the trace so far of a run still going in `slot`: the timeline
  /// grows; the sources and tabs stay where the user left them.
  void show_live(LoadedRun run, int slot);
  void toggle_fix();
  /// Sets the UI scale (clamped to kMinUiScale..kMaxUiScale): ImGui's font
  /// scale and the panels' and lanes' sizes follow from the next frame.
  void set_ui_scale(float scale);
  static constexpr float kMinUiScale = 0.75f, kMaxUiScale = 3.0f, kUiScaleStep = 1.25f;
  /// Brings a source line into view in a column; `flash` outlines it briefly.
  void jump_to(int column, const std::string& file, int line, bool flash = true);
  void message(std::string text, bool error = false);

  // ---- step mode (step_ui.h, step_panel.cpp) ------------------------------
  /// Opens the step view on the selected bug: `goal` names one of its
  /// challenges ("" the first one, "none" free play with the controls'
  /// parameters), on `variant` ("" the challenge's, else buggy). Errors go
  /// to the messages and leave the view closed.
  void start_step(const std::string& variant = "", const std::string& goal = "");
  /// Opens the step view on a saved schedule's bug and settings (threads,
  /// duration, parameters, run seed, step limit) and takes its steps, on
  /// `variant` ("" the schedule's). A step the run does not offer (the
  /// schedule diverged, as it may on another variant) stops there, with
  /// the error line saying which.
  void start_step_schedule(const sched::Schedule& schedule, const std::string& variant = "");
  void stop_step();
  /// Runs `action` on the open session; a StepError or ScheduleError becomes
  /// the panel's error line. Then the timelines show the new state.
  void step_do(const std::function<void(sched::StepSession&)>& action);
  StepUi& step_ui() noexcept { return step_; }

  // ---- exercises (exercise_ui.h, panel_exercise.cpp) ----------------------
  /// Reads the exercises and their statuses again.
  void refresh_exercises();
  /// Chooses an exercise: selects its bug, checks it (`locklab check`, which
  /// builds the learner's binary), then runs the learner's variant and the
  /// reference fix side by side. Errors go to the messages.
  void choose_exercise(const std::string& id);
  /// Leaves the exercise: the bug stays selected, the timelines are cleared.
  void close_exercise();
  ExerciseUi& exercise_ui() noexcept { return exercise_; }
  const ExerciseUi& exercise_ui() const noexcept { return exercise_; }

  // ---- queries ------------------------------------------------------------
  AppState& state() noexcept { return s_; }
  const AppState& state() const noexcept { return s_; }
  /// Runs queued or going, or traces loading.
  bool busy() const noexcept { return queue_.busy() || !loads_.empty() || exercise_.busy(); }
  const RunQueue& queue() const noexcept { return queue_; }
  /// The bug's fixed variant the toggle and "run both" use ("" if none).
  std::string fix_variant() const;
  std::size_t max_rects() const noexcept { return options_.max_rects; }
  TimelineMouse& mouse() noexcept { return mouse_; }
  /// Where this frame put its clickable and readable items (item_rects.h;
  /// off unless enabled).
  ItemRects& items() noexcept { return items_; }
  const ItemRects& items() const noexcept { return items_; }

 private:
  /// Replaces the step session with make()'s (runs are cancelled first);
  /// false, with the error in the messages, if it threw.
  bool open_step_session(const std::function<std::unique_ptr<sched::StepSession>()>& make);
  void handle_keys();
  void poll_work();
  RunRequest request_for(const std::string& variant, int slot) const;
  void update_extent();
  /// A finished run that failed (a deadlock, a panic...) shows the moment it
  /// stopped: the shared axis zoomed to symptom_window(), unless the user
  /// moved the view by hand since it was fitted or last framed.
  void frame_symptom(const RunModel& run);
  /// The view is still the window frame_symptom() last chose.
  bool view_is_framed() const noexcept;
  /// Shows the window frame_symptom() asked for, as much as the axis holds.
  void show_framed();
  void step_changed();
  void poll_exercise();
  void exercise_checked();

  AppOptions options_;
  bool own_work_dir_ = false;
  AppState s_;
  Fonts fonts_;
  float fonts_scale_ = 1.0f;
  RunQueue queue_;
  TimelineMouse mouse_;
  ItemRects items_;
  StepUi step_;
  ExerciseUi exercise_;
  struct PendingLoad {
    std::string path;
    std::future<LoadedRun> future;
  };
  std::vector<PendingLoad> loads_;
};

}  // namespace locklab::viz
