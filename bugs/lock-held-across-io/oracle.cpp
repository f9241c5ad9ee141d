// lock-held-across-io: how a run is judged. Reads the trace only through
// the analyses (latency, contention).
#include <cstdio>
#include <string>
#include <string_view>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "locklab/core/site.h"
#include "workload.h"

namespace locklab::bugs::lock_held_across_io {
namespace {

double ms(double ns) { return ns / 1e6; }

}  // namespace

OracleVerdict oracle(const Trace& run) {
  const double persist_ms = run_param(run, "io_ms");
  const LatencySummary load = op_latency(run, "Load");
  const LatencySummary save = op_latency(run, "Save");
  const ContentionProfile profile = contention(run);

  // The cause: save() holds Store.mu for about a whole disk write. Read off
  // the lock holds (thread timelines) rather than the holder side of the
  // contention profile: that profile charges a woken waiter's whole wait to
  // the thread that woke it, so a Load handing the lock on is charged for
  // waits the Saves before it caused, and the two rows come out close.
  std::uint64_t save_holds = 0, save_hold_ns = 0;
  for (const HoldInterval& h : thread_timelines(run).holds) {
    if (run.object_text(h.object) == "Store.mu" && site_in_function(run, h.site, "save")) {
      ++save_holds;
      save_hold_ns += h.end_ns - h.begin_ns;
    }
  }
  const double save_hold_ms =
      save_holds > 0 ? ms(static_cast<double>(save_hold_ns) / static_cast<double>(save_holds)) : 0.0;
  const bool save_holds_long = save_hold_ms >= kMinSaveHold * persist_ms;
  double save_blame = 0;  // the holder profile's share for save(), for the explanation
  for (const ContentionRow& row : profile.by_holder)
    if (run.object_text(row.object) == "Store.mu" && site_in_function(run, row.site, "save")) save_blame += row.share;

  // No finished Load at all (loaders starved for the whole run) is the
  // worst stall there is.
  const bool load_stalls = load.count == 0 || ms(static_cast<double>(load.p99_ns)) >= kMinLoadStall * persist_ms;

  OracleVerdict v;
  v.symptom = load_stalls && save_holds_long;
  v.explanation =
      text_format("Load p99 %.3f ms over %llu loads (the symptom needs %.1f ms, %.0f%% of one %.0f ms persist); "
             "save() held Store.mu %.3f ms on average over %llu saves (the symptom needs %.1f ms: the write "
             "inside the lock); Save p99 %.1f ms; ",
             ms(static_cast<double>(load.p99_ns)), static_cast<unsigned long long>(load.count),
             kMinLoadStall * persist_ms, kMinLoadStall * 100, persist_ms, save_hold_ms,
             static_cast<unsigned long long>(save_holds), kMinSaveHold * persist_ms,
             ms(static_cast<double>(save.p99_ns))) +
      (profile.by_holder.empty()
           ? std::string("no lock hold made anyone wait")
           : text_format("holder profile: save()'s holds charged with %.0f%% of the waiting, top row ", save_blame * 100) +
                 run.object_text(profile.by_holder.front().object) + " taken at " +
                 run.site_text(profile.by_holder.front().site));
  return v;
}

OracleVerdict compare(const Trace& buggy, const Trace& fixed) {
  return compare_p99(buggy, fixed, "Load", kMinLoadRatio, "store");
}

}  // namespace locklab::bugs::lock_held_across_io
