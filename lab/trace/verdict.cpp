#include "locklab/trace/verdict.h"


#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"
#include "locklab/core/use_ledger.h"

#include <algorithm>

namespace locklab {

namespace {

bool contains(const std::vector<std::uint16_t>& v, std::uint16_t id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

// Fills the enders of every wait on a channel, a Cond or a WaitGroup (see
// ThreadSnapshot::enders): the live lab threads the object's ledger names.
void fill_enders(std::vector<ThreadSnapshot>& out, const std::vector<ThreadRecord*>& records) {
  std::vector<char> alive(std::size_t{1} << 16, 0);
  for (const ThreadSnapshot& s : out) alive[s.id] = s.state != ThreadState::kDone && !s.internal;
  auto live = [&](std::uint16_t id) { return alive[id] != 0; };
  for (ThreadSnapshot& s : out) {
    if (!s.waiting) continue;
    const WaitKind k = s.wait_kind;
    if (k != WaitKind::kChanSend && k != WaitKind::kChanRecv && k != WaitKind::kCond && k != WaitKind::kWaitGroup)
      continue;
    const auto u = object_users(s.wait_object);
    if (!u || u->many || u->external) continue;
    s.enders_known = true;
    const std::string obj = s.wait_object_name;
    if (u->wait_group) {
      if (u->done_by_many) {
        s.enders_known = false;
        continue;
      }
      s.wait_counter = u->counter;
      s.wait_added_by = u->threads;
      // The threads that owe a done(): those an adder started during this
      // round, and the adders themselves, that have not called done() yet.
      for (const ThreadRecord* r : records) {
        const std::uint16_t id = r->id();
        if (id == s.id || !r->lab_thread() || !live(id) || contains(u->done_by, id)) continue;
        const bool adder = contains(u->threads, id);
        const bool started_by_adder = contains(u->threads, r->parent()) && r->start_ticks >= u->round_start_ticks;
        if (adder || started_by_adder) s.enders.push_back(id);
      }
      s.enders_rule = "were started by a thread that added to " + obj + " (or added) and have not called done()";
      continue;
    }
    for (const std::uint16_t id : u->threads)
      if (id != s.id && live(id)) s.enders.push_back(id);
    if (k == WaitKind::kCond && u->related) {
      // Whoever holds or waits for the Cond's mutex may signal once it has it.
      for (const ThreadSnapshot& o : out) {
        if (o.id == s.id || o.state == ThreadState::kDone || o.internal || contains(s.enders, o.id)) continue;
        const bool takes = o.holds(u->related) || (o.waiting && o.wait_kind == WaitKind::kLock &&
                                                   o.wait_object == u->related);
        if (takes) s.enders.push_back(o.id);
      }
      s.enders_rule = "have used " + obj + " or hold or wait for its mutex";
    } else {
      s.enders_rule = "have used " + obj;
    }
  }
}

}  // namespace

std::vector<ThreadSnapshot> snapshot_threads() {
  std::vector<ThreadSnapshot> out;
  const std::uint64_t now = now_ticks();
  const double ns_per_tick = TickClock::get().ns_per_tick();
  const std::vector<ThreadRecord*> records = Runtime::get().threads();
  for (const ThreadRecord* t : records) {
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
      s.wait_object_kind = w->object ? object_kind(w->object) : ObjectKind::kOther;
      const SiteInfo where = Site::describe(w->site);
      s.wait_site = site_text(where);
      s.wait_function = where.function.empty() ? "" : short_function(where.function);
      s.wait_where = where.line ? short_site(where) : "";
      const std::uint64_t since = t->wait_since_ticks();
      s.wait_stamp = since;
      s.wake_pending = t->wake_pending();
      s.waiting_for_ns = now > since ? static_cast<std::uint64_t>(double(now - since) * ns_per_tick) : 0;
    }
    for (const HeldLock& h : t->held_snapshot()) {
      const SiteInfo where = Site::describe(h.site);
      s.held.push_back({h.object, object_name(h.object), h.mode, site_text(where),
                        where.function.empty() ? "" : short_function(where.function),
                        where.line ? short_site(where) : ""});
    }
    s.member_of = t->member_of();
    s.internal = !t->lab_thread();
    out.push_back(std::move(s));
  }
  fill_enders(out, records);
  return out;
}

std::string_view to_string(VerdictKind k) noexcept {
  switch (k) {
    case VerdictKind::kCompleted: return "completed";
    case VerdictKind::kDeadlock: return "deadlock";
    case VerdictKind::kNoProgress: return "no-progress";
    case VerdictKind::kSelfDeadlock: return "self-deadlock";
    case VerdictKind::kPanic: return "panic";
    case VerdictKind::kError: return "error";
    case VerdictKind::kUnfinished: return "unfinished";
  }
  return "unknown";
}

}  // namespace locklab
