#include "locklab/sync/singleflight.h"

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"

namespace locklab::detail {

SingleflightCore::SingleflightCore(std::string_view name)
    : id_(register_object(ObjectKind::kSingleflight, name)) {}

void SingleflightCore::lead_locked(FlightCall& call, ThreadRecord& self, std::uint64_t site,
                                   std::size_t in_flight) {
  call.leader = self.id();
  call.leader_site = site;
  emit_level(self, id_, site, in_flight);
}

void SingleflightCore::join_locked(FlightCall& call, WaitNode& node, ThreadRecord& self, std::uint64_t site) {
  ++call.dups;
  node.thread = &self;
  node.site = site;
  node.since = now_ticks();
  call.waiters.push_back(&node);
  self.begin_wait(WaitSpec{WaitKind::kWaitGroup, id_, LockMode::kNone, site});
}

void SingleflightCore::wait_done(FlightCall& call, WaitNode& node, ThreadRecord& self) {
  for (;;) {
    const WakeReason r = self.park();
    GuardLock g(guard_);
    if (node.granted) break;
    if (r == WakeReason::kCancelled) {
      call.waiters.remove(&node);
      g.unlock();
      leave_cancelled(self, WaitKind::kWaitGroup, id_);
    }
  }
  end_sync_wait(self, id_, node.site, node.since);
}

std::vector<ThreadRecord*> SingleflightCore::finish_locked(FlightCall& call, ThreadRecord& self) {
  call.done = true;
  std::vector<ThreadRecord*> wake;
  wake.reserve(call.waiters.size());
  const std::uint64_t now = now_ticks();
  while (WaitNode* w = call.waiters.pop_front()) {
    charge_holder(self, *w, id_, call.leader_site, LockMode::kNone, now);
    w->granted = true;
    wake.push_back(w->thread);
  }
  return wake;
}

void SingleflightCore::finished(ThreadRecord& self, const std::vector<ThreadRecord*>& wake, std::uint64_t site,
                                std::size_t in_flight) {
  self.bump_progress();
  emit_level(self, id_, site, in_flight);
  for (ThreadRecord* t : wake) t->unpark();
}

}  // namespace locklab::detail
