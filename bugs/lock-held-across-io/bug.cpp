// lock-held-across-io: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::lock_held_across_io {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "lock-held-across-io";
  bug.title = "A lock held across a disk write";
  bug.family = "oversized critical section";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 2";
  bug.symptom =
      "Load's p99 latency is at least half a disk write, because Store.mu taken in save() is held through the "
      "write; with the write outside the lock, Load's p99 is ten times lower or better";
  bug.default_threads = 4;
  bug.default_duration_ms = 1500;
  bug.params = {
      {"io_ms", "milliseconds one disk write (persist) takes", 20, 1, 1000, true},
      {"savers", "how many of the threads save; the others load", 2, 1, 255, true},
      {"gap_ms", "milliseconds each thread pauses between its operations", 1, 0, 1000, true},
  };
  bug.variants = {
      {"buggy", "save() keeps Store.mu through the disk write", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "save() updates the cache under Store.mu, then writes to disk without it", false, {"fixed.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  bug.compare = &compare;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::lock_held_across_io
