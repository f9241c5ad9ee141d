#include "step_probe.h"

#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/sched/pending.h"

namespace locklab::sched::detail {

std::uint16_t StepProbe::pick(const Choice& choice) {
  const auto n = static_cast<std::size_t>(choice.step);
  if (!bad_pick_ && n < picks_.size()) {
    if (contains(choice.runnable, picks_[n])) return picks_[n];
    bad_pick_ = n;
    runnable_at_bad_.assign(choice.runnable.begin(), choice.runnable.end());
  }
  if (!bad_pick_ && n == picks_.size()) capture(choice);
  return choice.current != 0 ? choice.current : choice.runnable.front();
}

void StepProbe::capture(const Choice& choice) {
  reached_cut_ = true;
  for (const ThreadRecord* r : Runtime::get().threads()) {
    if (!r->lab_thread()) continue;
    ProbedThread t;
    t.id = r->id();
    t.name = r->name();
    t.state = r->state();
    t.runnable = contains(choice.runnable, t.id);
    if (t.runnable) t.next = pending_step(t.id);
    t.wait = r->current_wait();
    if (t.wait && t.wait->object) t.wait_object = object_name(t.wait->object);
    for (const HeldLock& h : r->held_snapshot()) t.held.push_back({h, object_name(h.object)});
    t.events = r->event_count();
    cut_.push_back(std::move(t));
  }
}

}  // namespace locklab::sched::detail
