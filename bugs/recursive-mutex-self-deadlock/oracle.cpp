// recursive-mutex-self-deadlock: how a run is judged. Reads the verdict (its
// kind and thread dump) and the operation counts.
#include <string>

#include "locklab/run/oracle_support.h"
#include "locklab/trace/verdict.h"
#include "workload.h"

namespace locklab::bugs::recursive_mutex_self_deadlock {
namespace {

unsigned long long ops(const Trace& run, const char* op) {
  return static_cast<unsigned long long>(op_latency(run, op).count);
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  // The thread that waits for a lock it holds itself, and where it took it.
  const ThreadSnapshot* stuck = nullptr;
  const ThreadSnapshot::Held* taken = nullptr;
  unsigned queued = 0;  // other threads waiting to lock the cart
  for (const ThreadSnapshot& t : run.verdict.threads) {
    if (!t.waiting) continue;
    if (t.wait_kind == WaitKind::kSelfDeadlock && !stuck) {
      stuck = &t;
      for (const auto& h : t.held)
        if (h.object == t.wait_object) taken = &h;
    } else if (t.wait_kind == WaitKind::kLock && t.wait_object_name == "Cart.mu") {
      ++queued;
    }
  }

  OracleVerdict v;
  v.symptom = run.verdict.kind == VerdictKind::kSelfDeadlock && stuck && taken && stuck->wait_object_name == "Cart.mu";
  const std::string counts = text_format("%llu adds, %llu totals, %llu checkouts finished", ops(run, "Add"),
                                         ops(run, "Total"), ops(run, "Checkout"));
  if (stuck && taken) {
    v.explanation = std::string(to_string(run.verdict.kind)) + ": T" + std::to_string(stuck->id) + " " +
                    stuck->name + " waits at " + stuck->wait_site + " for " + stuck->wait_object_name +
                    ", which it took at " + taken->site +
                    text_format("; %u other threads queued behind it on Cart.mu; ", queued) + counts;
  } else {
    v.explanation = std::string("the run ended ") + std::string(to_string(run.verdict.kind)) +
                    " and no thread waited for a lock it held; " + counts;
  }
  return v;
}

}  // namespace locklab::bugs::recursive_mutex_self_deadlock
