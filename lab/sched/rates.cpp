#include "locklab/sched/rates.h"

#include <algorithm>

#include "locklab/sched/strategies/dfs.h"
#include "locklab/sched/explore.h"
#include "locklab/sched/strategies/pct.h"
#include "locklab/sched/strategies/random_walk.h"

namespace locklab::sched {

// Long enough that the `ops` end every run first (a rates run takes a few
// milliseconds); it only bounds a workload whose operations do not end.
constexpr std::uint64_t kRatesBoundMs = 2000;

RunConfig rates_config(const BugInfo& bug) {
  RunConfig c;
  c.threads = bug.rates.threads     ? bug.rates.threads
              : bug.controlled.threads ? bug.controlled.threads
                                       : std::min<std::uint32_t>(bug.default_threads, 3);
  c.duration_ms = kRatesBoundMs;
  // The controlled settings' parameters too: controlled runs add them
  // (controlled_config), so real runs must have them as well.
  c.params = bug.controlled.params;
  for (const auto& [name, value] : bug.rates.params) c.params[name] = value;
  c.events_per_thread = std::size_t{1} << 14;
  return c;
}

namespace {

RateSettings settings_of(const Trace& t) { return {t.info.threads, t.info.duration_ms, t.info.params}; }

RateRow real_rate(const BugInfo& bug, const RatesOptions& o, const RunConfig& config, bool chaos) {
  RateRow row;
  row.method = chaos ? "chaos (real threads)" : "real threads";
  RunConfig c = config;
  c.watchdog_ms = 500;
  c.chaos = chaos;
  for (std::uint32_t i = 0; i < o.real_runs; ++i) {
    c.seed = o.seed + i;
    const Trace t = run_bug(bug, o.variant, c);
    if (row.runs == 0) row.settings = settings_of(t);
    ++row.runs;
    row.failures += run_fails(bug, t) ? 1 : 0;
  }
  return row;
}

RateRow controlled_rate(const BugInfo& bug, const RatesOptions& o, const RunConfig& c, Strategy& s,
                        std::string method) {
  RateRow row;
  row.method = std::move(method);
  while (row.runs < o.schedules && s.next_schedule()) {
    const ControlledRun run = run_bug_controlled(bug, o.variant, c, s, o.limits);
    s.end_schedule(run.steps.size());
    if (row.runs == 0) row.settings = settings_of(run.trace);
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
  const RunConfig c = o.run.threads ? o.run : rates_config(bug);
  out.workload = c;
  auto go_on = [&](const std::string& m) { return !o.on_progress || o.on_progress(m); };
  if (go_on("real threads")) out.rows.push_back(real_rate(bug, o, c, false));
  if (go_on("chaos")) out.rows.push_back(real_rate(bug, o, c, true));
  if (go_on("random walk")) {
    RandomWalk walk(o.seed);
    out.rows.push_back(controlled_rate(bug, o, c, walk, "random walk"));
  }
  for (std::uint32_t d = 1; d <= 3; ++d) {
    if (!go_on("pct d=" + std::to_string(d))) break;
    Pct pct(o.seed, d);
    out.rows.push_back(controlled_rate(bug, o, c, pct, "pct d=" + std::to_string(d)));
  }
  // dfs with growing bounds: the first that fails is the fewest preemptions.
  for (std::uint32_t p = 0; p <= o.max_preemptions; ++p) {
    if (!go_on("dfs <= " + std::to_string(p) + " preemptions")) break;
    Dfs dfs(p);
    RateRow row = controlled_rate(bug, o, c, dfs, "dfs <= " + std::to_string(p) + " preemptions");
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
