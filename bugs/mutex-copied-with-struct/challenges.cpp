// mutex-copied-with-struct: its stepping challenge (locklab step, the visualizer's step view;
// see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::mutex_copied_with_struct {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "mutex-copied-with-struct";
  c.name = "two-locks";
  c.goal = "make two handlers write Worker.tally under two different Worker.mu locks";
  c.kind = sched::GoalKind::kSymptom;
  c.step_limit = 7;
  c.hint = "Start both handlers before either records a job: each locks its own copy of Worker.mu, so both are inside record() at once.";
  c.threads = 2;
  c.params = {{"update_ns", "0"}};
  c.solution = "1 1 2 2 3";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::mutex_copied_with_struct

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::mutex_copied_with_struct::challenges)
