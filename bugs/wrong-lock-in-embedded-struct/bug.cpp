// wrong-lock-in-embedded-struct: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "wrong-lock-in-embedded-struct";
  bug.title = "A parent's lock used for its child's data";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "000 issue 3";
  bug.symptom =
      "the lockset check reports each peer's progress written under Replica.mu by the leader and under the peer's "
      "own lock by the peer, and in_flight drifts away from sent - acked; with each peer's counts under the peer's "
      "lock only, neither";
  bug.default_threads = 3;
  bug.default_duration_ms = 600;
  bug.params = {
      {"idle_us", "microseconds a peer waits when it has nothing to acknowledge", 20, 0, 100000, true},
  };
  bug.variants = {
      {"buggy", "broadcast() updates every peer's counts under the replica's own lock; ack() uses the peer's lock",
       true, {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "broadcast() takes the replica's lock for the log only, then each peer's lock for its counts", false,
       {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
