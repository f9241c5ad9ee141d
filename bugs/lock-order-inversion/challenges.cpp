// lock-order-inversion: its stepping challenge (locklab step, the
// visualizer's step view; see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::lock_order_inversion {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "lock-order-inversion";
  c.name = "deadlock";
  c.goal = "make two tellers deadlock";
  c.kind = sched::GoalKind::kDeadlock;
  c.step_limit = 14;
  c.hint = "Let each teller take its first lock before either takes its second: their first transfers go in "
           "opposite directions.";
  c.threads = 2;
  c.params = {{"accounts", "2"}, {"check_us", "0"}};
  c.seed = 4;
  c.solution = "1 1 1 1 2 2 2 2 3 3 3 3 3 2";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::lock_order_inversion

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::lock_order_inversion::challenges)
