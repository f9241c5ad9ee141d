// thundering-herd-cache-miss: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::thundering_herd_cache_miss {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "thundering-herd-cache-miss";
  bug.title = "Every caller that misses the cache computes the same value";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "002 bug 10";
  bug.symptom =
      "after each clearing of the cache, every request for a hot key computes it: two or more computations per "
      "cache fill; with Singleflight, one computation per key per clearing";
  bug.default_threads = 8;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"keys", "hot keys the requesters ask for", 2, 1, 100000, true},
      {"compute_ms", "milliseconds of CPU one computation of a value takes", 20, 1, 10000, true},
      {"ttl_ms", "milliseconds between two clearings of the cache", 200, 10, 600000, true},
      {"gap_ms", "milliseconds each requester pauses between its requests", 1, 0, 10000, true},
  };
  bug.variants = {
      {"buggy", "on a miss, every caller computes the value and stores it", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "on a miss, Singleflight runs one computation per key; the other callers share its result",
       false, {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  // explore: one hot key, so two requesters that miss together compute it twice.
  bug.controlled.threads = 3;
  bug.controlled.params = {{"keys", "1"}};
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::thundering_herd_cache_miss
