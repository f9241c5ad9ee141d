// rwmutex-reload-starves-readers: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "rwmutex-reload-starves-readers";
  bug.title = "A slow reload under an RWMutex write lock blocks every reader";
  bug.family = "oversized critical section";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 3";
  bug.symptom =
      "Get's p99 latency is at least half a reload, because Reload holds Config.mu's write lock while it reads "
      "and parses the file; with the flags swapped in through an atomic snapshot, Get never waits for a lock";
  bug.default_threads = 4;
  bug.default_duration_ms = 1500;
  bug.params = {
      {"reload_ms", "milliseconds one reload takes: three quarters disk read, one quarter parsing", 200, 10, 5000,
       true},
      {"pause_ms", "milliseconds the reloader pauses before each reload", 300, 0, 10000, true},
      {"gap_ms", "milliseconds each reader pauses between its gets", 10, 0, 1000, true},
  };
  bug.variants = {
      {"buggy", "Reload holds Config.mu's write lock through the read and parse; Get read-locks it", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "Reload builds the flags with no lock and swaps a snapshot pointer; Get takes no lock", false,
       {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  // explore: short reloads close together, so a few hundred steps see a Get
  // arrive during one.
  bug.controlled.duration_ms = 60;
  bug.controlled.params = {{"reload_ms", "10"}, {"pause_ms", "5"}, {"gap_ms", "1"}};
  bug.oracle = &oracle;
  bug.compare = &compare;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
