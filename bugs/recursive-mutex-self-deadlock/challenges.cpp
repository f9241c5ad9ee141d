// recursive-mutex-self-deadlock: its stepping challenge (locklab step, the
// visualizer's step view; see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::recursive_mutex_self_deadlock {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "recursive-mutex-self-deadlock";
  c.name = "self-deadlock";
  c.goal = "make a shopper lock Cart.mu while holding it";
  c.kind = sched::GoalKind::kDeadlock;
  c.step_limit = 5;
  c.hint = "Follow one shopper into add(): it locks Cart.mu, then calls total(), which locks it again.";
  c.threads = 2;
  c.solution = "1 2 2 2 2";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::recursive_mutex_self_deadlock

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::recursive_mutex_self_deadlock::challenges)
