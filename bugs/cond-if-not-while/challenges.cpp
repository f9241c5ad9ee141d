// cond-if-not-while: its stepping challenge (locklab step, the visualizer's
// step view; see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::cond_if_not_while {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "cond-if-not-while";
  c.name = "empty-pop";
  c.goal = "make a pop find the queue empty";
  c.kind = sched::GoalKind::kSymptom;
  c.step_limit = 17;
  c.hint = "Between the producer's unlock and its signal, let one consumer take the item and the other "
           "start waiting; then let the producer signal.";
  c.threads = 2;
  c.solution = "1 1 1 1 1 2 2 2 2 3 3 3 3 4 4 4 2";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::cond_if_not_while

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::cond_if_not_while::challenges)
