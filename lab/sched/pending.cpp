#include "locklab/sched/pending.h"

#include "controller.h"

namespace locklab::sched {

std::optional<Step> pending_step(std::uint16_t thread) noexcept {
  const detail::Controller* c = detail::Controller::active();
  if (!c) return std::nullopt;
  const detail::StepRecord s = c->pending(thread);
  if (s.thread == 0) return std::nullopt;
  return Step{s.thread, s.op, s.object, s.site, s.resumed, false};
}

}  // namespace locklab::sched
