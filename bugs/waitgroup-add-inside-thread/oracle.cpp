// waitgroup-add-inside-thread: how a run is judged. Reads the gatherers'
// "partial page" annotations and the operation counts.
#include <cstdio>
#include <string>

#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::waitgroup_add_inside_thread {

OracleVerdict oracle(const Trace& run) {
  const std::string prefix = kPartial;
  unsigned long long partial = 0, missing = 0, asked = 0;
  for (const std::string& a : run.annotations) {
    if (!a.starts_with(prefix)) continue;
    unsigned k = 0, n = 0;
    if (std::sscanf(a.c_str() + prefix.size(), "%u of %u", &k, &n) != 2) continue;
    ++partial;
    missing += k;
    asked += n;
  }
  const auto gathers = static_cast<unsigned long long>(op_latency(run, "Gather").count);
  const auto fetches = static_cast<unsigned long long>(op_latency(run, "Fetch").count);
  const double parts = run_param(run, "parts");

  OracleVerdict v;
  v.symptom = partial > 0;
  v.explanation =
      text_format("%llu of %llu gathers returned from wait() with parts missing, %llu parts missing in all "
                  "(%.0f%% of the parts those gathers asked for); %llu fetches finished, for %.0f parts a gather",
                  partial, gathers, missing, asked > 0 ? 100.0 * static_cast<double>(missing) / static_cast<double>(asked) : 0.0,
                  fetches, parts) +
      "; the run ended " + std::string(to_string(run.verdict.kind));
  return v;
}

}  // namespace locklab::bugs::waitgroup_add_inside_thread
