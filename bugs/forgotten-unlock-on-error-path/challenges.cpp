// forgotten-unlock-on-error-path: its stepping challenge (locklab step, the
// visualizer's step view; see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "forgotten-unlock-on-error-path";
  c.name = "deadlock";
  c.goal = "make every thread wait on the store's lock forever";
  c.kind = sched::GoalKind::kDeadlock;
  c.step_limit = 21;
  c.hint = "Every second fetch fails; the update that sees it returns without unlocking. Then anyone who locks "
           "the store waits for good.";
  c.threads = 2;
  c.params = {{"fail_every", "2"}, {"fetch_us", "0"}};
  c.solution = "1 1 1 2 2 2 2 2 3 3 3 3 3 1 1 1 1 2 4 4 4";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::forgotten_unlock_on_error_path

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::forgotten_unlock_on_error_path::challenges)
