// lock-order-inversion: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::lock_order_inversion {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "lock-order-inversion";
  bug.title = "Two transfers lock the same two accounts in opposite orders";
  bug.family = "lock ordering and reentrancy";
  bug.blocking = Blocking::kBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "004 (locking out of order)";
  bug.symptom =
      "transfers in opposite directions deadlock, each holding one account's lock and waiting for the other's; "
      "even a lucky run that does not deadlock shows the cycle in the lock-order graph. Taking the locks in "
      "account order, or with std::scoped_lock, leaves no cycle and no deadlock";
  bug.default_threads = 4;
  bug.default_duration_ms = 600;
  bug.params = {
      {"accounts", "how many accounts the bank has", 4, 2, 1000, true},
      {"check_us", "microseconds of checks a transfer makes with the source account locked", 20, 0, 100000, true},
      {"one_way", "1: a lucky run: all transfers go up the account numbers for the first half, then all go down",
       0, 0, 1, true},
      {"ops", "operations each thread makes before it ends (0: until the run's duration is over)", 0, 0, 1000000,
       true},
  };
  // The trigger-rate table's workload: two tellers, two accounts, two
  // transfers each, no checks under the first lock.
  bug.rates.threads = 2;
  bug.rates.params = {{"accounts", "2"}, {"ops", "2"}, {"check_us", "0"}};
  bug.variants = {
      {"buggy", "transfer() locks the source account, then the destination", true, {"buggy.cpp"},
       [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-ordered", "transfer() locks the account with the lower number first", false, {"fixed_ordered.cpp"},
       [](RunContext& ctx) { run(ctx, &make_fixed_ordered); }},
      {"fixed-scoped", "transfer() takes both locks with std::scoped_lock (std::lock's deadlock avoidance)", false,
       {"fixed_scoped.cpp"}, [](RunContext& ctx) { run(ctx, &make_fixed_scoped); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::lock_order_inversion
