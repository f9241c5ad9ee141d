// atomic-pointer-mutated-in-place: its stepping challenge (locklab step, the visualizer's step view;
// see lab/include/locklab/sched/challenge.h).
#include "locklab/sched/challenge.h"

namespace locklab::bugs::atomic_pointer_mutated_in_place {
namespace {

std::vector<sched::Challenge> challenges() {
  sched::Challenge c;
  c.bug = "atomic-pointer-mutated-in-place";
  c.name = "torn-plan";
  c.goal = "make a reader see a torn plan";
  c.kind = sched::GoalKind::kSymptom;
  c.step_limit = 7;
  c.hint = "Start a reader while the resharder is between its two stores into the published plan (its io between them is a good moment).";
  c.threads = 2;
  c.params = {{"writers", "1"}, {"batch", "1"}, {"plan_us", "0"}, {"gap_ms", "0"}};
  c.solution = "1 1 2 2 3";
  return {c};
}

}  // namespace
}  // namespace locklab::bugs::atomic_pointer_mutated_in_place

LOCKLAB_REGISTER_CHALLENGES(locklab::bugs::atomic_pointer_mutated_in_place::challenges)
