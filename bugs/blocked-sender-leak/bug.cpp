// blocked-sender-leak: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::blocked_sender_leak {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "blocked-sender-leak";
  bug.title = "A reply sent on an unbuffered channel after the caller gave up";
  bug.family = "channel misuse";
  bug.blocking = Blocking::kBlocking;
  bug.sharing = Sharing::kMessagePassing;
  bug.seed = "Tu et al. ASPLOS 2019";
  bug.symptom =
      "every backend call that outlives its caller's deadline leaves a thread blocked forever in its send on "
      "Query.reply; the run cannot end, and its dump lists the leaked senders";
  bug.default_threads = 2;
  bug.default_duration_ms = 600;
  bug.params = {
      {"deadline_ms", "milliseconds a caller waits for the reply before giving up", 5, 0, 10000, true},
      {"backend_min_ms", "shortest backend call, in milliseconds", 1, 0, 10000, true},
      {"backend_max_ms", "longest backend call, in milliseconds (calls are uniform in between)", 9, 0, 10000, true},
      {"gap_ms", "milliseconds each caller pauses between two queries", 10, 0, 10000, true},
      {"ops", "operations each thread makes before it ends (0: until the run's duration is over)", 0, 0, 1000000,
       true},
  };
  // The trigger-rate table's workload: one caller, two queries whose
  // backend takes exactly the deadline: who comes first decides.
  bug.rates.threads = 1;
  bug.rates.params = {{"ops", "2"}, {"deadline_ms", "5"}, {"backend_min_ms", "5"}, {"backend_max_ms", "5"},
                      {"gap_ms", "1"}};
  bug.variants = {
      {"buggy", "the backend thread replies on an unbuffered channel: after a timeout its send never completes",
       true, {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed", "the reply channel has a buffer of one: the send completes whether or not the caller still waits",
       false, {"fixed.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::blocked_sender_leak
