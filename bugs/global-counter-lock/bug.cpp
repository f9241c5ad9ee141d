// global-counter-lock: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::global_counter_lock {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "global-counter-lock";
  bug.title = "A global lock around one counter";
  bug.family = "wrong primitive";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 1";
  bug.symptom =
      "Counter.mu's increment tops the contention profile and lock waits take a large share of thread time; "
      "an atomic or sharded counter counts at least twice as fast, with no lock wait at all";
  bug.cause = SymptomCause::kRealTime;
  bug.cause_note = "a throughput ratio and a share of real time spent waiting";
  bug.default_threads = 8;
  bug.default_duration_ms = 1500;
  bug.params = {
      {"incs", "increments one request makes (each takes the lock, in the buggy variant)", 8, 1, 1000, true},
  };
  bug.variants = {
      {"buggy", "every increment takes the global Counter.mu", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-atomic", "one std::atomic counter, relaxed fetch_add; no lock", false, {"fixed_atomic.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed_atomic); }},
      {"fixed-sharded", "a counter per thread on its own cache line, summed on read", false,
       {"fixed_sharded.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_sharded); }},
  };
  bug.oracle = &oracle;
  bug.compare = &compare;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::global_counter_lock
