// unsynchronized-counter: its stepping challenge (locklab step, the visualizer's step view;
// see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "unsynchronized-counter";
  c.name = "lost-update";
  c.goal = "make the counter lose an update";
  c.kind = sched::GoalKind::kSymptom;
  c.step_limit = 8;
  c.hint = "Let one worker load the count, switch to the other for a whole increment, then let the first store what it loaded plus one.";
  c.threads = 2;
  c.params = {{"batch", "1"}, {"ops", "1"}};
  c.solution = "1 1 3 3 3 2";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::unsynchronized_counter

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::unsynchronized_counter::challenges)
