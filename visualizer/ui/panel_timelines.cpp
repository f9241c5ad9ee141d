// The middle panel: a toolbar (open, save, legend), the shared time axis,
// and for each run (buggy above, fixed below) a header with its verdict and
// figures, a lane per thread coloured by state, and its throughput chart.
// Hovering a lane or a chart shows what is under the mouse.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "contention_words.h"
#include "locklab/present/format.h"
#include "hit_test.h"
#include "locklab/run/catalogue.h"
#include "panels.h"
#include "run_badges.h"
#include "timeline_draw.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

namespace {

void legend_item(ImU32 color, std::string_view name, std::string_view help) {
  const float h = ImGui::GetTextLineHeight();
  // Wrap to a new line rather than run off the panel.
  const float w = h + 4 + ImGui::CalcTextSize(name.data(), name.data() + name.size()).x;
  ImGui::SameLine(0, 12);
  if (ImGui::GetCursorScreenPos().x + w > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + h, p.y + h - 2), color, 2.0f);
  ImGui::Dummy(ImVec2(h, h));
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted(name.data(), name.data() + name.size());
  if (!help.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(help.size()), help.data());
}

void draw_toolbar(VizApp& app) {
  AppState& s = app.state();
  if (ImGui::Button("Open...")) {
    s.file_dialog_open = true;
    s.file_dialog_save = false;
  }
  app.items().note("button", "Open...");
  for (int slot = 0; slot < 2; ++slot) {
    ImGui::SameLine();
    const bool has = s.slots[static_cast<std::size_t>(slot)].run.ok();
    ImGui::BeginDisabled(!has);
    const char* label = slot == 0 ? "Save buggy..." : "Save fixed...";
    if (ImGui::Button(label)) {
      s.file_dialog_open = true;
      s.file_dialog_save = true;
      s.file_dialog_slot = slot;
    }
    app.items().note("button", label);
    ImGui::EndDisabled();
  }
  ImGui::SameLine(0, 16);
  ImGui::TextDisabled("|");
  // The legend: what each colour means (hover a name for more).
  for (int c : {0, 1, 2, 3, 4, 5, 6, 7}) {
    const auto st = static_cast<LaneState>(c);
    if (st == LaneState::kUnknown) continue;
    legend_item(color_of(st), to_string(st), describe(st));
  }
  legend_item(color_of(HoldState::kContended), "holds a lock others want",
              "the strip along the top of a lane: this thread holds a lock that another thread waited for meanwhile");
}

std::string figures_line(const LoadedRun& run) {
  const present::RunSummary& s = *run.summary;
  char buf[256];
  std::string out;
  std::snprintf(buf, sizeof buf, "%s items/s", present::short_count(s.items_per_sec).c_str());
  out += buf;
  if (const LatencySummary* l = s.main_latency()) {
    out += "   p99 " + l->op + " " + present::human_ns(l->p99_ns);
  }
  if (s.thread_time_ns > 0) {
    out += "   waiting " + present::percent(static_cast<double>(s.total_wait_ns) / static_cast<double>(s.thread_time_ns)) +
           " of thread time";
    if (s.open_waits) out += " (" + present::thousands(s.open_waits) + " never ended)";
  }
  if (s.events.dropped > 0) out += "   " + present::short_count(static_cast<double>(s.events.dropped)) + " events dropped";
  return out;
}

ImU32 badge_color(BadgeTone t) { return tone_color(static_cast<int>(t)); }

