#include "locklab/verdict.h"

#include <map>
#include <sstream>

#include "locklab/clock.h"
#include "locklab/objects.h"
#include "locklab/runtime.h"
#include "locklab/site.h"

namespace locklab {

std::vector<ThreadSnapshot> snapshot_threads() {
  std::vector<ThreadSnapshot> out;
  const std::uint64_t now = now_ticks();
  const double ns_per_tick = TickClock::get().ns_per_tick();
  for (const ThreadRecord* t : Runtime::get().threads()) {
    ThreadSnapshot s;
    s.id = t->id();
    s.name = t->name();
    s.state = t->state();
    s.progress = t->progress();
    if (const auto w = t->current_wait()) {
      s.waiting = true;
      s.wait_kind = w->kind;
      s.wait_mode = w->mode;
      s.wait_object = w->object;
      s.wait_object_name = w->object ? object_name(w->object) : "";
      s.wait_site = site_text(Site::describe(w->site));
      const std::uint64_t since = t->wait_since_ticks();
      s.waiting_for_ns = now > since ? static_cast<std::uint64_t>(double(now - since) * ns_per_tick) : 0;
    }
    for (const HeldLock& h : t->held_snapshot())
      s.held.push_back({h.object, object_name(h.object), h.mode, site_text(Site::describe(h.site))});
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

std::string describe_wait(const ThreadSnapshot& t) {
  std::ostringstream o;
  switch (t.wait_kind) {
    case WaitKind::kLock:
      o << (t.wait_mode == LockMode::kShared ? "waits to read-lock " : "waits to lock ") << t.wait_object_name;
      break;
    case WaitKind::kSelfDeadlock:
      o << "waits forever for " << t.wait_object_name << ", which it holds itself";
      break;
    case WaitKind::kJoin: o << "waits for its threads to end"; break;
    case WaitKind::kChanRecv: o << "waits to receive from " << t.wait_object_name; break;
    case WaitKind::kChanSend: o << "waits to send to " << t.wait_object_name; break;
    case WaitKind::kCond: o << "waits for a signal on " << t.wait_object_name; break;
    case WaitKind::kSelect:
      if (t.wait_object_name.empty()) o << "waits in a select with no case that can proceed";
      else o << "waits in a select (first case on " << t.wait_object_name << ")";
      break;
    default:
      o << "waits (" << to_string(t.wait_kind) << ")";
      if (!t.wait_object_name.empty()) o << " on " << t.wait_object_name;
  }
  o << " at " << t.wait_site;
  if (t.waiting_for_ns) o << " for " << (t.waiting_for_ns / 1'000'000) << " ms";
  return o.str();
}

}  // namespace

std::string format_dump(const std::vector<ThreadSnapshot>& threads) {
  // Group threads whose state, wait and holds read the same (like
  // goroutine-inspect's dedup): a hundred identical waiters are one block.
  std::map<std::string, std::vector<const ThreadSnapshot*>> groups;
  std::vector<std::string> order;
  for (const ThreadSnapshot& t : threads) {
    std::ostringstream body;
    if (t.waiting) body << "    " << describe_wait(t) << "\n";
    else body << "    " << to_string(t.state) << "\n";
    for (const auto& h : t.held)
      body << "    holds " << h.object_name << (h.mode == LockMode::kShared ? " for reading" : "")
           << " (taken at " << h.site << ")\n";
    const std::string key = body.str();
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(&t);
  }
  std::ostringstream out;
  for (const std::string& key : order) {
    const auto& members = groups[key];
    for (std::size_t i = 0; i < members.size() && i < 3; ++i)
      out << (i ? ", " : "") << "T" << members[i]->id << " " << members[i]->name;
    if (members.size() > 3) out << " and " << (members.size() - 3) << " more";
    out << ":\n" << key;
  }
  return out.str();
}

}  // namespace locklab
