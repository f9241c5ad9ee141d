// check-then-act-upgrade: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::check_then_act_upgrade {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "check-then-act-upgrade";
  bug.title = "Check under the read lock, insert under the write lock";
  bug.family = "missed protocol";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "004 (read-then-write needs the write lock)";
  bug.symptom =
      "several threads pass the 'absent' check for one key, each opens a session and inserts it: callers of "
      "one key end up holding different sessions";
  bug.default_threads = 4;
  bug.default_duration_ms = 800;
  bug.params = {
      {"open_us", "microseconds of I/O one session open takes (the gap between check and insert)", 100, 0,
       1000000, true},
  };
  bug.variants = {
      {"buggy", "get() checks under the read lock, releases it, opens, then inserts under the write lock", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "get() holds the write lock from the check to the insert", false, {"fixed.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed); }},
      {"fixed-recheck", "hits under the read lock; a miss checks again under the write lock before opening",
       false, {"fixed_recheck.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_recheck); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::check_then_act_upgrade
