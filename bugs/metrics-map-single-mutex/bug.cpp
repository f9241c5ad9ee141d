// metrics-map-single-mutex: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "metrics-map-single-mutex";
  bug.title = "Every metrics increment behind one mutex";
  bug.family = "wrong primitive";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 11";
  bug.symptom =
      "Metrics.mu's increment tops the contention profile and lock waits take a large share of thread time; "
      "per-label atomics or per-worker shards count at least 1.3x as many increments per CPU-second";
  bug.cause = SymptomCause::kRealTime;
  bug.cause_note = "increments per CPU-second against the fix";
  bug.default_threads = 8;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"labels", "distinct labels counted (all known at start)", 50, 1, 10000, true},
      {"incs", "increments one request makes, each under a random label", 8, 1, 1000, true},
  };
  bug.variants = {
      {"buggy", "one Mutex around a label -> count map", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-preallocated", "an atomic counter per known label, made at start; the map is then read-only",
       false, {"fixed_preallocated.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_preallocated); }},
      {"fixed-sharded", "a label map per worker under its own Mutex, summed when scraped (new labels welcome)",
       false, {"fixed_sharded.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_sharded); }},
  };
  bug.oracle = &oracle;
  // No compare(): the fixes' gain per worker CPU-second ranged 1.28x-2.4x
  // with the machine's load; `locklab report` measures it as a benchmark.
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::metrics_map_single_mutex