// Returns the right edge of the header's first line.
float draw_header(VizApp& app, int slot, const RunBlockLayout& b) {
  const AppState& s = app.state();
  const Slot& sl = s.slots[static_cast<std::size_t>(slot)];
  ImGui::SetCursorScreenPos(ImVec2(b.header.x + 4, b.header.y + 4));
  ImGui::PushID(slot);
  float line_end = b.header.x;
  bool pushed = push_font(app.fonts().heading);
  if (app.step_ui().active())  // step mode: the run so far, and where it goes with no more preemptions
    tag(slot == 0 ? "STEPS SO FAR" : "IF IT RUNS ON", slot == 0 ? kBuggyColor : IM_COL32(90, 90, 110, 255));
  else if (!s.exercise.empty())  // an exercise: the learner's variant against the reference fix
    tag(slot == 0 ? "YOURS" : "REFERENCE", slot == 0 ? IM_COL32(60, 90, 170, 255) : kFixedColor);
  else
    tag(slot == 0 ? "BUGGY" : "FIXED", slot == 0 ? kBuggyColor : kFixedColor);
  pop_font(pushed);
  if (sl.run.ok()) {
    const present::RunSummary& sum = *sl.run.summary;
    ImGui::SameLine();
    ImGui::Text("%s  %s", sum.info.bug.c_str(), sum.info.variant.c_str());
    if (!sum.variant_summary.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", sum.variant_summary.c_str());
    ImGui::SameLine(0, 14);
    // Step mode's run so far is paused, not completed, until no thread can step.
    const bool paused = app.step_ui().active() && slot == 0;
    const RunBadges badges = paused ? step_badges(sum, app.step_ui().session->picks().size(), app.step_ui().session->ended())
                                    : run_badges(sum, sl.live, !sl.run.warning.empty());
    tag(badges.verdict.c_str(), badge_color(badges.verdict_tone));
    app.items().note("badge", slot == 0 ? "verdict/0" : "verdict/1", badges.verdict);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", sl.live   ? "the run is still going: this is its trace so far"
                              : paused && badges.verdict_tone == BadgeTone::kGoing
                                  ? "the steps so far: the run goes on when a thread takes the next step"
                                  : sum.verdict_summary.c_str());
    line_end = ImGui::GetItemRectMax().x;
    if (!badges.symptom.empty()) {
      ImGui::SameLine(0, 10);
      tag(badges.symptom.c_str(), badge_color(badges.symptom_tone));
      app.items().note("badge", slot == 0 ? "symptom/0" : "symptom/1", badges.symptom);
      line_end = ImGui::GetItemRectMax().x;
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
        ImGui::TextUnformatted(badges.symptom_line.c_str());
        if (sum.as_expected && badges.symptom_tone != BadgeTone::kNeutral)
          ImGui::TextDisabled("%s", *sum.as_expected ? "as expected" : "NOT as expected");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
    ImGui::SetCursorScreenPos(ImVec2(b.header.x + 6, b.header.y + 4 + ImGui::GetTextLineHeightWithSpacing() + 2));
    if (!sl.message.empty()) {
      // The run crashed or was killed: say so where the eye is, over its
      // trace so far; the figures move to the tooltip.
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
      ImGui::TextUnformatted(sl.message.c_str());
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", figures_line(sl.run).c_str());
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, kDimText);
      const std::string figures = figures_line(sl.run);
      ImGui::TextUnformatted(figures.c_str());
      ImGui::PopStyleColor();
      app.items().note("text", slot == 0 ? "figures/0" : "figures/1", figures);
      // A fix's waiting that is ordinary contention says so beside the
      // figures: the whole sentence when it fits, else its first words
      // with the sentence in the tooltip.
      const std::string ordinary = sl.live ? std::string() : ordinary_contention_text(sum);
      if (!ordinary.empty()) {
        const float room = b.header.right() - 8 - (ImGui::GetItemRectMax().x + 16);
        const bool fits = ImGui::CalcTextSize(ordinary.c_str()).x <= room;
        const std::string shown = fits ? ordinary : "ordinary contention, not the bug (?)";
        if (ImGui::CalcTextSize(shown.c_str()).x <= room) {
          ImGui::SameLine(0, 16);
          ImGui::PushStyleColor(ImGuiCol_Text, kOrdinaryText);
          ImGui::TextUnformatted(shown.c_str());
          ImGui::PopStyleColor();
          app.items().note("text", slot == 0 ? "ordinary header/0" : "ordinary header/1", ordinary);
          if (!fits && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ordinary.c_str());
        }
      }
    }
  } else {
    ImGui::SameLine();
    const BugInfo* bug = Catalogue::get().find(s.bug);
    std::string variant = slot == 0 ? (bug && bug->buggy_variant() ? bug->buggy_variant()->name : "") : app.fix_variant();
    ImGui::TextDisabled("%s  %s", s.bug.c_str(), variant.c_str());
    line_end = ImGui::GetItemRectMax().x;
  }
  ImGui::PopID();
  return line_end;
}

