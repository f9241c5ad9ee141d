// read-lock-released-before-children: how a run is judged. Reads the
// leader's "mixed broadcast" annotations and the operation counts.
#include <cstdio>
#include <string>

#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::read_lock_released_before_children {

OracleVerdict oracle(const Trace& run) {
  const std::string prefix = kMixed;
  unsigned long long mixed = 0, off = 0, messages = 0;
  for (const std::string& a : run.annotations) {
    if (!a.starts_with(prefix)) continue;
    unsigned k = 0, n = 0;
    if (std::sscanf(a.c_str() + prefix.size(), "%u of %u", &k, &n) != 2) continue;
    ++mixed;
    off += k;
    messages += n;
  }
  const auto broadcasts = static_cast<unsigned long long>(op_latency(run, "Broadcast").count);
  const auto sends = static_cast<unsigned long long>(op_latency(run, "Send").count);
  const auto applies = static_cast<unsigned long long>(op_latency(run, "Apply").count);

  OracleVerdict v;
  v.symptom = mixed > 0;
  v.explanation =
      text_format("%llu of %llu broadcasts sent peers messages built from another version than their header "
                  "(%llu of those broadcasts' %llu messages); %llu messages sent in all, %llu entries applied",
                  mixed, broadcasts, off, messages, sends, applies) +
      "; the run ended " + std::string(to_string(run.verdict.kind));
  return v;
}

}  // namespace locklab::bugs::read_lock_released_before_children
