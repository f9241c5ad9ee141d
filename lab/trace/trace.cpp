// Trace's small lookups and the text forms of sites and objects.
#include "locklab/trace/trace.h"

#include <string_view>

#include "locklab/core/site.h"

namespace locklab {

namespace {

// The part of a path after its last directory separator.
std::string_view basename_of(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string short_site(const SiteInfo& info) {
  if (info.file.empty() || info.line == 0) return {};
  std::string out(basename_of(info.file));
  out += ':';
  out += std::to_string(info.line);
  return out;
}

std::uint64_t Trace::dropped_events() const noexcept {
  std::uint64_t total = 0;
  for (const TraceThread& t : threads) total += t.dropped;
  return total;
}

std::uint64_t Trace::total_items() const noexcept {
  std::uint64_t total = 0;
  for (const TraceThread& t : threads) total += t.items;
  return total;
}

const ObjectInfo* Trace::object(std::uint32_t id) const noexcept {
  // Objects are normally stored in id order starting at 1, so try the
  // direct slot first and fall back to a search for anything else.
  if (id >= 1 && id <= objects.size() && objects[id - 1].id == id) return &objects[id - 1];
  for (const ObjectInfo& o : objects) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const TraceThread* Trace::thread(std::uint16_t id) const noexcept {
  if (id < threads.size() && threads[id].id == id) return &threads[id];
  for (const TraceThread& t : threads) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::string Trace::site_text(std::uint32_t site) const {
  if (site == 0 || site >= sites.size()) return "unknown site";
  return locklab::site_text(sites[site]);
}

std::string Trace::object_text(std::uint32_t id) const {
  const ObjectInfo* o = object(id);
  if (o && !o->name.empty()) return o->name;
  return "object#" + std::to_string(id);
}

}  // namespace locklab
