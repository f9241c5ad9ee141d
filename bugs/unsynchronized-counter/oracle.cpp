// unsynchronized-counter: how a run is judged. Reads the workload's tally
// annotation (exact counts, made after every worker was joined).
#include <cinttypes>
#include <cstdio>
#include <string>

#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::unsynchronized_counter {

OracleVerdict oracle(const Trace& run) {
  OracleVerdict v;
  for (const std::string& note : run.annotations) {
    if (!note.starts_with(kTallyPrefix)) continue;
    std::uint64_t made = 0, counted = 0;
    if (std::sscanf(note.c_str() + kTallyPrefix.size(), "increments=%" SCNu64 " counted=%" SCNu64, &made,
                    &counted) != 2)
      break;
    const std::uint64_t lost = made > counted ? made - counted : 0;
    v.symptom = counted < made;
    v.explanation = text_format(
        "%llu increments made, the counter says %llu: %llu lost (%.1f%%); the symptom is any loss",
        static_cast<unsigned long long>(made), static_cast<unsigned long long>(counted),
        static_cast<unsigned long long>(lost),
        made > 0 ? 100.0 * static_cast<double>(lost) / static_cast<double>(made) : 0.0);
    if (counted > made) v.explanation += " (more than made: the counter invented increments)";
    return v;
  }
  v.explanation = "the run has no tally (it ended before its workers were joined: " + run.verdict.summary + ")";
  return v;
}

}  // namespace locklab::bugs::unsynchronized_counter
