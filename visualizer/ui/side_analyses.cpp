#include "side_analyses.h"

#include "contention_words.h"
#include "locklab/present/format.h"
#include "locklab/core/site.h"
#include "run_badges.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

std::string site_file(const Trace& trace, std::uint32_t site) {
  if (site == 0 || site >= trace.sites.size()) return {};
  const std::string& f = trace.sites[site].file;
  const auto slash = f.find_last_of("/\\");
  return slash == std::string::npos ? f : f.substr(slash + 1);
}

namespace {

void run_heading(int slot, const LoadedRun& run) {
  if (run.model->variant() == "exercise") tag("YOURS", IM_COL32(60, 90, 170, 255));
  else tag(slot == 0 ? "BUGGY" : "FIXED", slot == 0 ? kBuggyColor : kFixedColor);
  ImGui::SameLine();
  ImGui::TextUnformatted(run.model->variant().c_str());
}

// One contention table; a click on a row jumps to its line in the sources.
void site_table(VizApp& app, int slot, const char* id, const RunModel& run, const std::vector<ContentionRow>& rows,
                const char* who) {
  const Trace& trace = run.trace();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(id, 4, flags)) return;
  ImGui::TableSetupColumn(who, ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("object", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("total", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.2f);
  ImGui::TableSetupColumn("share", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.2f);
  ImGui::TableHeadersRow();
  const std::size_t shown = std::min<std::size_t>(rows.size(), 8);
  for (std::size_t i = 0; i < shown; ++i) {
    const ContentionRow& row = rows[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(i));
    // file:line in the table, the function in the tooltip: the column is narrow.
    std::string site = row.site < trace.sites.size() ? short_site(trace.sites[row.site]) : std::string();
    if (site.empty()) site = "unknown site";
    if (ImGui::Selectable(site.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      const std::string file = site_file(trace, row.site);
      const int line = row.site < trace.sites.size() ? static_cast<int>(trace.sites[row.site].line) : 0;
      if (!file.empty() && line > 0) app.jump_to(slot, file, line);
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\n%s waits, %s in all, longest %s\nclick: show this line in the sources",
                        trace.site_text(row.site).c_str(), present::thousands(row.count).c_str(), present::human_ns(row.total_ns).c_str(),
                        present::human_ns(row.max_ns).c_str());
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    std::string obj = trace.object_text(row.object);
    if (row.mode == LockMode::kShared) obj += " (read)";
    ImGui::TextUnformatted(obj.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(present::human_ns(row.total_ns).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(present::percent(row.share).c_str());
  }
  ImGui::EndTable();
  if (rows.size() > shown) ImGui::TextDisabled("and %zu more sites", rows.size() - shown);
}

void latency_table(const present::RunSummary& s) {
  if (s.latency.empty()) return;
  if (!ImGui::BeginTable("latency", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame)) return;
  for (const char* h : {"operation", "count", "p50", "p99", "max"}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const LatencySummary& l : s.latency) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(l.op.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(present::short_count(static_cast<double>(l.count)).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(present::human_ns(l.p50_ns).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(present::human_ns(l.p99_ns).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(present::human_ns(l.max_ns).c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void draw_contention_tab(VizApp& app) {
  const AppState& s = app.state();
  bool any = false;
  for (int slot = 0; slot < 2; ++slot) {
    const LoadedRun& run = s.slots[static_cast<std::size_t>(slot)].run;
    if (!run.ok()) continue;
    any = true;
    ImGui::PushID(slot);
    run_heading(slot, run);
    const present::RunSummary& sum = *run.summary;
    ImGui::SameLine();
    ImGui::TextDisabled("%s items/s", present::short_count(sum.items_per_sec).c_str());
    const RunBadges badges = run_badges(sum, s.slots[static_cast<std::size_t>(slot)].live, !run.warning.empty());
    if (!badges.symptom_line.empty()) {
      colored_wrapped(badges.symptom_tone == BadgeTone::kWarning ? kWarnText
                      : badges.symptom_tone == BadgeTone::kGood  ? kOkText
                                                                 : kDimText,
                      badges.symptom_line);
      app.items().note("text", slot == 0 ? "symptom line/0" : "symptom line/1", badges.symptom_line);
    }
    if (!s.slots[static_cast<std::size_t>(slot)].live) {
      const std::string ordinary = ordinary_contention_text(sum);
      if (!ordinary.empty()) colored_wrapped(kOrdinaryText, ordinary);
    }
    latency_table(sum);
    const ContentionProfile& prof = run.model->contention();
    ImGui::Spacing();
    if (prof.by_waiter.empty()) {
      ImGui::TextDisabled("No thread waited for a lock.");
    } else {
      ImGui::TextWrapped("Lock waits: %s",
                         present::waiting_text(prof.total_wait_ns, prof.thread_time_ns, prof.open_waits,
                                               prof.open_wait_ns)
                             .c_str());
      site_table(app, slot, "waiters", *run.model, prof.by_waiter, "where threads waited");
      ImGui::Spacing();
      site_table(app, slot, "holders", *run.model, prof.by_holder, "where the lock was taken");
    }
    ImGui::PopID();
    ImGui::Separator();
  }
  if (!any) ImGui::TextDisabled("Run the bug (R) or open a trace to see where threads wait.");
}

void draw_verdict_tab(VizApp& app) {
  const AppState& s = app.state();
  bool any = false;
  for (int slot = 0; slot < 2; ++slot) {
    const LoadedRun& run = s.slots[static_cast<std::size_t>(slot)].run;
    if (!run.ok()) continue;
    any = true;
    ImGui::PushID(slot);
    run_heading(slot, run);
    const Verdict& v = run.model->trace().verdict;
    const bool live = s.slots[static_cast<std::size_t>(slot)].live;
    const RunBadges badges = run_badges(*run.summary, live, !run.warning.empty());
    ImGui::SameLine();
    tag(badges.verdict.c_str(), tone_color(static_cast<int>(badges.verdict_tone)));
    app.items().note("badge", slot == 0 ? "verdict tab/0" : "verdict tab/1", badges.verdict);
    if (live) colored_wrapped(kDimText, "The run is still going: " + v.summary + ".");
    else colored_wrapped(is_failure(v.kind) ? kErrorText : kOkText, v.summary);
    const bool pushed = push_font(app.fonts().mono);
    if (!v.detail.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(v.detail.c_str());
      ImGui::PopTextWrapPos();
    }
    if (!v.threads.empty()) {
      // The verdict's detail often carries the dump already: show it once.
      const std::string dump = format_dump(v.threads);
      const std::string first_line = dump.substr(0, dump.find('\n'));
      if (v.detail.find(first_line) == std::string::npos) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Thread dump at the verdict:");
        ImGui::TextUnformatted(dump.c_str());
      }
    } else {
      ImGui::TextDisabled("No thread dump: the run ended normally (a dump is taken when a run fails).");
    }
    pop_font(pushed);
    ImGui::TextDisabled("%s", present::coverage_text(run.summary->events).c_str());
    ImGui::PopID();
    ImGui::Separator();
  }
  if (!any) ImGui::TextDisabled("Run the bug (R) or open a trace to see how its runs ended.");
}

}  // namespace locklab::viz
