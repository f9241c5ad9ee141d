// forgotten-unlock-on-error-path: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "forgotten-unlock-on-error-path";
  bug.title = "A manual unlock that an error path skips";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 8";
  bug.symptom =
      "after the first failed update every other thread blocks on Store.mu for good: the run ends in a "
      "deadlock, and its thread dump shows Store.mu held, taken in update(), by a thread that has moved on; "
      "with an RAII guard every failure releases the lock and the run completes";
  bug.default_threads = 4;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"fail_every", "every n-th backend fetch fails", 200, 1, 1000000, true},
      {"faults", "how fetches fail: 0 alternately by error return and by exception, 1 error returns only, "
                 "2 exceptions only", 0, 0, 2, true},
      {"fetch_us", "microseconds one backend fetch takes (under the store's lock)", 200, 0, 1000000, true},
      {"gap_ms", "milliseconds each connection pauses between its requests", 1, 0, 10000, true},
      {"ops", "operations each thread makes before it ends (0: until the run's duration is over)", 0, 0, 1000000,
       true},
  };
  // Controlled runs last a few virtual milliseconds: fail often enough to fail in one.
  bug.controlled.params = {{"fail_every", "4"}};
  // The trigger-rate table's workload: two connections, two requests each;
  // the third fetch fails. The lock it leaves held hangs the other
  // connection only if that one still has a request to make.
  bug.rates.threads = 2;
  bug.rates.params = {{"ops", "2"}, {"fail_every", "3"}};
  bug.variants = {
      {"buggy", "update() locks and unlocks by hand; an error return and an exception skip the unlock", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "update() takes the lock with a MutexLock guard, released on every path", false, {"fixed.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
