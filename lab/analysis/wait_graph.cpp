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
    case WaitEdgeKind::kLikelyEnder: return "likely-ender";
    case WaitEdgeKind::kOwesDone: return "owes-done";
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
    } else if (t.enders_known) {
      const WaitEdgeKind kind = t.wait_kind == WaitKind::kWaitGroup ? WaitEdgeKind::kOwesDone : WaitEdgeKind::kLikelyEnder;
      for (const std::uint16_t to : t.enders)
        if (to != t.id) g.edges.push_back({t.id, to, kind, t.wait_object});
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
    case WaitEdgeKind::kLikelyEnder:
      return who + " waits on " + obj + place + ", which " + other + " likely ends";
    case WaitEdgeKind::kOwesDone:
      return who + " waits for " + obj + place + ", and " + other + " likely owes a done()";
  }
  return who + " waits";
}

std::string waiter_text(const ThreadSnapshot& t) {
  std::string who = "T" + std::to_string(t.id) + " " + t.name;
  if (!t.wait_function.empty() || !t.wait_where.empty())
    who += " (" + t.wait_function + (t.wait_function.empty() || t.wait_where.empty() ? "" : ", ") + t.wait_where + ")";
  return who;
}

std::string id_list(const std::vector<std::uint16_t>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += i + 1 == ids.size() ? " and " : ", ";
    out += "T" + std::to_string(ids[i]);
  }
  return out;
}

// A WaitGroup's state in words: "wg (counter 1, added to by T1)".
std::string wait_group_text(const ThreadSnapshot& t) {
  std::string out = object_of(t);
  if (t.wait_counter < 0) return out;
  out += " (counter " + std::to_string(t.wait_counter);
  if (!t.wait_added_by.empty()) out += ", added to by " + id_list(t.wait_added_by);
  return out + ")";
}