// What stands in the lanes area when there is no run to draw.
void draw_empty_lanes(VizApp& app, int slot, const RunBlockLayout& b) {
  const AppState& s = app.state();
  const Slot& sl = s.slots[static_cast<std::size_t>(slot)];
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.AddRectFilled(ImVec2(b.lanes.x, b.lanes.y), ImVec2(b.lanes.right(), b.lanes.bottom()), IM_COL32(30, 33, 40, 255));
  ImGui::SetCursorScreenPos(ImVec2(b.lanes.x + 10, b.lanes.y + 6));
  ImGui::PushClipRect(ImVec2(b.lanes.x, b.lanes.y), ImVec2(b.lanes.right(), b.lanes.bottom()), true);
  ImGui::PushTextWrapPos(b.lanes.right() - 10);
  if (app.queue().current_slot() == slot) {
    ImGui::TextUnformatted(app.queue().progress_text().c_str());
    app.items().note("text", slot == 0 ? "progress/0" : "progress/1", app.queue().progress_text());
    ImGui::SetCursorScreenPos(ImVec2(b.lanes.x + 10, ImGui::GetCursorScreenPos().y));
    ImGui::ProgressBar(static_cast<float>(app.queue().progress_fraction()), ImVec2(std::min(300.0f, b.lanes.w - 20), 0));
  } else if (!sl.message.empty()) {
    colored_wrapped(kErrorText, sl.message);
  } else if (app.queue().busy()) {
    ImGui::TextDisabled("queued: runs after the one in progress");
  } else {
    ImGui::TextDisabled("No run yet. Press R to run both variants, or Open... a saved .lltrace.");
  }
  ImGui::PopTextWrapPos();
  ImGui::PopClipRect();
}

void draw_labels(const RunModel& run, const RunBlockLayout& b, float lane_h) {
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const float font_h = ImGui::GetFontSize();
  // Labels need a lane about as tall as the font; thinner lanes are labelled
  // every few lanes instead.
  const std::size_t every = lane_h >= font_h * 0.8f ? 1 : static_cast<std::size_t>(std::ceil(font_h / std::max(lane_h, 1.0f)));
  dl.PushClipRect(ImVec2(b.labels.x, b.labels.y), ImVec2(b.labels.right(), b.labels.bottom()), true);
  for (std::size_t i = 0; i < b.lane.size() && i < run.lanes().size(); i += every) {
    const Lane& lane = run.lanes()[i];
    std::string name = lane.name;
    if (lane.dropped > 0) name = "! " + name;
    const ImVec2 size = ImGui::CalcTextSize(name.c_str());
    const float y = b.lane[i].y + (b.lane[i].h - size.y) / 2;
    dl.AddText(ImVec2(b.labels.right() - 8 - size.x, y), lane.dropped > 0 ? kWarnText : IM_COL32(210, 214, 222, 255),
               name.c_str());
  }
  dl.PopClipRect();
}

void draw_chart_label(const RunBlockLayout& b, double y_max) {
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const std::string top = present::human_rate(y_max);
  const ImVec2 ts = ImGui::CalcTextSize(top.c_str());
  dl.AddText(ImVec2(b.chart_label.right() - 8 - ts.x, b.chart_label.y), kDimText, top.c_str());
  const char* what = "items/s";
  const ImVec2 ws = ImGui::CalcTextSize(what);
  dl.AddText(ImVec2(b.chart_label.right() - 8 - ws.x, b.chart_label.bottom() - ws.y), kDimText, what);
}

