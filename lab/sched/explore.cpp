#include "locklab/sched/explore.h"

#include <chrono>

#include "locklab/core/clock.h"

#include "locklab/sched/strategies/dfs.h"
#include "locklab/sched/strategies/pct.h"
#include "locklab/sched/strategies/random_walk.h"
#include "locklab/sched/strategies/replay.h"

namespace locklab::sched {
namespace {

std::uint64_t schedule_seed(const Strategy& s) {
  if (const auto* r = dynamic_cast<const RandomWalk*>(&s)) return r->schedule_seed();
  if (const auto* p = dynamic_cast<const Pct*>(&s)) return p->schedule_seed();
  return 0;
}

}  // namespace

std::unique_ptr<Strategy> make_strategy(const ExploreOptions& o) {
  if (o.strategy == "random") return std::make_unique<RandomWalk>(o.seed);
  if (o.strategy == "pct") {
    if (o.depth < 1 || o.depth > 16) throw ConfigError("--depth must be between 1 and 16");
    return std::make_unique<Pct>(o.seed, o.depth);
  }
  if (o.strategy == "dfs") {
    if (o.preemptions > 16) throw ConfigError("--preemptions must be between 0 and 16");
    return std::make_unique<Dfs>(o.preemptions);
  }
  throw ConfigError("unknown strategy '" + o.strategy + "' (strategies: random, pct, dfs)");
}

bool run_fails(const BugInfo& bug, const Trace& trace, OracleVerdict* oracle) {
  OracleVerdict v;
  if (bug.oracle) v = bug.oracle(trace);
  const bool failed = is_failure(trace.verdict.kind) || v.symptom;
  if (oracle) *oracle = std::move(v);
  return failed;
}

Schedule schedule_of(const BugInfo& bug, const ControlledRun& run, const std::string& strategy, std::uint64_t seed,
                     const ControlledLimits& limits) {
  Schedule s;
  s.bug = bug.id;
  s.variant = run.trace.info.variant;
  s.strategy = strategy;
  s.seed = seed;
  s.run_seed = run.trace.info.seed;
  s.threads = run.trace.info.threads;
  s.duration_ms = run.trace.info.duration_ms;
  s.params = run.trace.info.params;
  s.stop_after_steps = limits.stop_after_steps;
  s.steps = run.picks();
  s.choices_drawn = run.choices_drawn;
  s.choices = run.choice_values();
  return s;
}

namespace {

void note_covered(ExploreResult::Covered& c, const ControlledRun& run) {
  c.threads = run.trace.info.threads;
  if (c.params.empty()) c.params = run.trace.info.params;
  c.choices_drawn = c.choices_drawn || run.choices_drawn;
  for (const Step& s : run.steps) c.timer_firings += s.op == SchedOp::kTimersFire ? 1 : 0;
  for (const StepChoice& ch : run.choices) {
    if (ch.kind == ChoiceKind::kSelectCase) ++c.select_choices;
    if (ch.kind == ChoiceKind::kSpuriousWakeup) ++c.spurious_choices;
  }
}

}  // namespace

ExploreResult explore(const BugInfo& bug, const std::string& variant, const ExploreOptions& options) {
  if (!bug.variant(variant)) (void)run_bug_controlled(bug, variant, options.run, *make_strategy(options));  // throws
  if (options.time_s < 0) throw ConfigError("--time must be positive");
  const std::uint64_t budget = options.budget ? options.budget : (options.time_s > 0 ? ~0ull : kDefaultBudget);
  const std::unique_ptr<Strategy> strategy = make_strategy(options);
  (void)TickClock::get();  // calibrated once per process (~20 ms): not part of the search's time
  ExploreResult out;
  const auto start = std::chrono::steady_clock::now();
  const auto limit = std::chrono::duration<double>(options.time_s);
  while (out.schedules < budget) {
    if (options.time_s > 0 && std::chrono::steady_clock::now() - start >= limit) break;
    if (!strategy->next_schedule()) {
      out.exhausted = true;
      break;
    }
    ControlledRun run = run_bug_controlled(bug, variant, options.run, *strategy, options.limits);
    strategy->end_schedule(run.steps.size());
    ++out.schedules;
    out.total_steps += run.steps.size();
    note_covered(out.covered, run);
    OracleVerdict oracle;
    if (run_fails(bug, run.trace, &oracle)) {
      out.found = true;
      out.oracle = std::move(oracle);
      out.schedule = schedule_of(bug, run, strategy->name(), schedule_seed(*strategy), options.limits);
      out.failing = std::move(run);
      break;
    }
    if (options.on_progress && out.schedules % 64 == 0 && !options.on_progress(out.schedules)) {
      out.interrupted = true;
      break;
    }
  }
  if (!out.found && !out.exhausted && !out.interrupted && strategy->name() == "dfs" &&
      static_cast<const Dfs&>(*strategy).exhausted())
    out.exhausted = true;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

ReplayResult replay(const BugInfo& bug, const Schedule& schedule, const std::string& variant) {
  RunConfig config;
  config.threads = schedule.threads;
  config.duration_ms = schedule.duration_ms;
  config.params = schedule.params;
  config.seed = schedule.run_seed;
  ControlledLimits limits;
  if (schedule.stop_after_steps) {
    limits.stop_after_steps = schedule.stop_after_steps;
    limits.max_steps = schedule.stop_after_steps * 10;
  }
  Replay strategy(schedule.steps, schedule.choices, schedule.choices_drawn);
  strategy.next_schedule();
  ReplayResult out;
  out.run = run_bug_controlled(bug, variant.empty() ? schedule.variant : variant, config, strategy, limits);
  strategy.end_schedule(out.run.steps.size());
  out.failed = run_fails(bug, out.run.trace, &out.oracle);
  out.diverged = strategy.diverged();
  out.divergence = strategy.divergence();
  return out;
}

}  // namespace locklab::sched