// Why nobody will end a wait that has no holder to blame.
std::string stuck_words(const ThreadSnapshot& t) {
  const std::string who = waiter_text(t);
  const std::string obj = object_of(t);
  if (t.wait_kind == WaitKind::kWaitGroup && t.wait_counter >= 0) {
    const std::string wg = wait_group_text(t);
    if (t.enders.empty())
      return who + " waits for " + wg + " to reach zero, and no running thread is left to call done()" +
             " (none of the live threads owes one)";
    return who + " waits for " + wg + " to reach zero; " + id_list(t.enders) +
           (t.enders.size() == 1 ? " owes" : " owe") + " a done() and " + (t.enders.size() == 1 ? "is" : "are") +
           " blocked too";
  }
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
      case WaitEdgeKind::kLikelyEnder:
        line = who + (one ? " waits on " : " wait on ") + obj + ", which " + holder + " could end (likely: it has used it)";
        break;
      case WaitEdgeKind::kOwesDone:
        line = who + (one ? " waits for " : " wait for ") + obj + " to reach zero; " + holder +
               " likely owes a done()";
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
  WaitGraph g = build_wait_graph(threads);
  std::erase_if(g.edges, [](const WaitEdge& e) { return !is_definite(e.kind); });
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

namespace {

std::string wait_verb(const ThreadSnapshot& t) {
  const std::string obj = object_of(t);
  switch (t.wait_kind) {
    case WaitKind::kChanSend: return "waits to send on " + obj;
    case WaitKind::kChanRecv: return "waits to receive from " + obj;
    case WaitKind::kCond: return "waits for a signal on " + obj;
    case WaitKind::kWaitGroup: return "waits for " + wait_group_text(t) + " to reach zero";
    case WaitKind::kLock:
      return std::string("waits to ") + (t.wait_mode == LockMode::kShared ? "read-lock " : "lock ") + obj;
    case WaitKind::kOnce: return "waits for " + obj + " to finish";
    case WaitKind::kSelfDeadlock: return "waits forever for " + obj + ", which it holds itself";
    default: return "waits (" + std::string(to_string(t.wait_kind)) + ") on " + obj;
  }
}

// Why no one will end this stuck thread's wait, given who else is stuck.
std::string stuck_line(const ThreadSnapshot& t, const std::vector<ThreadSnapshot>& threads, const WaitGraph& g) {
  std::string line = waiter_text(t) + " " + wait_verb(t);
  const std::vector<WaitEdge> out = g.out(t.id);
  if (t.wait_kind == WaitKind::kLock || t.wait_kind == WaitKind::kOnce || t.wait_kind == WaitKind::kPoolSubmit) {
    std::vector<std::string> parts;
    for (const WaitEdge& e : out)
      parts.push_back(holder_text(find_thread(threads, e.to), e.to, e.object));
    std::string who;
    for (std::size_t i = 0; i < parts.size(); ++i) who += (i ? (i + 1 == parts.size() ? " and " : ", ") : "") + parts[i];
    const bool many = parts.size() > 1;
    if (t.wait_kind == WaitKind::kPoolSubmit) return line + ", whose busy workers " + who + (many ? " are" : " is") + " stuck too";
    if (!out.empty() && out.front().kind == WaitEdgeKind::kBehindPendingWriter)
      return line + ", queued behind the pending writer " + who + ", which is stuck too";
    return line + ", held by " + who + (many ? ", all stuck too" : ", which is stuck too");
  }
  if (t.enders_known) {
    const char* what = t.wait_kind == WaitKind::kChanSend   ? "receive from it"
                       : t.wait_kind == WaitKind::kChanRecv ? "send on it or close it"
                       : t.wait_kind == WaitKind::kCond     ? "signal it"
                                                            : "call done()";
    if (t.enders.empty()) {
      if (t.wait_kind == WaitKind::kWaitGroup)
        return line + "; no live thread owes a done() (likely: none was started by an adder during this round)";
      const std::string obj = object_of(t);
      const std::string none = t.wait_kind == WaitKind::kCond
                                   ? "no other live thread has used " + obj + " or takes its mutex"
                                   : "no other live thread has used " + obj;
      return line + "; " + none + ", so likely none will " + what;
    }
    return line + "; the threads that could " + what + " (" + id_list(t.enders) + ": they " + t.enders_rule +
           ") are stuck too (likely)";
  }
  return line + "; every thread that could end it is stuck too";
}

std::string stuck_pattern(const std::vector<const ThreadSnapshot*>& stuck, const WaitGraph& g) {
  std::set<std::uint16_t> in;
  for (const ThreadSnapshot* t : stuck) in.insert(t->id);
  // A stuck lock waiter whose holder waits on a channel, Cond or WaitGroup.
  for (const WaitEdge& e : g.edges) {
    if (!is_definite(e.kind) || !in.count(e.from) || !in.count(e.to)) continue;
    for (const ThreadSnapshot* h : stuck) {
      if (h->id != e.to) continue;
      switch (h->wait_kind) {
        case WaitKind::kChanSend: case WaitKind::kChanRecv: return "a lock held while waiting on a channel";
        case WaitKind::kCond: return "a lock held while waiting on a condition";
        case WaitKind::kWaitGroup: return "a lock held while waiting on a WaitGroup";
        default: break;
      }
    }
  }
  for (const ThreadSnapshot* t : stuck)
    if (t->wait_kind == WaitKind::kWaitGroup) return "a WaitGroup that will not reach zero";
  return "threads that nothing left running will wake";
}

}  // namespace

std::optional<StuckGroup> find_stuck_group(const std::vector<ThreadSnapshot>& threads) {
  const WaitGraph g = build_wait_graph(threads);
  std::vector<char> free(std::size_t{1} << 16, 0);
  std::vector<const ThreadSnapshot*> waiting;
  bool any_free = false;
  for (const ThreadSnapshot& t : threads) {
    if (t.state == ThreadState::kDone) continue;
    // Internal threads are never stuck, and never count as help for a wait
    // anyone might end; a lock one of them holds may still be released.
    if (t.internal) {
      free[t.id] = 1;
      continue;
    }
    if (!t.waiting || t.wake_pending) {
      free[t.id] = 1;
      any_free = true;
    } else {
      waiting.push_back(&t);
    }
  }
  if (waiting.empty()) return std::nullopt;
  bool likely = false;
  for (bool changed = true; changed;) {
    changed = false;
    for (const ThreadSnapshot* t : waiting) {
      if (free[t->id]) continue;
      const std::vector<WaitEdge> out = g.out(t->id);
      bool frees = false;
      const WaitKind k = t->wait_kind;
      if (k == WaitKind::kSelfDeadlock) {
        frees = false;
      } else if (k == WaitKind::kLock || k == WaitKind::kOnce) {
        // Every thread it waits for must be able to go on (none: unknown).
        frees = out.empty() ||
                std::all_of(out.begin(), out.end(), [&](const WaitEdge& e) { return free[e.to] != 0; });
      } else if (k == WaitKind::kPoolSubmit && !out.empty()) {
        frees = std::any_of(out.begin(), out.end(), [&](const WaitEdge& e) { return free[e.to] != 0; });
      } else if (t->enders_known) {
        frees = std::any_of(out.begin(), out.end(), [&](const WaitEdge& e) { return free[e.to] != 0; });
      } else {
        frees = any_free;  // anyone might end it
      }
      if (frees) {
        free[t->id] = 1;
        any_free = true;
        changed = true;
      }
    }
  }
  std::vector<const ThreadSnapshot*> stuck;
  for (const ThreadSnapshot* t : waiting)
    if (!free[t->id]) stuck.push_back(t);
  if (stuck.empty()) return std::nullopt;
  StuckGroup group;
  std::set<std::uint16_t> in;
  for (const ThreadSnapshot* t : stuck) in.insert(t->id);
  for (const ThreadSnapshot* t : stuck) {
    group.threads.push_back(t->id);
    group.lines.push_back(stuck_line(*t, threads, g));
    if (t->enders_known) likely = true;
    for (const WaitEdge& e : g.out(t->id))
      if (is_definite(e.kind) && e.kind != WaitEdgeKind::kBusyWorker && in.count(e.to)) group.has_lock_edge = true;
  }
  group.likely = likely;
  group.pattern = stuck_pattern(stuck, g);
  return group;
}

std::string StuckGroup::words() const {
  std::string out = std::string(likely ? "likely deadlock" : "deadlock") + " (" + pattern + "): ";
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "; " : "") + lines[i];
  return out + ".";
}

