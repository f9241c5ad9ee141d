// wrong-lock-in-embedded-struct: its stepping challenge (locklab step, the visualizer's step view;
// see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "wrong-lock-in-embedded-struct";
  c.name = "two-locks";
  c.goal = "make the leader and a peer write the peer's progress under different locks";
  c.kind = sched::GoalKind::kSymptom;
  c.step_limit = 7;
  c.hint = "Start the peer while the leader is about to broadcast: broadcast() writes the peer's counts under Replica.mu, ack() under the peer's own lock.";
  c.threads = 2;
  c.params = {{"idle_us", "0"}};
  c.solution = "1 1 2 2 3";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::wrong_lock_in_embedded_struct

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::wrong_lock_in_embedded_struct::challenges)
