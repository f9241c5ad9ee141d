// rwmutex-at-low-read-ratio: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::rwmutex_at_low_read_ratio {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "rwmutex-at-low-read-ratio";
  bug.title = "An RWMutex where reads are only half the traffic";
  bug.family = "wrong primitive";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "004 (RWMutex at a low read ratio)";
  bug.symptom =
      "Table.mu is an RWMutex, yet its read holds seldom overlap another read; a plain Mutex does at least "
      "1.1x the operations per CPU-second";
  bug.cause = SymptomCause::kRealTime;
  bug.cause_note = "operations per CPU-second against a plain Mutex";
  bug.default_threads = 2;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"read_pct", "percent of operations that are reads (Get); the rest are writes (Put)", 50, 0, 100, true},
      {"keys", "keys in the table", 1024, 1, 1000000, true},
      {"read_us", "microseconds of CPU work a Get does under the lock (0: a bare lookup)", 0, 0, 100000, true},
  };
  bug.variants = {
      {"buggy", "Table.mu is an RWMutex: Get read-locks, Put write-locks", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-mutex", "Table.mu is a plain Mutex for Get and Put alike", false, {"fixed_mutex.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed_mutex); }},
  };
  bug.oracle = &oracle;
  // No compare(): the Mutex's edge per worker CPU-second ranged 1.07x-1.24x
  // with the machine's load, too close to 1 for a test to assert; `locklab
  // report` measures it as a benchmark.
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::rwmutex_at_low_read_ratio
