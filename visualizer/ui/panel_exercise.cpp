// The exercises in the visualizer: the "Exercises" section of the catalogue
// panel (every exercise with its status, as `locklab workshop` shows it) and
// the right panel's "Exercise" tab (the chosen exercise's check: pass or
// fail, the reason, the next hint; the compiler's message when it did not
// compile).
#include <algorithm>

#include "markdown.h"
#include "panels.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {
namespace {

ImU32 status_color(const std::string& status) {
  if (status == "passing") return IM_COL32(46, 140, 80, 255);
  if (status == "failing") return IM_COL32(170, 40, 40, 255);
  if (status == "not checked") return IM_COL32(150, 110, 30, 255);
  return IM_COL32(60, 70, 84, 255);
}

const char* phase_text(ExerciseUi::Phase p) {
  switch (p) {
    case ExerciseUi::Phase::kChecking: return "checking: building your file and grading it...";
    case ExerciseUi::Phase::kRunning: return "running your variant, then the reference fix...";
    default: return "";
  }
}

}  // namespace

void draw_exercise_list(VizApp& app) {
  ExerciseUi& ex = app.exercise_ui();
  if (!ex.loaded) app.refresh_exercises();
  ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(230, 200, 140, 255));
  const std::string header = "Exercises (" + std::to_string(ex.list.rows.size()) + ")###exercises";
  const bool open = ImGui::CollapsingHeader(header.c_str());
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The workshop's exercises and their status in this checkout, as 'locklab workshop' shows "
                      "them. Choose one: it is checked (built and graded), then your variant runs against the "
                      "reference fix.");
  if (!open) return;
  if (ex.list.rows.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", ex.list.error.empty() ? "no exercises in this checkout" : ex.list.error.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  // Their own id scope: an exercise has its bug's id, and the bug's row
  // is in this window too (panel_catalogue.cpp).
  ImGui::PushID("exercises");
  for (const ExerciseRow& row : ex.list.rows) {
    ImGui::PushID(row.id.c_str());
    ImGui::Indent(6);
    const bool chosen = app.state().exercise == row.id;
    // The id, then its status at the right edge (the id is cut short, not the status).
    const float status_w = ImGui::CalcTextSize(row.status.c_str()).x + 8;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (ImGui::Selectable(row.id.c_str(), chosen, 0, ImVec2(std::max(20.0f, avail - status_w - 6), 0)))
      app.choose_exercise(row.id);
    app.items().note("exercise", row.id);
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(row.title.c_str());
      ImGui::TextDisabled("bug %s, reference fix %s", row.bug.c_str(), row.reference.c_str());
      ImGui::EndTooltip();
    }
    ImGui::SameLine(std::max(20.0f, ImGui::GetCursorPosX() + avail - status_w - ImGui::GetStyle().ItemSpacing.x));
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - status_w);
    tag(row.status.c_str(), status_color(row.status));
    app.items().note("status", row.id, row.status);
    ImGui::Unindent(6);
    ImGui::PopID();
  }
  ImGui::PopID();
  if (ImGui::SmallButton("Refresh statuses")) app.refresh_exercises();
  app.items().note("button", "Refresh statuses");
  ImGui::Spacing();
}

void draw_exercise_tab(VizApp& app) {
  ExerciseUi& ex = app.exercise_ui();
  const ExerciseRow* row = ex.row(ex.chosen);
  if (!row) {
    ImGui::TextDisabled("Choose an exercise in the catalogue's Exercises section.");
    return;
  }
  const bool pushed = push_font(app.fonts().heading);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(row->title.c_str());
  ImGui::PopTextWrapPos();
  pop_font(pushed);
  colored_wrapped(kDimText, "exercise " + row->id + ": your exercise.cpp (top) against the reference fix " +
                                row->reference + " (bottom)");
  tag(row->status.c_str(), status_color(row->status));
  app.items().note("badge", "exercise status", row->status);
  ImGui::SameLine();
  if (ex.phase == ExerciseUi::Phase::kChecking || ex.phase == ExerciseUi::Phase::kRunning) {
    ImGui::TextUnformatted(phase_text(ex.phase));
  } else {
    if (ImGui::Button("Check again")) app.choose_exercise(row->id);
    app.items().note("button", "Check again");
    help_marker("Runs 'locklab check' on your file as it is now (it builds what changed), then both runs.");
    ImGui::SameLine();
    const bool close = ImGui::Button("Close");
    app.items().note("button", "Close exercise");
    if (close) {
      app.close_exercise();
      return;
    }
  }
  ImGui::Separator();
  if (!ex.error.empty()) colored_wrapped(kErrorText, ex.error);
  const GradeText& g = ex.grade;
  if (!g.known) {
    ImGui::TextDisabled("No check yet.");
    return;
  }
  if (ex.phase == ExerciseUi::Phase::kChecking) ImGui::TextDisabled("the last check, until this one is in:");
  {
    const bool big = push_font(app.fonts().heading);
    ImGui::PushStyleColor(ImGuiCol_Text, g.pass ? kOkText : kErrorText);
    ImGui::TextUnformatted(g.headline.c_str());
    app.items().note("text", "grade", g.headline);
    ImGui::PopStyleColor();
    pop_font(big);
  }
  // The reason's first line, the hint, then the rest of the reason (a
  // deadlock report can be long; the hint is what to read next).
  const std::size_t nl = g.reason.find('\n');
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(g.reason.substr(0, nl).c_str());
  ImGui::PopTextWrapPos();
  if (!g.compiler_output.empty()) {
    ImGui::Spacing();
    const bool mono = push_font(app.fonts().mono);
    ImGui::PushStyleColor(ImGuiCol_Text, kWarnText);
    ImGui::TextUnformatted(g.compiler_output.c_str());
    ImGui::PopStyleColor();
    pop_font(mono);
  }
  if (!g.hint_file.empty()) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "Next hint: %s", g.hint_file.c_str());
    if (g.hint_text.empty()) ImGui::TextDisabled("(the hint file cannot be read)");
    else draw_markdown(g.hint_text, app.fonts());
  }
  if (nl != std::string::npos) {
    ImGui::Spacing();
    if (ImGui::CollapsingHeader("The whole reason")) {
      const bool mono = push_font(app.fonts().mono);
      ImGui::TextUnformatted(g.reason.substr(nl + 1).c_str());
      pop_font(mono);
    }
  }
}

}  // namespace locklab::viz
