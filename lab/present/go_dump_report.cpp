// A Go dump as text and JSON (go_dump_report.h).
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "locklab/present/go_dump_patterns.h"
#include "locklab/present/go_dump_report.h"
#include "locklab/present/go_dump_waits.h"

namespace locklab::present {
namespace {

std::string ids_of(const GoDump& d, const GoGroup& g, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < g.members.size() && i < limit; ++i)
    out += (i ? ", " : "") + std::to_string(d.goroutines[g.members[i]].id);
  if (g.members.size() > limit) out += fmt::format(", ... ({} more)", g.members.size() - limit);
  return out;
}

std::string minutes_text(const GoGroup& g) {
  if (g.max_minutes == 0) return {};
  if (g.min_minutes == g.max_minutes) return fmt::format(", {} minutes", g.max_minutes);
  return fmt::format(", {}-{} minutes", g.min_minutes, g.max_minutes);
}

std::string args_text(const GoFrame& f) {
  std::string out;
  for (std::size_t i = 0; i < f.args.size(); ++i) out += (i ? ", " : "") + f.args[i];
  return out;
}

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::size_t total_matching(const std::vector<GoGroup>& groups) {
  std::size_t n = 0;
  for (const GoGroup& g : groups) n += g.members.size();
  return n;
}

}  // namespace

std::string format_go_dump(const GoDump& d, const std::string& source, const GoDumpFilter& filter) {
  const std::vector<GoGroup> groups = group_go_dump(d, filter);
  const std::vector<GoGroup> all = filter.empty() ? groups : group_go_dump(d);
  std::ostringstream o;
  o << source << ": Go goroutine dump" << (d.reason.empty() ? "" : " (" + d.reason + ")") << ": "
    << count_of(d.goroutines.size(), "goroutine", "goroutines") << " in " << count_of(all.size(), "group", "groups")
    << "\n";
  if (!filter.empty())
    o << count_of(total_matching(groups), "goroutine", "goroutines") << " in "
      << count_of(groups.size(), "group", "groups") << (total_matching(groups) == 1 ? " matches '" : " match '")
      << filter.text() << "'\n";
  if (!d.skipped.empty()) {
    o << (d.truncated ? "the dump is cut short; " : "") << "skipped " << d.skipped.size()
      << (d.skipped.size() == 1 ? " part" : " parts") << " it could not read:\n";
    for (const std::string& s : d.skipped) o << "  " << s << "\n";
  }
  for (const GoFinding& f : find_go_patterns(d)) {
    o << "\n" << (f.likely ? "likely " : "") << "pattern: " << f.bug << "\n  " << f.text << "\n";
    o << "  see: locklab show " << f.bug << "\n";
  }
  for (const GoGroup& g : groups) {
    const GoGoroutine& first = d.goroutines[g.members.front()];
    const GoWait w = go_wait_of(first);
    o << "\n" << g.members.size() << (g.members.size() == 1 ? " goroutine" : " goroutines") << " [" << first.state
      << minutes_text(g) << (first.locked_to_thread ? ", locked to thread" : "") << "]: " << ids_of(d, g, 12) << "\n";
    if (const std::string text = describe_go_wait(first, w); !text.empty()) o << "  " << text << "\n";
    for (const GoFrame& f : first.frames) o << "    " << f.func << "(" << args_text(f) << ")  " << f.where() << "\n";
    if (first.frames_elided) o << "    ...additional frames elided...\n";
    if (first.stack_unavailable) o << "    (running on another thread; stack unavailable)\n";
    if (first.created_by)
      o << "  created by " << first.created_by->func
        << (first.created_in ? " in goroutine " + std::to_string(*first.created_in) : "") << " at "
        << first.created_by->where() << "\n";
  }
  return o.str();
}

nlohmann::json go_dump_json(const GoDump& d, const std::string& source, const GoDumpFilter& filter) {
  const std::vector<GoGroup> groups = group_go_dump(d, filter);
  nlohmann::json findings = nlohmann::json::array();
  for (const GoFinding& f : find_go_patterns(d))
    findings.push_back({{"bug", f.bug},
                        {"likely", f.likely},
                        {"text", f.text},
                        {"goroutines", f.goroutines},
                        {"show", "locklab show " + f.bug}});
  nlohmann::json arr = nlohmann::json::array();
  for (const GoGroup& g : groups) {
    const GoGoroutine& first = d.goroutines[g.members.front()];
    const GoWait w = go_wait_of(first);
    nlohmann::json ids = nlohmann::json::array();
    for (const std::size_t i : g.members) ids.push_back(d.goroutines[i].id);
    nlohmann::json frames = nlohmann::json::array();
    for (const GoFrame& f : first.frames)
      frames.push_back({{"func", f.func}, {"package", f.package()}, {"args", f.args}, {"file", f.file}, {"line", f.line}});
    nlohmann::json created = nullptr;
    if (first.created_by) {
      created = {{"func", first.created_by->func}, {"file", first.created_by->file}, {"line", first.created_by->line}};
      if (first.created_in) created["in_goroutine"] = *first.created_in;
    }
    arr.push_back({{"count", g.members.size()},
                   {"ids", ids},
                   {"state", first.state},
                   {"minutes", {{"min", g.min_minutes}, {"max", g.max_minutes}}},
                   {"locked_to_thread", first.locked_to_thread},
                   {"wait", {{"kind", to_string(w.kind)}, {"object", w.object}, {"text", describe_go_wait(first, w)}}},
                   {"frames", frames},
                   {"frames_elided", first.frames_elided},
                   {"created_by", created}});
  }
  return {{"source", source},
          {"reason", d.reason},
          {"goroutines", d.goroutines.size()},
          {"groups_count", group_go_dump(d).size()},
          {"filter", filter.text()},
          {"matching", total_matching(groups)},
          {"truncated", d.truncated},
          {"skipped", d.skipped},
          {"findings", findings},
          {"groups", arr}};
}

}  // namespace locklab::present
