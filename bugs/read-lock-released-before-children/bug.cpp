// read-lock-released-before-children: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::read_lock_released_before_children {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "read-lock-released-before-children";
  bug.title = "A read lock released before its children read the state";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "000 issue 1";
  bug.symptom =
      "broadcasts send peers messages built from different versions of the replica's state (not the header's), "
      "because an apply() runs between the broadcast's unlock and its children's reads";
  bug.default_threads = 3;
  bug.default_duration_ms = 800;
  bug.params = {
      {"heartbeat_ms", "milliseconds the leader pauses between two broadcasts", 10, 0, 10000, true},
      {"encode_us", "microseconds a child encodes its peer's message before reading the state", 200, 0, 100000,
       true},
      {"apply_us", "microseconds one apply works under the write lock", 100, 0, 100000, true},
      {"apply_gap_us", "microseconds the applier pauses between two entries", 500, 0, 1000000, true},
  };
  bug.variants = {
      {"buggy", "broadcast() releases Replica.mu right after starting the children, which then read the state",
       true, {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-wait", "broadcast() holds Replica.mu for reading until its children are done (a WaitGroup)", false,
       {"fixed_wait.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_wait); }},
      {"fixed-snapshot", "broadcast() copies the state under the read lock and hands the children the copy", false,
       {"fixed_snapshot.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_snapshot); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::read_lock_released_before_children
