// unsynchronized-counter: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "unsynchronized-counter";
  bug.title = "A counter incremented by a separate read and write";
  bug.family = "memory-model misuse";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "004 (a counter with no lock)";
  bug.symptom = "the counter ends below the number of increments the workers made: updates were lost";
  bug.default_threads = 4;
  bug.default_duration_ms = 500;
  bug.params = {
      {"batch", "increments one Batch operation makes", 1000, 1, 1000000, true},
      {"ops", "Batch operations each worker makes before it ends (0: until the run's duration is over)", 0, 0,
       1000000, true},
  };
  bug.variants = {
      {"buggy", "inc() loads the count, then stores count + 1: two steps", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-mutex", "inc() reads, adds and writes under Counter.mu", false, {"fixed_mutex.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed_mutex); }},
      {"fixed-atomic", "inc() is one atomic fetch_add", false, {"fixed_atomic.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed_atomic); }},
  };
  // Controlled runs (`locklab explore`): a batch of two increments between
  // checks of running(), so a schedule ends within a few hundred steps; every
  // load and store of the count is a scheduling point (locklab::Atomic).
  bug.controlled.params = {{"batch", "2"}};
  // The trigger-rate table's workload: two increments per worker, then done.
  bug.rates.params = {{"batch", "1"}, {"ops", "2"}};
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::unsynchronized_counter
