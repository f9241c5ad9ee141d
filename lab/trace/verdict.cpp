#include "locklab/trace/verdict.h"


#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"

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
    out.push_back(std::move(s));
  }
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