void show_tooltip(const HoverText& h) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
  ImGui::TextUnformatted(h.title.c_str());
  ImGui::Separator();
  for (const std::string& line : h.lines) ImGui::TextUnformatted(line.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

void draw_timelines_panel(VizApp& app, const Rect& r) {
  AppState& s = app.state();
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  std::string title = "Timelines: buggy and fixed on one time axis";
  if (!s.view.fitted()) {
    title += "  (showing " + duration_text(s.view.begin()) + " to " + duration_text(s.view.end()) + "; press 0 to fit the whole run)";
  }
  title += "###timelines";
  ImGui::Begin(title.c_str(), nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  draw_toolbar(app);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Rect area{origin.x, origin.y + 2, avail.x, avail.y - 2};

  const RunModel* runs[2] = {nullptr, nullptr};
  for (int i = 0; i < 2; ++i)
    if (s.slots[static_cast<std::size_t>(i)].run.ok()) runs[i] = s.slots[static_cast<std::size_t>(i)].run.model.get();
  s.timelines = layout_timelines(area, runs[0] ? runs[0]->lanes().size() : 0, runs[1] ? runs[1]->lanes().size() : 0,
                                 scaled(TimelineOptions{}, s.ui_scale));
  const TimelineLayout& t = s.timelines;

  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const float grid_bottom = t.runs[1].chart.bottom();
  draw_axis(dl, t.axis, s.view, t.axis.bottom(), grid_bottom);

  std::size_t lanes_total = 0;
  for (const RunModel* run : runs)
    if (run) lanes_total += run->lanes().size();
  s.column_px = column_px_for(lanes_total, t.runs[0].lanes.w, app.max_rects());
  // Both charts share one scale, so the fix's gain is visible as height.
  double y_max = 0;
  for (const RunModel* run : runs)
    if (run) y_max = std::max(y_max, peak_rate(*run));
  static std::vector<Span> scratch;  // reused: no allocation per frame once grown
  std::size_t rects = 0;
  for (int i = 0; i < 2; ++i) {
    const RunBlockLayout& b = t.runs[static_cast<std::size_t>(i)];
    const float header_end = draw_header(app, i, b);
    if (!runs[i]) {
      draw_empty_lanes(app, i, b);
      dl.AddRectFilled(ImVec2(b.chart.x, b.chart.y), ImVec2(b.chart.right(), b.chart.bottom()), IM_COL32(24, 27, 33, 255));
      continue;
    }
    dl.PushClipRect(ImVec2(b.lanes.x, b.lanes.y - 3), ImVec2(b.lanes.right(), b.lanes.bottom() + 3), true);
    rects += draw_lanes(dl, *runs[i], b, s.view, s.column_px, scratch).rects;
    dl.PopClipRect();
    draw_labels(*runs[i], b, t.lane_h);
    rects += draw_throughput(dl, *runs[i], b.chart, s.view, y_max).rects;
    draw_chart_label(b, y_max);
    // A failing run's moment, in words beside its marker line.
    const SymptomLabel label = draw_symptom_words(dl, *runs[i], b, s.view);
    if (label.drawn) app.items().add("marker", i == 0 ? "0" : "1", label.rect, label.heading + ": " + label.words);
    if (app.queue().current_slot() == i) {
      // A run is on its way into this slot (this one as it grows, or a new
      // one over the old): its progress at the header's right, the text
      // elided at its end if the header is short, never cut on the left.
      const float bar_w = 110, gap = 16;
      const float text_w = b.header.right() - 8 - bar_w - 8 - (header_end + gap);
      if (text_w > 20) {
        ImGui::SetCursorScreenPos(ImVec2(header_end + gap, b.header.y + 4));
        ImGui::PushID(i);
        const std::string shown = progress_with_text(static_cast<float>(app.queue().progress_fraction()),
                                                     app.queue().progress_text(), text_w, bar_w);
        ImGui::PopID();
        app.items().note("progress", i == 0 ? "0" : "1", shown);
      }
    }
  }
  s.frame_rects = rects;

  // Mouse: zoom and pan over the whole timelines area, tooltips over lanes
  // and charts. Not while a popup or the help covers the window.
  const bool hovered = ImGui::IsWindowHovered() && !s.show_help;
  const Rect mouse_area{t.axis.x, t.axis.y, t.axis.w, grid_bottom - t.axis.y};
  app.mouse().update(ImGui::GetIO(), mouse_area, hovered, s.view);
  if (hovered && !app.mouse().dragging()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const TimelineHit hit = hit_timeline(t, s.view, m.x, m.y);
    if (hit.run >= 0 && runs[hit.run]) {
      const double ns_per_col = s.view.ns_per_px(t.runs[0].lanes.w) * s.column_px;
      HoverText text;
      if (hit.in_lane) text = describe_lane_point(*runs[hit.run], hit.lane, hit.t_ns, ns_per_col);
      else if (hit.in_chart) text = describe_chart_point(*runs[hit.run], hit.t_ns);
      if (!text.title.empty()) {
        show_tooltip(text);
        if (app.items().enabled()) {  // what the tooltip says, for the tests that hover
          std::string all = text.title;
          for (const std::string& line : text.lines) all += "\n" + line;
          app.items().add("tooltip", hit.in_lane ? "lane" : "chart", Rect{m.x, m.y, 1, 1}, all);
        }
      }
      // A cursor line through both runs: the same moment in each.
      const float x = std::round(m.x);
      dl.AddLine(ImVec2(x, t.axis.bottom()), ImVec2(x, grid_bottom), IM_COL32(255, 255, 255, 90));
    }
  }
  ImGui::End();
}

}  // namespace locklab::viz
