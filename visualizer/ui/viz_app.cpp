#include "viz_app.h"

#include <algorithm>
#include <cmath>

#include "locklab/run/catalogue.h"
#include "locklab/sched/controlled.h"
#include "locklab/trace/trace_file.h"
#include "panels.h"
#include "side_analyses.h"
#include "step_panel.h"
#include "symptom_frame.h"

namespace locklab::viz {

namespace {

std::string number_text(double v, bool integer) {
  if (integer) return std::to_string(static_cast<long long>(std::llround(v)));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

VizApp::VizApp(AppOptions options)
    : options_(std::move(options)),
      queue_(options_.locklab.empty() ? (options_.locklab = default_locklab_path()) : options_.locklab,
             options_.work_dir.empty() ? (own_work_dir_ = true, options_.work_dir = make_work_dir())
                                       : options_.work_dir) {
  s_.view.set_extent(1e9);
  const auto all = Catalogue::get().all();
  if (!all.empty()) select_bug(all.front()->id);
}

VizApp::~VizApp() {
  queue_.cancel_all();
  for (PendingLoad& l : loads_) l.future.wait();
  if (own_work_dir_) remove_work_dir(options_.work_dir);
}

void VizApp::message(std::string text, bool error) {
  s_.messages.push_back({std::move(text), error});
  if (s_.messages.size() > 200) s_.messages.erase(s_.messages.begin());
}

void VizApp::select_bug(const std::string& id) {
  const BugInfo* bug = Catalogue::get().find(id);
  if (!bug) {
    message("unknown bug '" + id + "'", true);
    return;
  }
  if (id != s_.bug) {
    if (step_.active()) stop_step();
    if (!s_.exercise.empty()) close_exercise();
    cancel_runs();
    for (Slot& slot : s_.slots) slot = Slot{};
    s_.view.fit();
  }
  s_.bug = id;
  Controls c;
  c.threads = static_cast<int>(bug->default_threads);
  c.duration_ms = static_cast<int>(bug->default_duration_ms);
  for (const ParamSpec& p : bug->params) c.params[p.name] = p.default_value;
  c.fix_on = s_.controls.fix_on;
  c.events_per_thread = s_.controls.events_per_thread;  // a budget is the user's, not the bug's
  s_.controls = c;
  s_.jump = SourceJump{};
  s_.side_tab = SideTab::kStory;
  s_.side_tab_pending = true;
}

std::string VizApp::fix_variant() const {
  const BugInfo* bug = Catalogue::get().find(s_.bug);
  if (!bug) return {};
  const auto fixes = bug->fixed_variants();
  if (fixes.empty()) return {};
  const int i = std::clamp(s_.controls.fixed_variant, 0, static_cast<int>(fixes.size()) - 1);
  return fixes[static_cast<std::size_t>(i)]->name;
}

RunRequest VizApp::request_for(const std::string& variant, int slot) const {
  RunRequest r;
  r.bug = s_.bug;
  r.variant = variant;
  r.slot = slot;
  r.threads = static_cast<std::uint32_t>(std::max(0, s_.controls.threads));
  r.duration_ms = static_cast<std::uint64_t>(std::max(0, s_.controls.duration_ms));
  if (s_.controls.events_per_thread != kDefaultEventsPerThread)
    r.events_per_thread = static_cast<std::uint32_t>(std::max(1, s_.controls.events_per_thread));
  if (const BugInfo* bug = Catalogue::get().find(s_.bug)) {
    for (const ParamSpec& p : bug->params) {
      const auto it = s_.controls.params.find(p.name);
      if (it != s_.controls.params.end()) r.params[p.name] = number_text(it->second, p.integer);
    }
  }
  return r;
}

void VizApp::run_both() {
  const BugInfo* bug = Catalogue::get().find(s_.bug);
  if (!bug) return message("select a bug first", true);
  cancel_runs();
  if (view_is_framed()) s_.view.fit();  // new runs grow on a fitted axis, to be framed again
  if (const VariantInfo* b = bug->buggy_variant()) queue_.push(request_for(b->name, 0));
  const std::string fix = fix_variant();
  if (!fix.empty()) queue_.push(request_for(fix, 1));
  message("running " + s_.bug + ": buggy, then " + (fix.empty() ? "no fix" : fix));
}

void VizApp::run_one() {
  const BugInfo* bug = Catalogue::get().find(s_.bug);
  if (!bug) return message("select a bug first", true);
  cancel_runs();
  if (view_is_framed()) s_.view.fit();  // new runs grow on a fitted axis, to be framed again
  const std::string variant = s_.controls.fix_on ? fix_variant() : (bug->buggy_variant() ? bug->buggy_variant()->name : "");
  if (variant.empty()) return message("this bug has no such variant", true);
  queue_.push(request_for(variant, s_.controls.fix_on ? 1 : 0));
  message("running " + s_.bug + " " + variant);
}

void VizApp::cancel_runs() {
  if (queue_.busy()) message("runs cancelled");
  queue_.cancel_all();
  // A run cut short is no longer going: its trace so far is what there is.
  for (Slot& slot : s_.slots)
    if (slot.live) {
      slot.live = false;
      if (slot.run.ok()) slot.message = "cancelled: showing the trace so far";
    }
}

void VizApp::toggle_fix() { s_.controls.fix_on = !s_.controls.fix_on; }

void VizApp::set_ui_scale(float scale) {
  s_.ui_scale = std::clamp(scale, kMinUiScale, kMaxUiScale);
  message("UI scale " + std::to_string(static_cast<int>(std::lround(s_.ui_scale * 100))) + "% (Ctrl + = / - / 0)");
}

void VizApp::open_trace(const std::string& path) {
  loads_.push_back({path, start_load(path)});
  message("loading " + path);
}

std::string VizApp::save_slot(int slot, const std::string& path) {
  if (slot < 0 || slot > 1 || !s_.slots[static_cast<std::size_t>(slot)].run.ok())
    return "nothing to save: that timeline is empty";
  const std::string error = save_trace(s_.slots[static_cast<std::size_t>(slot)].run.model->trace(), path);
  if (error.empty()) message("saved " + path);
  return error;
}

void VizApp::show_run(LoadedRun run, int slot) {
  if (!run.ok()) return;
  const Trace& trace = run.model->trace();
  if (slot < 0) slot = is_buggy_run(trace) ? 0 : 1;
  // A run of another bug selects that bug first (which clears the slots),
  // so story, sources and timelines always belong together.
  if (!trace.info.bug.empty() && trace.info.bug != s_.bug && Catalogue::get().find(trace.info.bug)) {
    select_bug(trace.info.bug);
  }
  if (slot == 1) {
    const BugInfo* bug = Catalogue::get().find(s_.bug);
    if (bug) {
      const auto fixes = bug->fixed_variants();
      for (std::size_t i = 0; i < fixes.size(); ++i)
        if (fixes[i]->name == trace.info.variant) s_.controls.fixed_variant = static_cast<int>(i);
    }
  }
  // The sources open where this run waited most (or, with no waits, where
  // a lock was held while others waited), when that line is the bug's own.
  const ContentionProfile& prof = run.model->contention();
  const auto& rows = !prof.by_waiter.empty() ? prof.by_waiter : prof.by_holder;
  if (!rows.empty() && !s_.jump.pending) {
    const std::string file = site_file(trace, rows.front().site);
    const BugInfo* bug = Catalogue::get().find(s_.bug);
    if (bug) {
      // The files the column shows (the fix's, for the lower one): a buggy
      // run below (step mode's outcome) has no line there to open.
      auto files = column_files(*bug, slot, fix_variant());
      if (slot == 0 && !s_.exercise.empty() && !files.empty()) files.front() = "exercise.cpp";  // the learner's file
      if (std::find(files.begin(), files.end(), file) != files.end())
        jump_to(slot, file, static_cast<int>(trace.sites[rows.front().site].line), false);
    }
  }
  Slot& target = s_.slots[static_cast<std::size_t>(slot)];
  target.run = std::move(run);
  target.message.clear();
  target.live = false;
  if (s_.exercise.empty()) {  // an exercise keeps its grade in front
    s_.side_tab = SideTab::kContention;
    s_.side_tab_pending = true;
  }
  update_extent();
  frame_symptom(*target.run.model);
}

void VizApp::frame_symptom(const RunModel& run) {
  const std::optional<SymptomWindow> w = symptom_window(run);
  if (!w) return;
  if (!s_.view.fitted() && !view_is_framed()) return;
  s_.framed_want_begin_ns = w->begin_ns;
  s_.framed_want_end_ns = w->end_ns;
  show_framed();
}

void VizApp::show_framed() {
  s_.view.show(s_.framed_want_begin_ns, s_.framed_want_end_ns);
  s_.view_framed = true;
  s_.framed_begin_ns = s_.view.begin();
  s_.framed_end_ns = s_.view.end();
}

bool VizApp::view_is_framed() const noexcept {
  return s_.view_framed && s_.view.begin() == s_.framed_begin_ns && s_.view.end() == s_.framed_end_ns;
}

void VizApp::show_live(LoadedRun run, int slot) {
  if (!run.ok() || slot < 0 || slot > 1) return;
  Slot& target = s_.slots[static_cast<std::size_t>(slot)];
  target.run = std::move(run);
  target.message.clear();
  target.live = true;
  update_extent();  // a fitted view keeps fitting as the run grows
}

void VizApp::update_extent() {
  double extent = 0;
  for (const Slot& slot : s_.slots)
    if (slot.run.ok()) extent = std::max(extent, slot.run.model->duration_ns());
  if (extent <= 0) return;
  const bool framed = view_is_framed();
  s_.view.set_extent(extent);
  if (framed) show_framed();  // a longer axis may now hold all of the framed window
}

void VizApp::jump_to(int column, const std::string& file, int line, bool flash) {
  s_.jump.column = column;
  s_.jump.file = file;
  s_.jump.line = line;
  s_.jump.pending = true;
  s_.jump.flash_until = flash ? ImGui::GetTime() + 2.0 : 0.0;
}

void VizApp::start_step_schedule(const sched::Schedule& schedule, const std::string& variant) {
  const BugInfo* bug = Catalogue::get().find(schedule.bug);
  if (!bug) return message("the schedule's bug '" + schedule.bug + "' is not in the catalogue", true);
  if (schedule.choices_drawn &&
      (!schedule.choices.empty() ||
       std::find(schedule.steps.begin(), schedule.steps.end(), sched::kTimersId) != schedule.steps.end()))
    return message("this schedule has select choices or timer firings among its decisions, which step mode "
                   "cannot play by hand yet; replay it with `locklab replay " + schedule.bug + " FILE`", true);
  select_bug(bug->id);
  RunConfig config;
  config.threads = schedule.threads;
  config.duration_ms = schedule.duration_ms;
  config.params = schedule.params;
  config.seed = schedule.run_seed;
  const std::uint64_t limit =
      schedule.stop_after_steps ? schedule.stop_after_steps : sched::ControlledLimits{}.stop_after_steps;
  const std::string on = variant.empty() ? schedule.variant : variant;
  if (!open_step_session([&] { return std::make_unique<sched::StepSession>(*bug, on, config, limit); })) return;
  std::size_t taken = 0;
  for (const std::uint16_t id : schedule.steps) {
    step_do([id](sched::StepSession& s) { s.step(id); });
    if (!step_.error.empty()) {
      step_.error = "the schedule diverges at step " + std::to_string(taken + 1) + " of " +
                    std::to_string(schedule.steps.size()) + ": " + step_.error;
      return;
    }
    ++taken;
  }
  step_.notice = "replayed all " + std::to_string(taken) + " steps of the schedule";
}

void VizApp::start_step(const std::string& variant, const std::string& goal) {
  const BugInfo* bug = Catalogue::get().find(s_.bug);
  if (!bug) return message("select a bug first", true);
  const auto list = sched::challenges_for(bug->id);
  const sched::Challenge* challenge = nullptr;
  if (goal.empty() && !list.empty()) challenge = list.front();
  if (!goal.empty() && goal != "none") {
    challenge = sched::find_challenge(bug->id, goal);
    if (!challenge) return message("no goal '" + goal + "' for " + bug->id, true);
  }
  open_step_session([&] {
    return challenge ? std::make_unique<sched::StepSession>(*bug, *challenge, variant)
                     : std::make_unique<sched::StepSession>(*bug, variant.empty() ? "buggy" : variant);
  });
}

bool VizApp::open_step_session(const std::function<std::unique_ptr<sched::StepSession>()>& make) {
  cancel_runs();
  try {
    step_.session = make();
  } catch (const std::exception& e) {
    step_.session.reset();
    message(std::string("step mode: ") + e.what(), true);
    return false;
  }
  step_.error.clear();
  step_.notice.clear();
  step_changed();
  return true;
}

void VizApp::stop_step() {
  step_.session.reset();
  for (Slot& slot : s_.slots) slot = Slot{};
}

void VizApp::step_do(const std::function<void(sched::StepSession&)>& action) {
  if (!step_.active()) return;
  step_.error.clear();
  step_.notice.clear();
  try {
    action(*step_.session);
  } catch (const sched::StepError& e) {
    step_.error = e.what();
  } catch (const sched::ScheduleError& e) {
    step_.error = e.what();
  }
  step_changed();
}

void VizApp::step_changed() {
  const sched::StepSession& s = *step_.session;
  show_run(make_loaded_run(s.trace()), 0);
  show_run(make_loaded_run(s.outcome()), 1);
  s_.view.fit();
  // The source follows the latest step.
  if (!s.steps().empty()) {
    const SiteInfo site = Site::describe(s.steps().back().site);
    const std::string file = site.file.substr(site.file.find_last_of('/') + 1);
    const auto files = column_files(s.bug(), 0, fix_variant());
    if (site.line && std::find(files.begin(), files.end(), file) != files.end())
      jump_to(0, file, static_cast<int>(site.line), false);
  }
}

void VizApp::poll_work() {
  poll_exercise();
  for (RunOutcome& out : queue_.poll()) {
    Slot& slot = s_.slots[static_cast<std::size_t>(out.request.slot)];
    if (out.live) {
      show_live(std::move(out.run), out.request.slot);
      continue;
    }
    if (!out.message.empty()) message(out.message, out.failed);
    if (out.run.ok()) {
      if (!out.failed) {
        const std::string who = out.request.command.empty() ? out.request.bug + " " + out.request.variant
                                                            : s_.exercise + " " + out.request.variant;
        message(who + ": " + out.run.model->trace().verdict.summary);
      }
      show_run(std::move(out.run), out.request.slot);
      // A crashed or killed run shows its trace so far, under its message.
      if (out.failed) slot.message = out.message.substr(0, out.message.find('\n'));
    } else {
      slot = Slot{};
      slot.message = out.message;
    }
  }
  for (auto it = loads_.begin(); it != loads_.end();) {
    if (it->future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      ++it;
      continue;
    }
    LoadedRun run = it->future.get();
    const std::string path = it->path;
    it = loads_.erase(it);
    if (!run.ok()) {
      message(run.error, true);
      s_.popup_error = run.error;
      continue;
    }
    if (!run.warning.empty()) message(run.warning, true);
    message("opened " + path + " (" + run.model->trace().info.bug + " " + run.model->variant() + ")");
    const int slot = is_buggy_run(run.model->trace()) ? 0 : 1;
    const bool unfinished = run.model->trace().verdict.kind == VerdictKind::kUnfinished;
    // A run that did not finish says so over its timeline ("trace ends
    // early: ..."), without the file's path in front.
    const std::size_t at = run.warning.find("trace ends early");
    const std::string note = at == std::string::npos ? run.warning : run.warning.substr(at);
    show_run(std::move(run), slot);
    if (unfinished) s_.slots[static_cast<std::size_t>(slot)].message = note;
  }
}

void VizApp::handle_keys() {
  for (const Command c : keyboard_commands(ImGui::GetIO())) {
    if (apply_view_command(c, s_.view)) continue;
    switch (c) {
      case Command::kToggleHelp: s_.show_help = !s_.show_help; break;
      case Command::kRun: run_both(); break;
      case Command::kToggleFix: toggle_fix(); break;
      case Command::kUiLarger: set_ui_scale(s_.ui_scale * kUiScaleStep); break;
      case Command::kUiSmaller: set_ui_scale(s_.ui_scale / kUiScaleStep); break;
      case Command::kUiReset: set_ui_scale(s_.ui_scale_start); break;
      default: break;
    }
  }
}

void VizApp::frame() {
  items_.clear();
  poll_work();
  // Keys are read before the panels so a key typed while no field is active
  // acts once, even if a panel then activates a field.
  handle_keys();
  ImGuiIO& io = ImGui::GetIO();
  // The fonts are drawn at the UI scale (this frame's text was laid out at
  // last frame's scale: one frame late, as ImGui applies it).
  io.FontGlobalScale = s_.ui_scale / fonts_scale_;
  s_.layout = compute_layout(io.DisplaySize.x, io.DisplaySize.y, scaled(LayoutOptions{}, s_.ui_scale));
  draw_catalogue_panel(*this, s_.layout.catalogue);
  draw_timelines_panel(*this, s_.layout.middle);
  draw_source_panel(*this, s_.layout.source);
  if (step_.active()) draw_step_panel(*this, s_.layout.side);
  else draw_side_panel(*this, s_.layout.side);
  draw_status_line(*this, s_.layout.status);
  draw_file_dialog(*this);
  if (s_.show_help) draw_help_overlay(*this);
}

}  // namespace locklab::viz
