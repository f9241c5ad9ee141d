#include "step_text.h"

namespace locklab::viz {

std::string step_button_label(const sched::StepThread& t) {
  return "T" + std::to_string(t.id) + " " + t.name + ": " + t.next_text;
}

std::string step_site_file(const SiteInfo& site) {
  if (site.file.empty()) return "";
  return site.file.substr(site.file.find_last_of('/') + 1);
}

std::string step_line_label(const BugInfo& bug, const SiteInfo& site) {
  if (!site.line) return "";
  const std::string where = step_site_file(site) + ":" + std::to_string(site.line);
  const std::string text = sched::source_line(bug, site);
  return text.empty() ? where : where + "  " + text;
}

std::string step_holds_label(const sched::StepThread& t) {
  if (t.held.empty()) return "holds nothing";
  std::string out = "holds ";
  for (std::size_t i = 0; i < t.held.size(); ++i) {
    const ThreadSnapshot::Held& h = t.held[i];
    out += (i ? ", " : "") + h.object_name + (h.mode == LockMode::kShared ? " for reading" : "") +
           (h.where.empty() ? "" : " (" + h.where + ")");
  }
  return out;
}

}  // namespace locklab::viz
