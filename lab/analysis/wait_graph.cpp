#include "locklab/analysis/wait_graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "graph_cycles.h"

namespace locklab {

std::string_view to_string(WaitEdgeKind k) noexcept {
  switch (k) {
    case WaitEdgeKind::kHeldBy: return "held-by";
    case WaitEdgeKind::kHeldForReadingBy: return "held-for-reading-by";
    case WaitEdgeKind::kBehindPendingWriter: return "behind-pending-writer";
    case WaitEdgeKind::kBusyWorker: return "busy-worker";
  }
  return "unknown";
}

std::string thread_at(std::uint16_t id, const std::string& function, const std::string& where) {
  std::string out = "T" + std::to_string(id);
  if (function.empty() && where.empty()) return out;
  out += " (";
  out += function;
  if (!function.empty() && !where.empty()) out += ", ";
  out += where;
  return out + ")";
}

std::vector<WaitEdge> WaitGraph::out(std::uint16_t thread) const {
  std::vector<WaitEdge> result;
  for (const WaitEdge& e : edges)
    if (e.from == thread) result.push_back(e);
  return result;
}

namespace {

bool waits_for_lock(const ThreadSnapshot& t) {
  return t.waiting && (t.wait_kind == WaitKind::kLock || t.wait_kind == WaitKind::kOnce);
}

}  // namespace

WaitGraph build_wait_graph(const std::vector<ThreadSnapshot>& threads) {
  WaitGraph g;
  // Who holds each object, and which writers wait for each object.
  std::map<std::uint32_t, std::vector<std::pair<const ThreadSnapshot*, LockMode>>> holders;
  std::map<std::uint32_t, std::vector<const ThreadSnapshot*>> pending_writers;
  for (const ThreadSnapshot& t : threads) {
    if (t.state == ThreadState::kDone) continue;
    for (const auto& h : t.held) holders[h.object].push_back({&t, h.mode});
    if (waits_for_lock(t) && t.wait_mode == LockMode::kExclusive) pending_writers[t.wait_object].push_back(&t);
  }

  for (const ThreadSnapshot& t : threads) {
    if (!t.waiting || t.state == ThreadState::kDone) continue;
    if (waits_for_lock(t)) {
      const auto& hs = holders[t.wait_object];
      const bool writer_holds =
          std::any_of(hs.begin(), hs.end(), [](const auto& h) { return h.second != LockMode::kShared; });
      if (t.wait_mode == LockMode::kShared && !writer_holds) {
        for (const ThreadSnapshot* w : pending_writers[t.wait_object])
          if (w->id != t.id) g.edges.push_back({t.id, w->id, WaitEdgeKind::kBehindPendingWriter, t.wait_object});
        continue;
      }
      for (const auto& [holder, mode] : hs) {
        if (holder->id == t.id) continue;  // a self-deadlock is reported on its own
        // A reader waits only for writers; a writer waits for everyone.
        if (t.wait_mode == LockMode::kShared && mode == LockMode::kShared) continue;
        g.edges.push_back({t.id, holder->id,
                           mode == LockMode::kShared ? WaitEdgeKind::kHeldForReadingBy : WaitEdgeKind::kHeldBy,
                           t.wait_object});
      }
    } else if (t.wait_kind == WaitKind::kPoolSubmit) {
      for (const ThreadSnapshot& w : threads) {
        if (w.member_of != t.wait_object || w.state == ThreadState::kDone || w.id == t.id) continue;
        // An idle worker waits to receive its next task from the pool.
        if (w.waiting && w.wait_kind == WaitKind::kChanRecv && w.wait_object == t.wait_object) continue;
        g.edges.push_back({t.id, w.id, WaitEdgeKind::kBusyWorker, t.wait_object});
      }
    }
  }
  std::sort(g.edges.begin(), g.edges.end(), [](const WaitEdge& a, const WaitEdge& b) {
    return std::tie(a.from, a.to, a.object) < std::tie(b.from, b.to, b.object);
  });
  g.edges.erase(std::unique(g.edges.begin(), g.edges.end(),
                            [](const WaitEdge& a, const WaitEdge& b) {
                              return a.from == b.from && a.to == b.to && a.object == b.object;
                            }),
                g.edges.end());
  return g;
}

namespace {

const ThreadSnapshot* find_thread(const std::vector<ThreadSnapshot>& threads, std::uint16_t id) {
  for (const ThreadSnapshot& t : threads)
    if (t.id == id) return &t;
  return nullptr;
}

std::string object_of(const ThreadSnapshot& t) {
  return t.wait_object_name.empty() ? "object #" + std::to_string(t.wait_object) : t.wait_object_name;
}

// "T1 (Net, ledger.cpp:30)": the holder named with where it took `object`.
std::string holder_text(const ThreadSnapshot* t, std::uint16_t id, std::uint32_t object) {
  if (!t) return "T" + std::to_string(id);
  if (const ThreadSnapshot::Held* h = t->holds(object)) return thread_at(id, h->function, h->where);
  return "T" + std::to_string(id);
}

std::string pattern_of(const std::vector<WaitEdge>& cycle, const std::vector<ThreadSnapshot>& threads) {
  std::set<std::uint32_t> objects;
  bool recursive_read = false, pool = false, pending_writer = false;
  for (const WaitEdge& e : cycle) {
    objects.insert(e.object);
    if (e.kind == WaitEdgeKind::kBusyWorker) pool = true;
    if (e.kind == WaitEdgeKind::kBehindPendingWriter) {
      pending_writer = true;
      const ThreadSnapshot* from = find_thread(threads, e.from);
      if (from && from->holds(e.object)) recursive_read = true;
    }
  }
  if (recursive_read) return "recursive read locking";
  if (pool) return "a lock held while submitting to a full worker pool";
  if (pending_writer) return "a read lock queued behind a pending writer";
  if (objects.size() >= 2) return objects.size() == 2 ? "lock-order inversion (ABBA)" : "lock-order inversion";
  return "a cycle of waits";
}

// One step of the chain: what `from` waits for and who holds it up.
std::string step_words(const WaitEdge& e, const std::vector<ThreadSnapshot>& threads, bool first,
                       std::uint16_t cycle_start) {
  const ThreadSnapshot* from = find_thread(threads, e.from);
  const ThreadSnapshot* to = find_thread(threads, e.to);
  const std::string obj = from ? object_of(*from) : "object #" + std::to_string(e.object);
  const std::string at = from ? thread_at(e.from, from->wait_function, from->wait_where) : "T" + std::to_string(e.from);
  // The first step names the waiter with its place; later waiters were just
  // named as holders, so their wait's place follows the verb instead.
  const std::string who = first ? at : "T" + std::to_string(e.from);
  std::string place;
  if (!first && from && (!from->wait_function.empty() || !from->wait_where.empty())) {
    place = " (" + from->wait_function + (from->wait_function.empty() || from->wait_where.empty() ? "" : ", ") +
            from->wait_where + ")";
  }
  // The thread the chain returns to was introduced already: its name is enough.
  const std::string other = e.to == cycle_start ? "T" + std::to_string(e.to) : holder_text(to, e.to, e.object);
  const bool again = from && from->holds(e.object);
  switch (e.kind) {
    case WaitEdgeKind::kHeldBy:
      if (from && from->wait_kind == WaitKind::kOnce)
        return who + " waits for " + obj + " to finish" + place + ", being run by " + other;
      return who + " waits to " + (from && from->wait_mode == LockMode::kShared ? "read-lock " : "lock ") + obj +
             place + ", held by " + other;
    case WaitEdgeKind::kHeldForReadingBy:
      return who + " waits to write-lock " + obj + place + ", held for reading by " + other;
    case WaitEdgeKind::kBehindPendingWriter:
      return who + " waits to read-lock " + obj + (again ? " again" : "") + place +
             " and is queued behind the pending writer " + other;
    case WaitEdgeKind::kBusyWorker:
      return who + " waits to submit to " + obj + place + ", whose workers are all busy, among them " + other;
  }
  return who + " waits";
}

// Why nobody will end a wait that has no holder to blame.
std::string stuck_words(const ThreadSnapshot& t) {
  std::string who = "T" + std::to_string(t.id) + " " + t.name;
  if (!t.wait_function.empty() || !t.wait_where.empty())
    who += " (" + t.wait_function + (t.wait_function.empty() || t.wait_where.empty() ? "" : ", ") + t.wait_where + ")";
  const std::string obj = object_of(t);
  switch (t.wait_kind) {
    case WaitKind::kChanSend: return who + " waits to send on " + obj + ", and no running thread is left to receive";
    case WaitKind::kChanRecv:
      return who + " waits to receive from " + obj + ", and no running thread is left to send on it or close it";
    case WaitKind::kSelect:
      return who + " waits in a select" + (t.wait_object ? " (on " + obj + ")" : "") +
             ", and no running thread is left to make a case ready";
    case WaitKind::kCond: return who + " waits for a signal on " + obj + ", and no running thread is left to signal it";
    case WaitKind::kWaitGroup:
      if (t.wait_object_kind == ObjectKind::kSingleflight)
        return who + " waits for the call in flight on " + obj + ", whose caller is blocked";
      return who + " waits for " + obj + " to reach zero, and no running thread is left to call done()";
    case WaitKind::kJoin: return who + " waits for threads to end, and they are all blocked";
    case WaitKind::kSemaphore: return who + " waits for weight of " + obj + ", and no running thread is left to release it";
    case WaitKind::kSelfDeadlock: return who + " waits forever for " + obj + ", which it holds itself";
    case WaitKind::kLock:
      return who + " waits to " + (t.wait_mode == LockMode::kShared ? "read-lock " : "lock ") + obj +
             ", and no running thread will release it";
    default: return who + " waits (" + std::string(to_string(t.wait_kind)) + ") on " + obj;
  }
}

}  // namespace

std::vector<std::string> describe_waits_for(const std::vector<ThreadSnapshot>& threads) {
  const WaitGraph g = build_wait_graph(threads);
  // Key: kind, object, mode of the wait, and the thread waited for.
  std::map<std::tuple<WaitEdgeKind, std::uint32_t, LockMode, std::uint16_t>, std::vector<std::uint16_t>> groups;
  for (const WaitEdge& e : g.edges) {
    const ThreadSnapshot* from = find_thread(threads, e.from);
    groups[{e.kind, e.object, from ? from->wait_mode : LockMode::kNone, e.to}].push_back(e.from);
  }
  std::vector<std::pair<std::size_t, std::string>> lines;
  for (const auto& [key, waiters] : groups) {
    const auto& [kind, object, mode, to] = key;
    const ThreadSnapshot* first = find_thread(threads, waiters.front());
    const std::string obj = first ? object_of(*first) : "object #" + std::to_string(object);
    std::string who;
    for (std::size_t i = 0; i < waiters.size() && i < 3; ++i) who += (i ? ", T" : "T") + std::to_string(waiters[i]);
    if (waiters.size() > 3) who += " and " + std::to_string(waiters.size() - 3) + " more";
    const bool one = waiters.size() == 1;
    const std::string holder = holder_text(find_thread(threads, to), to, object);
    std::string line;
    switch (kind) {
      case WaitEdgeKind::kHeldBy:
        line = who + (one ? " waits to " : " wait to ") + (mode == LockMode::kShared ? "read-lock " : "lock ") + obj +
               ", held by " + holder;
        break;
      case WaitEdgeKind::kHeldForReadingBy:
        line = who + (one ? " waits to write-lock " : " wait to write-lock ") + obj + ", held for reading by " + holder;
        break;
      case WaitEdgeKind::kBehindPendingWriter:
        line = who + (one ? " waits to read-lock " : " wait to read-lock ") + obj + ", queued behind the pending writer " +
               holder;
        break;
      case WaitEdgeKind::kBusyWorker:
        line = who + (one ? " waits to submit to " : " wait to submit to ") + obj + ", whose worker " + holder + " is busy";
        break;
    }
    lines.push_back({waiters.size(), std::move(line)});
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& [n, line] : lines) out.push_back(std::move(line));
  return out;
}

std::vector<WaitCycle> find_wait_cycles(const std::vector<ThreadSnapshot>& threads) {
  const WaitGraph g = build_wait_graph(threads);
  std::vector<WaitCycle> out;
  const auto cycles = detail::one_cycle_per_component(
      g.edges.size(), [&](std::size_t i) { return std::uint32_t{g.edges[i].from}; },
      [&](std::size_t i) { return std::uint32_t{g.edges[i].to}; });
  for (const auto& indices : cycles) {
    WaitCycle c;
    for (const std::size_t i : indices) c.edges.push_back(g.edges[i]);
    c.pattern = pattern_of(c.edges, threads);
    for (std::size_t i = 0; i < c.edges.size(); ++i) {
      if (i) c.words += "; ";
      c.words += step_words(c.edges[i], threads, i == 0, c.edges.front().from);
    }
    c.words += ": " + c.pattern + ".";
    out.push_back(std::move(c));
  }
  return out;
}

DeadlockReport explain_deadlock(const std::vector<ThreadSnapshot>& threads) {
  DeadlockReport r;
  r.cycles = find_wait_cycles(threads);
  std::set<std::uint16_t> on_cycle;
  for (const WaitCycle& c : r.cycles)
    for (const WaitEdge& e : c.edges) on_cycle.insert(e.from);
  std::size_t live = 0, waiting = 0;
  for (const ThreadSnapshot& t : threads) {
    if (t.state == ThreadState::kDone) continue;
    ++live;
    if (t.waiting) ++waiting;
  }
  r.all_asleep = live > 0 && waiting == live;
  if (r.all_asleep) {
    for (const ThreadSnapshot& t : threads)
      if (t.waiting && t.state != ThreadState::kDone && !on_cycle.count(t.id)) r.stuck.push_back(stuck_words(t));
  }
  return r;
}

std::string DeadlockReport::text() const {
  std::string out;
  for (const WaitCycle& c : cycles) out += "deadlock: " + c.words + "\n";
  if (!stuck.empty()) {
    out += cycles.empty() ? "every thread is blocked:\n" : "the other blocked threads:\n";
    for (const std::string& s : stuck) out += "  " + s + "\n";
  }
  return out;
}

}  // namespace locklab
