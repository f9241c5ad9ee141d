// Grouping and filtering goroutines of a Go dump (go_dump_groups.h).
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "locklab/present/go_dump_groups.h"
#include "locklab/present/go_dump_waits.h"

namespace locklab::present {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool contains(const std::string& hay, const std::string& needle) {
  return lower(hay).find(lower(needle)) != std::string::npos;
}

bool package_matches(const std::string& pkg, const std::string& want) {
  const std::string p = lower(pkg), w = lower(want);
  return p == w || (p.size() > w.size() && p.ends_with("/" + w));
}

// Everything that makes two goroutines the same but their ids, argument
// values and minutes.
std::string signature(const GoGoroutine& g) {
  std::string s = g.state;
  s += g.locked_to_thread ? "|locked" : "|";
  for (const GoFrame& f : g.frames) s += "|" + f.func + "@" + f.where();
  s += g.frames_elided ? "|..." : "|";
  s += g.stack_unavailable ? "|unavailable" : "|";
  if (g.created_by) s += "|created:" + g.created_by->func + "@" + g.created_by->where();
  return s;
}

}  // namespace

bool GoDumpFilter::matches(const GoGoroutine& g) const {
  if (!state.empty() && !contains(g.state, state)) return false;
  if (!func.empty() && std::none_of(g.frames.begin(), g.frames.end(),
                                    [&](const GoFrame& f) { return contains(f.func, func); }))
    return false;
  if (!package.empty() && std::none_of(g.frames.begin(), g.frames.end(),
                                       [&](const GoFrame& f) { return package_matches(f.package(), package); }))
    return false;
  if (!grep.empty()) {
    bool hit = contains(g.state, grep);
    for (const GoFrame& f : g.frames) hit = hit || contains(f.func, grep) || contains(f.where(), grep);
    if (g.created_by) hit = hit || contains(g.created_by->func, grep) || contains(g.created_by->where(), grep);
    if (!hit) return false;
  }
  return true;
}

std::string GoDumpFilter::text() const {
  std::string out;
  const auto add = [&](const char* name, const std::string& v) {
    if (v.empty()) return;
    if (!out.empty()) out += ' ';
    out += std::string(name) + ":" + v;
  };
  add("state", state);
  add("func", func);
  add("package", package);
  add("grep", grep);
  return out;
}

std::vector<GoGroup> group_go_dump(const GoDump& d, const GoDumpFilter& filter) {
  std::vector<GoGroup> groups;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < d.goroutines.size(); ++i) {
    const GoGoroutine& g = d.goroutines[i];
    if (!filter.matches(g)) continue;
    const auto [it, fresh] = index.try_emplace(signature(g), groups.size());
    if (fresh) groups.emplace_back();
    GoGroup& grp = groups[it->second];
    const std::uint64_t m = g.minutes.value_or(0);
    if (grp.members.empty() || m < grp.min_minutes) grp.min_minutes = m;
    grp.max_minutes = std::max(grp.max_minutes, m);
    grp.members.push_back(i);
  }
  // The runtime's own goroutines (every frame in runtime, sync, ...) last,
  // as panicparse puts stdlib-only stacks at the bottom: the program's come
  // first.
  std::stable_partition(groups.begin(), groups.end(), [&](const GoGroup& grp) {
    const GoGoroutine& g = d.goroutines[grp.members.front()];
    return g.frames.empty() ||
           std::any_of(g.frames.begin(), g.frames.end(), [](const GoFrame& f) { return !is_runtime_frame(f); });
  });
  return groups;
}

}  // namespace locklab::present
