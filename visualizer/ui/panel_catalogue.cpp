// The catalogue panel: the workshop's exercises (panel_exercise.cpp), then
// every bug, grouped by family, filtered by a search over id, title, family
// and symptom. Selecting one shows its story, controls and sources.
#include <algorithm>
#include <cctype>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "locklab/run/catalogue.h"
#include "panels.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool matches(const BugInfo& bug, const std::string& needle) {
  if (needle.empty()) return true;
  const std::string hay = lower(bug.id + " " + bug.title + " " + bug.family + " " + bug.symptom);
  return hay.find(lower(needle)) != std::string::npos;
}

}  // namespace

void draw_catalogue_panel(VizApp& app, const Rect& r) {
  AppState& s = app.state();
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  ImGui::Begin("Catalogue", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", "search bugs", &s.search);
  app.items().note("field", "search");
  ImGui::Spacing();
  draw_exercise_list(app);

  const auto all = Catalogue::get().all();  // sorted by family, then id
  // The bugs' rows under their own id scope: most bugs share their id with
  // an exercise above, whose rows are in the "exercises" scope; without it
  // ImGui takes the two rows for one item and the bug's row cannot be clicked.
  ImGui::PushID("bugs");
  std::string family;
  bool open = false;
  int shown = 0;
  for (const BugInfo* bug : all) {
    if (!matches(*bug, s.search)) continue;
    if (bug->family != family) {
      family = bug->family;
      ImGui::SetNextItemOpen(true, ImGuiCond_Once);
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(170, 190, 230, 255));
      open = ImGui::CollapsingHeader(family.c_str());
      ImGui::PopStyleColor();
    }
    if (!open) continue;
    ++shown;
    ImGui::PushID(bug->id.c_str());
    ImGui::Indent(6);
    if (ImGui::Selectable(bug->id.c_str(), bug->id == s.bug)) app.select_bug(bug->id);
    app.items().note("bug", bug->id);
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
      ImGui::TextUnformatted(bug->title.c_str());
      ImGui::TextDisabled("%s, %s", std::string(to_string(bug->blocking)).c_str(),
                          std::string(to_string(bug->sharing)).c_str());
      ImGui::TextWrapped("Symptom: %s", bug->symptom.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kDimText);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Indent(10);
    ImGui::TextUnformatted(bug->title.c_str());
    ImGui::Unindent(10);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::Unindent(6);
    ImGui::PopID();
  }
  ImGui::PopID();
  if (shown == 0 && !s.search.empty()) ImGui::TextDisabled("no bug matches '%s'", s.search.c_str());
  ImGui::End();
}

}  // namespace locklab::viz
