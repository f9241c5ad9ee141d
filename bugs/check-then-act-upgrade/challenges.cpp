// check-then-act-upgrade: its stepping challenge (locklab step, the
// visualizer's step view; see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::check_then_act_upgrade {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "check-then-act-upgrade";
  c.name = "double-open";
  c.goal = "make two workers open a session for the same key";
  c.kind = sched::GoalKind::kSymptom;
  c.step_limit = 6;
  c.hint = "Switch to the other worker while the first is between its check under the read lock and its "
           "insert under the write lock.";
  c.threads = 2;
  c.params = {{"open_us", "0"}};
  c.solution = "1 1 2 2 2 3";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::check_then_act_upgrade

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::check_then_act_upgrade::challenges)
