// check-then-act-upgrade: how a run is judged. Reads the workload's tally
// annotation (exact, made after every worker was joined) and Get's latency.
#include <cinttypes>
#include <cstdio>
#include <string>

#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::check_then_act_upgrade {

OracleVerdict oracle(const Trace& run) {
  OracleVerdict v;
  const LatencySummary get = op_latency(run, "Get");
  for (const std::string& note : run.annotations) {
    if (!note.starts_with(kTallyPrefix)) continue;
    std::uint64_t keys = 0, opened = 0, kept = 0, split = 0;
    if (std::sscanf(note.c_str() + kTallyPrefix.size(),
                    "keys=%" SCNu64 " opened=%" SCNu64 " kept=%" SCNu64 " split=%" SCNu64, &keys, &opened, &kept,
                    &split) != 4)
      break;
    v.symptom = split > 0;
    v.explanation = text_format(
        "%llu keys asked for, %llu sessions opened, %llu kept by the registry (%llu opened for nothing); "
        "%llu keys (%.0f%%) had callers holding different sessions (the symptom is any); Get p50 %.1f us, "
        "p99 %.1f us",
        static_cast<unsigned long long>(keys), static_cast<unsigned long long>(opened),
        static_cast<unsigned long long>(kept), static_cast<unsigned long long>(opened > kept ? opened - kept : 0),
        static_cast<unsigned long long>(split),
        keys > 0 ? 100.0 * static_cast<double>(split) / static_cast<double>(keys) : 0.0,
        static_cast<double>(get.p50_ns) / 1e3, static_cast<double>(get.p99_ns) / 1e3);
    return v;
  }
  v.explanation = "the run has no tally (it ended before its workers were joined: " + run.verdict.summary + ")";
  return v;
}

}  // namespace locklab::bugs::check_then_act_upgrade
