// The sources panel: the buggy variant's code on the left, the fix's on the
// right, each file a tab. Lines where threads waited (the waiter's site) are
// tinted red and lines that took a lock others waited for (the holder's
// site) amber, with the time beside them, from that column's run. A click
// on a contention row brings its line into view and flashes it.
#include <algorithm>
#include <map>
#include <sstream>
#include <utility>

#include "contention_words.h"
#include "locklab/present/format.h"
#include "locklab/run/catalogue.h"
#include "panels.h"
#include "side_analyses.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

namespace {

struct LineMark {
  std::uint64_t wait_ns = 0, hold_ns = 0;
  double wait_share = 0, hold_share = 0;
};
using Marks = std::map<std::pair<std::string, int>, LineMark>;

Marks marks_of(const LoadedRun& run) {
  Marks marks;
  if (!run.ok()) return marks;
  const Trace& trace = run.model->trace();
  const ContentionProfile& prof = run.model->contention();
  auto key = [&](std::uint32_t site) {
    const int line = site < trace.sites.size() ? static_cast<int>(trace.sites[site].line) : 0;
    return std::make_pair(site_file(trace, site), line);
  };
  for (const ContentionRow& r : prof.by_waiter) {
    LineMark& m = marks[key(r.site)];
    m.wait_ns += r.total_ns;
    m.wait_share += r.share;
  }
  for (const ContentionRow& r : prof.by_holder) {
    LineMark& m = marks[key(r.site)];
    m.hold_ns += r.total_ns;
    m.hold_share += r.share;
  }
  return marks;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The tints of a marked line: the bug's red and amber, or, for a fix's
// ordinary contention (contention_words.h), one calm blue-grey.
struct MarkTints {
  ImU32 wait_bg, hold_bg, wait_text, hold_text, note_bg;
};
constexpr MarkTints kBugTints{IM_COL32(150, 40, 44, 110), IM_COL32(160, 110, 20, 110), kErrorText, kWarnText,
                              IM_COL32(40, 20, 22, 235)};
constexpr MarkTints kOrdinaryTints{IM_COL32(70, 95, 130, 90), IM_COL32(70, 95, 130, 90), kOrdinaryText, kOrdinaryText,
                                   IM_COL32(22, 28, 38, 235)};

void draw_file(VizApp& app, int column, const std::string& file, const std::string& text, const Marks& marks,
               const MarkTints& tints) {
  AppState& s = app.state();
  const bool pushed = push_font(app.fonts().mono);
  ImGui::BeginChild("code", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  const std::vector<std::string> lines = split_lines(text);
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  if (s.jump.pending && s.jump.column == column && s.jump.file == file) {
    ImGui::SetScrollY(std::max(0.0f, (static_cast<float>(s.jump.line) - 1) * line_h - ImGui::GetWindowHeight() / 3));
    s.jump.pending = false;
  }
  const bool flashing = ImGui::GetTime() < s.jump.flash_until && s.jump.column == column && s.jump.file == file;
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const float num_w = ImGui::CalcTextSize("0000 ").x;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines.size()), line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const int line_no = i + 1;
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float w = std::max(ImGui::GetWindowWidth(), ImGui::GetContentRegionAvail().x) + ImGui::GetScrollX();
      const auto m = marks.find({file, line_no});
      std::string note;
      if (m != marks.end()) {
        const LineMark& mk = m->second;
        const ImU32 bg = mk.wait_ns >= mk.hold_ns ? tints.wait_bg : tints.hold_bg;
        dl.AddRectFilled(p, ImVec2(p.x + w, p.y + line_h), bg);
        // One short note, the larger of the two facts: it must not hide the code.
        // Whose share it is: the run's waiting, not the line's time.
        note = "<- " + (mk.wait_ns >= mk.hold_ns ? wait_mark_note(mk.wait_ns, mk.wait_share)
                                                 : hold_mark_note(mk.hold_ns, mk.hold_share));
        app.items().add("mark", std::to_string(column) + "/" + file + ":" + std::to_string(line_no),
                        Rect{p.x, p.y, w, line_h}, note);
      }
      if (flashing && line_no == s.jump.line) {
        dl.AddRect(p, ImVec2(p.x + w - 2, p.y + line_h), IM_COL32(255, 255, 255, 200), 0, 0, 2.0f);
      }
      ImGui::TextDisabled("%4d", line_no);
      ImGui::SameLine(num_w);
      ImGui::TextUnformatted(lines[static_cast<std::size_t>(i)].c_str());
      if (!note.empty()) {
        // The note sits at the visible right edge, over the code, on its
        // own backing: long lines must not push it out of sight.
        const ImVec2 size = ImGui::CalcTextSize(note.c_str());
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() -
                            (ImGui::GetScrollMaxY() > 0 ? ImGui::GetStyle().ScrollbarSize : 0) - 6;
        const float x = std::max(p.x + num_w, right - size.x);
        dl.AddRectFilled(ImVec2(x - 6, p.y), ImVec2(right + 2, p.y + line_h), tints.note_bg);
        dl.AddText(ImVec2(x, p.y + (line_h - size.y) / 2),
                   m->second.wait_ns >= m->second.hold_ns ? tints.wait_text : tints.hold_text, note.c_str());
      }
    }
  }
  ImGui::EndChild();
  pop_font(pushed);
}

