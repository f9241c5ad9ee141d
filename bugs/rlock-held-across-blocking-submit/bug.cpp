// rlock-held-across-blocking-submit: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "rlock-held-across-blocking-submit";
  bug.title = "A read lock held across a blocking submit to a worker pool";
  bug.family = "oversized critical section";
  bug.blocking = Blocking::kBlocking;
  bug.sharing = Sharing::kMessagePassing;
  bug.seed = "001";
  bug.symptom =
      "the hub deadlocks: broadcast() waits in the full pool's submit() holding Hub.mu for reading, a subscriber "
      "waits to write-lock Hub.mu, and the pool's workers wait to read-lock it behind that writer";
  bug.default_threads = 10;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"broadcasters", "how many of the threads broadcast; the others are clients that subscribe and unsubscribe", 4,
       1, 255, true},
      {"workers", "the hub pool's workers", 2, 1, 64, true},
      {"queue", "tasks that may wait in the pool before submit() blocks", 2, 0, 1024, true},
      {"write_us", "microseconds one delivery (a socket write) takes", 200, 0, 100000, true},
      {"broadcast_gap_us", "microseconds each broadcaster pauses between broadcasts", 50, 0, 1000000, true},
      {"stay_ms", "milliseconds a client stays subscribed, and then away", 2, 0, 10000, true},
      {"ops", "operations each thread makes before it ends (0: until the run's duration is over)", 0, 0, 1000000,
       true},
  };
  // Controlled runs: the smallest hub that can deadlock (one worker, room for one task).
  bug.controlled.threads = 4;
  bug.controlled.params = {{"broadcasters", "2"}, {"workers", "1"}, {"queue", "1"}};
  // The trigger-rate table's workload: one broadcaster, two clients, a pool
  // of one worker and no queue (a second task waits in submit), four
  // operations each.
  bug.rates.threads = 3;
  bug.rates.params = {{"broadcasters", "1"}, {"workers", "1"}, {"queue", "0"}, {"ops", "4"},
                      {"broadcast_gap_us", "0"}, {"stay_ms", "1"}};
  bug.variants = {
      {"buggy", "broadcast() submits to the pool while holding Hub.mu for reading; the tasks read-lock it too", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "broadcast() copies the recipients under the read lock, releases it, then submits", false,
       {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
