// forgotten-unlock-on-error-path: how a run is judged. Reads the verdict's
// thread dump (who holds Store.mu, taken where; who waits for it) and the
// failure annotations.
#include <cstdint>
#include <string>

#include "locklab/run/oracle_support.h"
#include "locklab/core/states.h"
#include "workload.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {

OracleVerdict oracle(const Trace& run) {
  std::uint64_t failures = 0;
  std::string first_failure;  // the handler's own words
  for (const std::string& a : run.annotations) {
    if (a.find(kFailureNote) == std::string::npos) continue;
    if (++failures == 1) first_failure = a;
  }

  // From the dump taken when the run was stopped: the holder of Store.mu
  // and the threads queued on it.
  const ThreadSnapshot* holder = nullptr;
  std::string held_at, held_in;
  std::uint32_t waiters = 0;
  std::string waiter_names;
  for (const ThreadSnapshot& t : run.verdict.threads) {
    for (const ThreadSnapshot::Held& h : t.held) {
      if (h.object_name == "Store.mu") {
        holder = &t;
        held_at = h.site;
        held_in = h.function;
      }
    }
    if (t.waiting && t.wait_kind == WaitKind::kLock && t.wait_object_name == "Store.mu") {
      ++waiters;
      if (waiters <= 3) waiter_names += (waiters > 1 ? ", " : "") + t.name;
    }
  }
  const bool stuck = run.verdict.kind == VerdictKind::kDeadlock || run.verdict.kind == VerdictKind::kNoProgress;
  const bool holder_idle = holder && !(holder->waiting && holder->wait_object_name == "Store.mu");
  const bool taken_in_update = held_in.ends_with("update");

  OracleVerdict v;
  v.symptom = stuck && holder_idle && taken_in_update && waiters > 0;
  std::string text = "verdict " + std::string(to_string(run.verdict.kind)) + ": " + run.verdict.summary;
  if (holder) {
    text += "; Store.mu is held by T" + std::to_string(holder->id) + " " + holder->name + " (" +
            std::string(holder->waiting ? "waiting" : to_string(holder->state)) + "), taken at " + held_at +
            (taken_in_update ? " and never released" : "");
  } else {
    text += "; nobody holds Store.mu";
  }
  if (waiters > 3) waiter_names += text_format(" and %u more", waiters - 3);
  text += text_format("; %u thread(s) wait to lock it", waiters) + (waiters ? " (" + waiter_names + ")" : "") +
          text_format("; %llu update(s) failed (annotated); %llu Update operations returned",
                      static_cast<unsigned long long>(failures),
                      static_cast<unsigned long long>(op_latency(run, "Update").count));
  if (!first_failure.empty()) text += "; the first failure: " + first_failure;
  v.explanation = text;
  return v;
}

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