DeadlockReport explain_deadlock(const std::vector<ThreadSnapshot>& threads) {
  DeadlockReport r;
  r.cycles = find_wait_cycles(threads);
  std::set<std::uint16_t> on_cycle;
  for (const WaitCycle& c : r.cycles)
    for (const WaitEdge& e : c.edges) on_cycle.insert(e.from);
  std::size_t live = 0, waiting = 0;
  // Internal threads (the timer service, OS threads the workload made) are
  // not lab threads: the watchdog does not wait for them, and neither does
  // this count.
  for (const ThreadSnapshot& t : threads) {
    if (t.state == ThreadState::kDone || t.internal) continue;
    ++live;
    if (t.waiting) ++waiting;
  }
  r.all_asleep = live > 0 && waiting == live;
  if (!r.all_asleep) {
    // Stuck beside threads that still run: the ones not already on a cycle.
    if (auto g = find_stuck_group(threads)) {
      StuckGroup rest;
      rest.pattern = g->pattern;
      rest.likely = g->likely;
      rest.has_lock_edge = g->has_lock_edge;
      for (std::size_t i = 0; i < g->threads.size(); ++i) {
        if (on_cycle.count(g->threads[i])) continue;
        rest.threads.push_back(g->threads[i]);
      }
      for (std::size_t i = 0; i < g->threads.size(); ++i)
        if (!on_cycle.count(g->threads[i])) rest.lines.push_back(g->lines[i]);
      if (!rest.threads.empty()) r.group = std::move(rest);
    }
  }
  if (r.all_asleep) {
    for (const ThreadSnapshot& t : threads)
      if (t.waiting && !t.internal && t.state != ThreadState::kDone && !on_cycle.count(t.id))
        r.stuck.push_back(stuck_words(t));
  }
  return r;
}

std::string DeadlockReport::text() const {
  std::string out;
  for (const WaitCycle& c : cycles) out += "deadlock: " + c.words + "\n";
  if (group) out += group->words() + "\n";
  if (!stuck.empty()) {
    out += cycles.empty() ? "every thread is blocked:\n" : "the other blocked threads:\n";
    for (const std::string& s : stuck) out += "  " + s + "\n";
  }
  return out;
}

}  // namespace locklab
