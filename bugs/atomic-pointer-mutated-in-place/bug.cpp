// atomic-pointer-mutated-in-place: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::atomic_pointer_mutated_in_place {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "atomic-pointer-mutated-in-place";
  bug.title = "An atomically published config changed in place";
  bug.family = "memory-model misuse";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 13";
  bug.symptom =
      "readers see shard plans whose two fields come from different reshards (shards x slots != keyspace): "
      "torn reads, counted by the readers";
  bug.default_threads = 4;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"writers", "threads that reshard; the others read", 2, 1, 255, true},
      {"plan_us", "microseconds between setting the shard count and the shard size (a round trip to the nodes)",
       100, 0, 100000, true},
      {"gap_ms", "milliseconds each resharder pauses between reshards", 1, 0, 1000, true},
      {"batch", "plan reads one Lookup operation makes", 256, 1, 1000000, true},
  };
  bug.variants = {
      {"buggy", "reshard() writes the two fields of the published plan one after the other", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "reshard() copies the plan, changes the copy, publishes it by compare-and-swap", false,
       {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::atomic_pointer_mutated_in_place
