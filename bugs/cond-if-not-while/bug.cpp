// cond-if-not-while: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::cond_if_not_while {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "cond-if-not-while";
  bug.title = "An `if` around Cond::wait, and a signal after the unlock";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 9";
  bug.symptom =
      "a consumer woken from Cond::wait reads the front of the empty queue: a Go panic (index out of range) on "
      "Queue.items ends the run; with `while` around the wait every pop finds an item or waits again";
  bug.default_threads = 4;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"burst", "items the producer pushes back to back each round", 4, 1, 10000, true},
      {"every_ms", "milliseconds the producer pauses between rounds", 1, 0, 10000, false},
      {"work_us", "microseconds of CPU a consumer spends on each item", 20, 0, 1000000, true},
  };
  bug.variants = {
      {"buggy", "pop() waits under an `if`; push() signals after unlocking", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "pop() waits in a `while` loop; push() signals under the lock", false, {"fixed.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::cond_if_not_while
