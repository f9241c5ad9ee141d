// recursive-rlock: its stepping challenge (locklab step, the visualizer's
// step view; see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::recursive_rlock {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "recursive-rlock";
  c.name = "deadlock";
  c.goal = "make the reader and the writer deadlock";
  c.kind = sched::GoalKind::kDeadlock;
  c.step_limit = 12;
  c.hint = "Let the reader take its first read lock, then let the writer ask for the lock before the reader "
           "asks for its second read lock.";
  c.threads = 2;
  c.params = {{"writers", "1"}, {"audit_us", "0"}};
  c.solution = "1 1 1 1 2 2 3 3 3 3 2 3";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::recursive_rlock

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::recursive_rlock::challenges)
