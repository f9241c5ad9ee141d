// The step view: the right column while the learner plays the scheduler.
// One button per thread that can take the next step (the line it is about
// to run, what it holds), the blocked threads in red with what they wait
// for, the goal and its status, undo / fork / run to the end / save, the
// forks kept, the steps so far. The timelines show the run so far (above)
// and where it goes with no more preemptions (below); see VizApp::step_changed.
#include <algorithm>

#include "locklab/run/catalogue.h"
#include "panels.h"
#include "step_panel.h"
#include "step_text.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

namespace {

using sched::StepSession;
using sched::StepThread;

// Returns true when a choice restarted the session (`s` is then gone).
bool draw_goal_picker(VizApp& app, const StepSession& s) {
  const auto list = sched::challenges_for(s.bug().id);
  std::vector<std::string> names{"free play (no goal)"};
  int current = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    names.push_back(list[i]->title());
    if (s.challenge() == list[i]) current = static_cast<int>(i + 1);
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 2);
  if (ImGui::BeginCombo("##goal", names[static_cast<std::size_t>(current)].c_str())) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == current) && static_cast<int>(i) != current) {
        ImGui::EndCombo();
        app.start_step(s.variant(), i == 0 ? "none" : list[i - 1]->name);
        return true;
      }
    }
    ImGui::EndCombo();
  }
  help_marker("The challenge: a goal to reach within a step limit, by choosing which thread takes each step. "
              "Changing it starts again.");
  std::vector<const char*> variants;
  int v = 0;
  for (const VariantInfo& x : s.bug().variants) {
    if (x.name == s.variant()) v = static_cast<int>(variants.size());
    variants.push_back(x.name.c_str());
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 2);
  help_marker("The variant to step through. Try the fixed one with the same steps: the goal should stay out of reach.");
  if (ImGui::Combo("##variant", &v, variants.data(), static_cast<int>(variants.size()))) {
    const std::vector<std::uint16_t> picks = s.picks();
    app.start_step(variants[static_cast<std::size_t>(v)], s.challenge() ? s.challenge()->name : "none");
    // The same steps on the other variant, as far as they go there.
    app.step_do([picks](StepSession& x) {
      for (const std::uint16_t id : picks) {
        if (x.ended()) break;
        x.step(id);
      }
    });
    return true;
  }
  return false;
}

void draw_goal_status(const StepSession& s) {
  const sched::GoalStatus& g = s.goal();
  if (s.challenge()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(("Goal: " + s.challenge()->title()).c_str());
    ImGui::PopTextWrapPos();
  }
  const ImU32 color = g.reached ? (g.within_limit ? kOkText : kWarnText) : kDimText;
  colored_wrapped(color, (g.reached && g.within_limit ? "GOAL REACHED: " : "") + g.text);
}

void draw_actions(VizApp& app, StepUi& ui) {
  const StepSession& s = *ui.session;
  ImGui::BeginDisabled(s.picks().empty());
  if (ImGui::Button("Undo")) app.step_do([](StepSession& x) { x.undo(); });
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Fork")) {
    const std::size_t n = ui.session->fork();
    ui.notice = "fork " + std::to_string(n) + " keeps these " + std::to_string(s.picks().size()) + " steps";
  }
  help_marker("Keeps the steps so far, so you can try another continuation and come back to them (Forks, below).");
  ImGui::SameLine();
  ImGui::BeginDisabled(s.ended());
  if (ImGui::Button("Run to the end")) app.step_do([](StepSession& x) { x.finish(); });
  ImGui::EndDisabled();
  help_marker("Steps on with no more preemptions: each thread runs until it blocks or ends, lowest number first. "
              "This is what 'locklab replay' does after the saved steps.");
  ImGui::SameLine();
  const bool close = ImGui::Button("Close");
  app.items().note("button", "Close step view");
  if (close) {
    app.stop_step();
    return;
  }
  char path[512];
  const std::size_t n = std::min(ui.save_path.size(), sizeof path - 1);
  ui.save_path.copy(path, n);
  path[n] = '\0';
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 4);
  if (ImGui::InputText("##save", path, sizeof path)) ui.save_path = path;
  ImGui::SameLine();
  if (ImGui::Button("Save")) {
    const std::string file = ui.save_path;
    app.step_do([file](StepSession& x) { x.save(file); });
    if (ui.error.empty())
      ui.notice = "saved " + file + ": replay with 'locklab replay " + s.bug().id + " " + file + "'";
  }
  if (!ui.error.empty()) colored_wrapped(kErrorText, ui.error);
  else if (!ui.notice.empty()) colored_wrapped(kDimText, ui.notice);
}

