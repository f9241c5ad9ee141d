// recursive-rlock: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::recursive_rlock {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "recursive-rlock";
  bug.title = "A read lock taken twice, with a writer in between";
  bug.family = "lock ordering and reentrancy";
  bug.blocking = Blocking::kBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "003";
  bug.symptom =
      "the ledger deadlocks: net() holds Ledger.mu for reading and waits to read-lock it again in sum_debits(), "
      "behind a writer that waits for net()'s first read lock";
  bug.default_threads = 4;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"writers", "how many of the threads post entries; the others call net()", 2, 1, 255, true},
      {"audit_us", "microseconds of work net() does between its read lock and the sums (the window)", 200, 0,
       100000, true},
      {"write_gap_us", "microseconds each writer pauses between two posts", 500, 0, 1000000, true},
      {"read_gap_us", "microseconds each reader pauses between two calls (0: back to back)", 0, 0, 1000000, true},
      {"ops", "operations each thread makes before it ends (0: until the run's duration is over)", 0, 0, 1000000,
       true},
  };
  // The trigger-rate table's workload: one writer, one reader, three
  // operations each, no audit work: a window of a few instructions.
  bug.rates.threads = 2;
  bug.rates.params = {{"writers", "1"}, {"ops", "3"}, {"audit_us", "0"}, {"write_gap_us", "100"}};
  bug.variants = {
      {"buggy", "net() read-locks Ledger.mu, then calls sum_debits(), which read-locks it again", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "one lock per exported method; net() sums through *_locked helpers", false, {"fixed.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::recursive_rlock
