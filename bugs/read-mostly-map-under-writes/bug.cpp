// read-mostly-map-under-writes: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::read_mostly_map_under_writes {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "read-mostly-map-under-writes";
  bug.title = "A sync.Map-style map used for write-heavy traffic";
  bug.family = "wrong primitive";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 7";
  bug.symptom =
      "SyncMap.mu tops the contention profile (every new key, every lookup of one, and every promotion and copy "
      "take it); a sharded map serves more operations per second";
  bug.cause = SymptomCause::kRealTime;
  bug.cause_note = "operations per second against a sharded map";
  bug.default_threads = 4;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"window", "requests each worker keeps in flight (its keys in the map)", 1024, 1, 1000000, true},
      {"shards", "shards of the fixed map", 32, 1, 4096, true},
  };
  bug.variants = {
      {"buggy", "a map built like Go's sync.Map: lock-free read map, dirty map under SyncMap.mu", true,
       {"buggy.cpp", "sync_map.h", "sync_map.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-sharded", "plain maps in Mutex-guarded shards, picked by the key's hash", false,
       {"fixed_sharded.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_sharded); }},
  };
  bug.oracle = &oracle;
  // No compare(): the sharded map's gain swings from 1.2x to 5.8x per
  // worker CPU-second with the machine's load, too wide for a test to
  // assert; `locklab report` measures it as a benchmark.
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::read_mostly_map_under_writes