// A heading between the panel's parts (this ImGui has no SeparatorText).
void section(const char* title) {
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(title);
}

void draw_line_and_holds(VizApp& app, const StepThread& t, const SiteInfo& site) {
  const bool pushed = push_font(app.fonts().mono);
  const std::string line = step_line_label(app.step_ui().session->bug(), site);
  ImGui::Indent();
  if (!line.empty()) colored_wrapped(kDimText, line);
  colored_wrapped(t.held.empty() ? kDimText : kWarnText, step_holds_label(t));
  ImGui::Unindent();
  pop_font(pushed);
}

void draw_threads(VizApp& app, const StepSession& s) {
  const auto runnable = s.runnable();
  if (!runnable.empty()) {
    section("Who takes the next step?");
    for (const StepThread* t : runnable) {
      ImGui::PushID(t->id);
      const std::string label = step_button_label(*t);
      if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) {
        const std::uint16_t id = t->id;
        ImGui::PopID();
        app.step_do([id](StepSession& x) { x.step(id); });
        return;  // the threads changed under us; draw them next frame
      }
      if (ImGui::IsItemHovered()) {
        const std::string file = step_site_file(t->next_site);
        if (!file.empty()) app.jump_to(0, file, static_cast<int>(t->next_site.line), false);
      }
      draw_line_and_holds(app, *t, t->next_site);
      ImGui::PopID();
    }
  }
  const auto blocked = s.blocked();
  if (!blocked.empty()) {
    section("Blocked");
    for (const StepThread* t : blocked) {
      colored_wrapped(kErrorText, "T" + std::to_string(t->id) + " " + t->name + " waits for " + t->waits_for);
      draw_line_and_holds(app, *t, t->wait_site);
    }
  }
  std::string done;
  for (const StepThread& t : s.threads())
    if (t.status == StepThread::Status::kDone) done += (done.empty() ? "" : ", ") + ("T" + std::to_string(t.id) + " " + t.name);
  if (!done.empty()) colored_wrapped(kDimText, "Ended: " + done);
}

void draw_outcome(const StepSession& s) {
  if (s.ended()) {
    section("The run is over");
    colored_wrapped(s.trace().verdict.kind == VerdictKind::kCompleted ? kOkText : kErrorText,
                    s.trace().verdict.summary);
  }
  if (s.goal().reached && !s.goal().explanation.empty()) {
    section("Why (the diagnostics)");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.goal().explanation.c_str());
    ImGui::PopTextWrapPos();
  }
}

void draw_lists(VizApp& app, const StepSession& s) {
  if (!s.branches().empty() && ImGui::CollapsingHeader("Forks", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < s.branches().size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton("Go back")) {
        const std::size_t n = i + 1;
        ImGui::PopID();
        app.step_do([n](StepSession& x) { x.switch_to(n); });
        return;
      }
      ImGui::SameLine();
      ImGui::Text("fork %zu: %zu steps, %s", i + 1, s.branches()[i].picks.size(), s.branches()[i].outcome.c_str());
      ImGui::PopID();
    }
  }
  if (s.challenge() && !s.challenge()->hint.empty() && ImGui::CollapsingHeader("Hint")) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.challenge()->hint.c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::CollapsingHeader("Steps so far", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (s.steps().empty()) ImGui::TextDisabled("none yet");
    const bool pushed = push_font(app.fonts().mono);
    for (std::size_t i = 0; i < s.steps().size(); ++i)
      ImGui::Text("%2zu. %s", i + 1, s.describe(s.steps()[i]).c_str());
    pop_font(pushed);
  }
}

}  // namespace

void draw_step_panel(VizApp& app, const Rect& r) {
  StepUi& ui = app.step_ui();
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  ImGui::Begin("Step", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  if (!ui.active()) {
    ImGui::End();
    return;
  }
  const StepSession& s = *ui.session;
  const bool pushed = push_font(app.fonts().heading);
  ImGui::Text("Play the scheduler: %zu %s", s.picks().size(), s.picks().size() == 1 ? "step" : "steps");
  pop_font(pushed);
  ImGui::TextDisabled("%s, %s variant", s.bug().id.c_str(), s.variant().c_str());
  if (draw_goal_picker(app, s) || !ui.active()) {  // restarted: draw it next frame
    ImGui::End();
    return;
  }
  draw_goal_status(*ui.session);
  draw_actions(app, ui);
  if (ui.active()) {
    draw_threads(app, *ui.session);
    draw_outcome(*ui.session);
    draw_lists(app, *ui.session);
  }
  ImGui::End();
}

}  // namespace locklab::viz