void draw_column(VizApp& app, int column, const std::string& variant, const std::vector<std::string>& files) {
  AppState& s = app.state();
  const Marks marks = marks_of(s.slots[static_cast<std::size_t>(column)].run);
  const bool in_front = (column == 1) == s.controls.fix_on;
  const bool exercise = !s.exercise.empty();
  if (exercise)
    tag(column == 0 ? "YOURS" : "REFERENCE", column == 0 ? IM_COL32(60, 90, 170, 255) : kFixedColor);
  else
    tag(column == 0 ? "BUGGY" : "FIXED", column == 0 ? kBuggyColor : kFixedColor);
  ImGui::SameLine();
  if (exercise) ImGui::TextDisabled("%s", column == 0 ? ("exercises/" + s.exercise + "/exercise.cpp").c_str() : variant.c_str());
  else if (in_front) ImGui::Text("%s (what 'Run one' runs)", variant.c_str());
  else ImGui::TextDisabled("%s", variant.c_str());
  // A fix's ordinary waiting is said to be so, in one sentence, over its code.
  const LoadedRun& run = s.slots[static_cast<std::size_t>(column)].run;
  const std::string ordinary = run.ok() && !s.slots[static_cast<std::size_t>(column)].live
                                   ? ordinary_contention_text(*run.summary)
                                   : std::string();
  if (!ordinary.empty()) {
    colored_wrapped(kOrdinaryTints.wait_text, ordinary);
    app.items().note("text", column == 0 ? "ordinary/0" : "ordinary/1", ordinary);
  }
  bool jump_found = false;
  if (ImGui::BeginTabBar("files")) {
    for (const std::string& f : files) {
      const bool target = s.jump.pending && s.jump.column == column && s.jump.file == f;
      jump_found = jump_found || target;
      if (ImGui::BeginTabItem(f.c_str(), nullptr, target ? ImGuiTabItemFlags_SetSelected : 0)) {
        // An exercise's left column is the learner's file, read from disk.
        const bool learners = exercise && column == 0 && f == "exercise.cpp";
        draw_file(app, column, f, learners ? app.exercise_ui().learner_source : Catalogue::get().file_text(s.bug, f),
                  marks, ordinary.empty() ? kBugTints : kOrdinaryTints);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  if (s.jump.pending && s.jump.column == column && !jump_found) {
    app.message(s.jump.file + ":" + std::to_string(s.jump.line) + " is not among this bug's sources", true);
    s.jump.pending = false;
  }
}

}  // namespace

std::vector<std::string> column_files(const BugInfo& bug, int column, const std::string& fix) {
  std::vector<std::string> files;
  if (column == 0) {
    if (const VariantInfo* v = bug.buggy_variant()) files = v->files;
    // The buggy column also shows the files both variants share.
    for (const char* shared : {"interface.h", "workload.cpp"})
      if (!Catalogue::get().file_text(bug.id, shared).empty()) files.push_back(shared);
  } else if (const VariantInfo* v = bug.variant(fix)) {
    files = v->files;
  }
  return files;
}

void draw_source_panel(VizApp& app, const Rect& r) {
  AppState& s = app.state();
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  ImGui::Begin("Sources", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const BugInfo* bug = Catalogue::get().find(s.bug);
  if (!bug) {
    ImGui::TextDisabled("Select a bug to read its code.");
    ImGui::End();
    return;
  }
  const std::string fix = app.fix_variant();
  std::vector<std::string> buggy_files = column_files(*bug, 0, fix);
  if (!s.exercise.empty()) {  // the learner's file in place of the buggy variant's
    if (buggy_files.empty()) buggy_files.push_back("exercise.cpp");
    else buggy_files.front() = "exercise.cpp";
  }
  const std::vector<std::string> fix_files = column_files(*bug, 1, fix);

  if (ImGui::BeginTable("columns", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame,
                        ImGui::GetContentRegionAvail())) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(0);
    draw_column(app, 0, bug->buggy_variant() ? bug->buggy_variant()->name : "", buggy_files);
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::PushID(1);
    if (fix.empty()) ImGui::TextDisabled("This bug has no fixed variant.");
    else draw_column(app, 1, fix, fix_files);
    ImGui::PopID();
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace locklab::viz
