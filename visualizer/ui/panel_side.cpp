// The right panel: the selected bug (title, kind, seed), the run controls
// (threads, duration, the bug's parameters, the fix toggle, run one, run
// both), and three tabs: the story, the contention profile of each run, and
// each run's verdict with its deadlock report and thread dump.
#include <algorithm>
#include <cmath>

#include "locklab/run/catalogue.h"
#include "markdown.h"
#include "panels.h"
#include "side_analyses.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

namespace {

void draw_bug_header(VizApp& app, const BugInfo& bug) {
  const bool pushed = push_font(app.fonts().heading);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(bug.title.c_str());
  ImGui::PopTextWrapPos();
  pop_font(pushed);
  ImGui::TextDisabled("%s", bug.id.c_str());
  tag(bug.family.c_str(), IM_COL32(58, 72, 102, 255));
  ImGui::SameLine();
  tag(std::string(to_string(bug.blocking)).c_str(), IM_COL32(70, 62, 96, 255));
  ImGui::SameLine();
  tag(std::string(to_string(bug.sharing)).c_str(), IM_COL32(70, 62, 96, 255));
  if (!bug.seed.empty()) ImGui::TextDisabled("from seed %s", bug.seed.c_str());
}

void draw_controls(VizApp& app, const BugInfo& bug) {
  AppState& s = app.state();
  Controls& c = s.controls;
  const float label_w = ImGui::GetFontSize() * 8;
  ImGui::PushItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x - label_w));
  ImGui::InputInt("threads", &c.threads, 1, 4);
  app.items().note("field", "threads");
  c.threads = std::clamp(c.threads, 1, 256);
  help_marker("How many worker threads the workload starts (1 to 256).");
  ImGui::InputInt("duration ms", &c.duration_ms, 100, 1000);
  app.items().note("field", "duration ms");
  c.duration_ms = std::clamp(c.duration_ms, 1, 600000);
  help_marker("How long each run lasts, in milliseconds.");
  ImGui::InputInt("events/thread", &c.events_per_thread, 65536, 1048576);
  c.events_per_thread = std::clamp(c.events_per_thread, 1, kMaxEventsPerThread);
  app.items().note("field", "events/thread");
  help_marker("Each thread's event budget (the CLI's --events-per-thread; 524288 by default, 32 bytes an event). "
              "A thread that fills it drops its later events: its lane is hatched 'not recorded' from there, "
              "and the exact counters still count everything.");
  for (const ParamSpec& p : bug.params) {
    double& v = c.params[p.name];
    if (p.integer) {
      int iv = static_cast<int>(std::llround(v));
      ImGui::InputInt(p.name.c_str(), &iv);
      v = iv;
    } else {
      ImGui::InputDouble(p.name.c_str(), &v, 0, 0, "%g");
    }
    v = std::clamp(v, p.min, p.max);
    const std::string help = p.help + " (" + std::to_string(static_cast<long long>(p.min)) + " to " +
                             std::to_string(static_cast<long long>(p.max)) + ")";
    help_marker(help.c_str());
  }
  ImGui::PopItemWidth();

  const auto fixes = bug.fixed_variants();
  ImGui::Checkbox("apply the fix (F)", &c.fix_on);
  app.items().note("checkbox", "apply the fix (F)");
  help_marker("On: 'Run one' runs the fixed variant, and its source is in front. 'Run both' always runs both.");
  if (fixes.size() > 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    std::vector<const char*> names;
    for (const VariantInfo* v : fixes) names.push_back(v->name.c_str());
    ImGui::Combo("##fix", &c.fixed_variant, names.data(), static_cast<int>(names.size()));
  }
  const std::string fix = app.fix_variant();
  const std::string one = c.fix_on ? fix : (bug.buggy_variant() ? bug.buggy_variant()->name : "");
  const std::string one_label = "Run " + one;
  if (ImGui::Button(one_label.c_str())) app.run_one();
  app.items().note("button", one_label);
  ImGui::SameLine();
  if (ImGui::Button("Run both (R)")) app.run_both();
  app.items().note("button", "Run both (R)");
  ImGui::SameLine();
  if (ImGui::Button("Step...")) app.start_step();
  app.items().note("button", "Step...");
  help_marker("Play the scheduler: pick which thread takes each next step of the real code (controlled mode), "
              "with undo, fork and the bug's challenges.");
  if (app.queue().busy()) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) app.cancel_runs();
    app.items().note("button", "Cancel");
    // The bar, then its words wrapped below it (a bar's overlay text
    // longer than the bar is cut on the left).
    ImGui::ProgressBar(static_cast<float>(app.queue().progress_fraction()), ImVec2(-1, 0), "");
    colored_wrapped(kDimText, app.queue().progress_text());
  }
}

bool tab(VizApp& app, const char* label, SideTab which) {
  AppState& s = app.state();
  ImGuiTabItemFlags flags = 0;
  if (s.side_tab_pending && s.side_tab == which) flags |= ImGuiTabItemFlags_SetSelected;
  const bool open = ImGui::BeginTabItem(label, nullptr, flags);
  app.items().note("tab", label);
  if (open && !s.side_tab_pending) s.side_tab = which;
  return open;
}

}  // namespace

void draw_side_panel(VizApp& app, const Rect& r) {
  AppState& s = app.state();
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  ImGui::Begin("Bug", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const BugInfo* bug = Catalogue::get().find(s.bug);
  if (!bug) {
    ImGui::TextDisabled("Select a bug in the catalogue.");
    ImGui::End();
    return;
  }
  draw_bug_header(app, *bug);
  ImGui::Separator();
  draw_controls(app, *bug);
  ImGui::Separator();
  if (ImGui::BeginTabBar("side")) {
    if (!s.exercise.empty() && tab(app, "Exercise", SideTab::kExercise)) {
      ImGui::BeginChild("exercise");
      draw_exercise_tab(app);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (tab(app, "Story", SideTab::kStory)) {
      ImGui::BeginChild("story");
      const std::string story = Catalogue::get().story(bug->id);
      if (story.empty()) ImGui::TextDisabled("This bug has no story (README.md) yet.");
      else draw_markdown(story, app.fonts());
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (tab(app, "Contention", SideTab::kContention)) {
      ImGui::BeginChild("contention");
      draw_contention_tab(app);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (tab(app, "Verdict & dump", SideTab::kDump)) {
      ImGui::BeginChild("dump");
      draw_verdict_tab(app);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    s.side_tab_pending = false;
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace locklab::viz
