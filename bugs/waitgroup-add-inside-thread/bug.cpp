// waitgroup-add-inside-thread: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::waitgroup_add_inside_thread {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "waitgroup-add-inside-thread";
  bug.title = "WaitGroup::add called inside the thread it counts";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "Tu et al. ASPLOS 2019";
  bug.symptom =
      "gather() returns from wait() before the fetch threads have added themselves, and reads pages with parts "
      "missing; with add() before each thread starts, every page is complete";
  bug.default_threads = 2;
  bug.default_duration_ms = 600;
  bug.params = {
      {"parts", "parts of a page, each fetched on its own thread", 3, 1, 64, true},
      {"fetch_ms", "milliseconds one fetch takes", 2, 0, 10000, true},
      {"gap_ms", "milliseconds each gatherer pauses between two pages", 10, 0, 10000, true},
      {"start_us", "microseconds a fetch thread waits before it runs, as a new goroutine waits to be scheduled", 500, 0,
       1000000, true},
  };
  bug.variants = {
      {"buggy", "each fetch thread calls add(1) itself, so wait() may run before anything was added", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "gather() calls add(1) before starting each fetch thread", false, {"fixed.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::waitgroup_add_inside_thread
