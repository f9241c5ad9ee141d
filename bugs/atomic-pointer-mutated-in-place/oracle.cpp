// atomic-pointer-mutated-in-place: how a run is judged. Reads the workload's
// tally annotation (exact counts the readers kept, totalled after every
// thread was joined).
#include <cinttypes>
#include <cstdio>
#include <string>

#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::atomic_pointer_mutated_in_place {

OracleVerdict oracle(const Trace& run) {
  OracleVerdict v;
  for (const std::string& note : run.annotations) {
    if (!note.starts_with(kTallyPrefix)) continue;
    std::uint64_t reads = 0, torn = 0, reshards = 0, retries = 0;
    unsigned shards = 0, slots = 0;
    if (std::sscanf(note.c_str() + kTallyPrefix.size(),
                    "reads=%" SCNu64 " torn=%" SCNu64 " reshards=%" SCNu64 " retries=%" SCNu64 " example=%ux%u",
                    &reads, &torn, &reshards, &retries, &shards, &slots) != 6)
      break;
    v.symptom = torn > 0;
    v.explanation = text_format(
        "readers read the plan %llu times and saw %llu torn plans (%.3f%%; the symptom is any)", 
        static_cast<unsigned long long>(reads), static_cast<unsigned long long>(torn),
        reads > 0 ? 100.0 * static_cast<double>(torn) / static_cast<double>(reads) : 0.0);
    if (torn > 0)
      v.explanation += text_format(", the first %u shards x %u slots = %u, not %u", shards, slots, shards * slots,
                                   kKeyspace);
    v.explanation += text_format("; %llu reshards, %llu compare-and-swap retries",
                                 static_cast<unsigned long long>(reshards), static_cast<unsigned long long>(retries));
    return v;
  }
  v.explanation = "the run has no tally (it ended before its threads were joined: " + run.verdict.summary + ")";
  return v;
}

}  // namespace locklab::bugs::atomic_pointer_mutated_in_place
