// mutex-copied-with-struct: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::mutex_copied_with_struct {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "mutex-copied-with-struct";
  bug.title = "A struct copied with its lock: every copy locks its own mutex";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 5";
  bug.symptom =
      "the lockset check reports Worker.tally written under two different Worker.mu locks, and the worker "
      "counts fewer jobs and bytes than its handlers did (lost updates); with one shared worker, neither";
  bug.default_threads = 2;
  bug.default_duration_ms = 600;
  bug.params = {
      {"update_ns", "nanoseconds a worker takes to fold one job into its counts, between reading and writing them",
       1000, 0, 1000000, true},
      {"max_bytes", "largest job size in bytes; each job's size is drawn from 1 to this", 4096, 1, 1e9, true},
  };
  bug.variants = {
      {"buggy", "each handler thread captures a copy of the worker; a hand-written copy constructor gives every "
                "copy a new Worker.mu over the one shared tally",
       true, {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &serve_buggy); }},
      {"fixed", "the worker stays uncopyable; handler threads capture it by reference and share its one lock", false,
       {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &serve_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::mutex_copied_with_struct
