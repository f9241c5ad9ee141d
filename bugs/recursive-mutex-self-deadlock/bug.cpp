// recursive-mutex-self-deadlock: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::recursive_mutex_self_deadlock {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "recursive-mutex-self-deadlock";
  bug.title = "A locking method that calls another locking method";
  bug.family = "lock ordering and reentrancy";
  bug.blocking = Blocking::kBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "004 pattern 5";
  bug.symptom =
      "the first add() deadlocks on itself: it holds Cart.mu and calls total(), which locks Cart.mu again; "
      "locklab reports the self-deadlock at once with both lines";
  bug.default_threads = 4;
  bug.default_duration_ms = 500;
  bug.params = {
      {"limit_cents", "the most the cart may hold, in cents; an item that does not fit makes the shopper check out",
       200000, 1, 1e12, true},
      {"gap_ms", "milliseconds each shopper pauses between its operations", 1, 0, 1000, true},
      {"ops", "operations each thread makes before it ends (0: until the run's duration is over)", 0, 0, 1000000,
       true},
  };
  // The trigger-rate table's workload: two shoppers, two operations each.
  // Every add() deadlocks whatever the interleaving: every method finds it.
  bug.rates.threads = 2;
  bug.rates.params = {{"ops", "2"}};
  bug.variants = {
      {"buggy", "add() holds Cart.mu and calls the public total(), which locks Cart.mu again", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "add() and total() lock once each and share total_locked(), which expects the lock held", false,
       {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::recursive_mutex_self_deadlock
