// healthy-select-wait: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::healthy_select_wait {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "healthy-select-wait";
  bug.title = "Idle workers in a select: a healthy wait misread as contention";
  bug.family = "reading profiles";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kMessagePassing;
  bug.seed = "002 bug 12";
  bug.symptom =
      "idle workers spin: they poll a locked queue tens of thousands of times per job and make the producer "
      "queue for the lock. The healthy select they replaced waits once per job; a naive profile of all waits "
      "blames it, but locklab files its waits as idle and its contention profile stays empty";
  bug.cause = SymptomCause::kRealTime;
  bug.cause_note = "CPU burnt polling (looks per job) while time passes; virtual time stands still while a thread spins";
  bug.default_threads = 3;
  bug.default_duration_ms = 800;
  bug.params = {
      {"gap_us", "microseconds between two ordinary jobs from the producer", 1000, 10, 1000000, true},
      {"urgent_ms", "milliseconds between two urgent jobs", 50, 1, 100000, true},
      {"work_us", "microseconds of CPU one job takes", 50, 0, 100000, true},
      {"yield", "1: a polling worker (buggy) yields its core between two empty looks", 0, 0, 1, true},
  };
  bug.variants = {
      {"buggy", "idle workers poll a Mutex-guarded queue in a loop (the select removed because a block profile "
                "blamed it)",
       true, {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "idle workers park in a select on the jobs and urgent channels (the original, healthy code)", false,
       {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::healthy_select_wait
