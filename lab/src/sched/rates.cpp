#include "locklab/sched/rates.h"

#include "locklab/sched/dfs.h"
#include "locklab/sched/explore.h"
#include "locklab/sched/pct.h"
#include "locklab/sched/random_walk.h"

namespace locklab::sched {
namespace {

RateRow real_rate(const BugInfo& bug, const RatesOptions& o, bool chaos) {
  RateRow row;
  row.method = chaos ? "chaos (real threads)" : "real threads";
  RunConfig c;
  c.threads = 0;  // the bug's defaults: what a plain test would run
  c.duration_ms = o.real_duration_ms;
  c.watchdog_ms = 500;
  c.chaos = chaos;
  c.events_per_thread = std::size_t{1} << 16;
  for (std::uint32_t i = 0; i < o.real_runs; ++i) {
    c.seed = o.seed + i;
    const Trace t = run_bug(bug, o.variant, c);
    ++row.runs;
    row.failures += run_fails(bug, t) ? 1 : 0;
  }
  return row;
}

RateRow controlled_rate(const BugInfo& bug, const RatesOptions& o, Strategy& s, std::string method) {
  RateRow row;
  row.method = std::move(method);
  RunConfig c = o.run;
  if (c.events_per_thread == kDefaultEventsPerThread) c.events_per_thread = std::size_t{1} << 14;
  while (row.runs < o.schedules && s.next_schedule()) {
    const ControlledRun run = run_bug_controlled(bug, o.variant, c, s, o.limits);
    s.end_schedule(run.steps.size());
    ++row.runs;
    row.failures += run_fails(bug, run.trace) ? 1 : 0;
  }
  if (const auto* dfs = dynamic_cast<const Dfs*>(&s)) row.exhaustive = dfs->exhausted();
  return row;
}

}  // namespace

TriggerRates trigger_rates(const BugInfo& bug, const RatesOptions& o) {
  TriggerRates out;
  out.variant = o.variant;
  auto go_on = [&](const std::string& m) { return !o.on_progress || o.on_progress(m); };
  if (go_on("real threads")) out.rows.push_back(real_rate(bug, o, false));
  if (go_on("chaos")) out.rows.push_back(real_rate(bug, o, true));
  if (go_on("random walk")) {
    RandomWalk walk(o.seed);
    out.rows.push_back(controlled_rate(bug, o, walk, "random walk"));
  }
  for (std::uint32_t d = 1; d <= 3; ++d) {
    if (!go_on("pct d=" + std::to_string(d))) break;
    Pct pct(o.seed, d);
    out.rows.push_back(controlled_rate(bug, o, pct, "pct d=" + std::to_string(d)));
  }
  // dfs with growing bounds: the first that fails is the fewest preemptions.
  for (std::uint32_t p = 0; p <= o.max_preemptions; ++p) {
    if (!go_on("dfs <= " + std::to_string(p) + " preemptions")) break;
    Dfs dfs(p);
    RateRow row = controlled_rate(bug, o, dfs, "dfs <= " + std::to_string(p) + " preemptions");
    const bool failed = row.failures > 0;
    if (failed && !out.fewest_preemptions) out.fewest_preemptions = p;
    if (failed || p == o.max_preemptions) {
      out.rows.push_back(std::move(row));
      break;
    }
  }
  return out;
}

}  // namespace locklab::sched
