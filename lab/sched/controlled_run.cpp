#include "locklab/sched/controlled.h"

#include <algorithm>
#include <mutex>
#include <optional>

#include "run/run_frame.h"
#include "sync/timer_service.h"
#include "controller.h"
#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"
#include "locklab/analysis/wait_graph.h"
#include "locklab/core/wait_queue.h"

namespace locklab::sched {
namespace {

// Controlled mode and the virtual clock for the length of one run, whatever
// way the run ends.
class ModeScope {
 public:
  ModeScope() {
    (void)TickClock::get();  // calibrate on the real clock, before it turns virtual
    if (locklab::detail::g_sched_mode.load() != locklab::detail::SchedMode::kOff)
      throw ConfigError("a controlled run cannot start inside another run or in chaos mode");
    locklab::detail::virtual_clock_on(now_ticks());
    locklab::detail::set_sched_mode(locklab::detail::SchedMode::kControlled, &detail::controlled_hooks());
  }
  ~ModeScope() {
    // Timers armed on virtual time must not reach the real timer thread.
    locklab::detail::drop_run_timers();
    locklab::detail::set_sched_mode(locklab::detail::SchedMode::kOff, nullptr);
    locklab::detail::virtual_clock_off();
  }
  ModeScope(const ModeScope&) = delete;
  ModeScope& operator=(const ModeScope&) = delete;
};

}  // namespace

std::vector<std::uint16_t> ControlledRun::picks() const {
  std::vector<std::uint16_t> out;
  out.reserve(steps.size());
  for (const Step& s : steps) out.push_back(s.thread);
  return out;
}

std::vector<std::uint32_t> ControlledRun::choice_values() const {
  std::vector<std::uint32_t> out;
  out.reserve(choices.size());
  for (const StepChoice& c : choices) out.push_back(c.value);
  return out;
}

namespace {

// The controlled driver: every lab thread a fiber of the Controller, which
// asks the strategy at every scheduling point and lets virtual time pass.
ControlledRun run_controlled(const locklab::detail::RunPlan& plan, Strategy& strategy,
                             const ControlledLimits& limits) {
  ModeScope mode;
  locklab::detail::RunFrame frame(plan);
  RunContext& ctx = frame.ctx();
  Runtime& rt = Runtime::get();
  detail::Controller::Limits lim;
  lim.stop_after_steps = limits.stop_after_steps;
  lim.max_steps = std::max(limits.max_steps, limits.stop_after_steps);
  lim.stop_at_ticks = TickClock::get().ticks_for_ns(plan.config.duration_ms * 1'000'000ull);
  detail::Controller controller(strategy, ctx, lim);
  controller.spawn(rt.register_lab_thread("main", /*bind=*/false), [&](ThreadRecord& self) { frame.run_main(self); });

  const auto end = controller.drive([&] { return frame.failure().has_value(); });
  const std::uint64_t end_ticks = now_ticks();
  Verdict verdict;
  if (end != detail::Controller::End::kAllEnded) {
    if (end == detail::Controller::End::kFailure) {
      verdict = locklab::detail::failure_verdict(*frame.failure());
    } else if (end == detail::Controller::End::kDeadlock) {
      verdict.kind = VerdictKind::kDeadlock;  // the frame words it from the wait-for graph
    } else {
      verdict.kind = VerdictKind::kNoProgress;
      verdict.summary = "no end after " + std::to_string(lim.max_steps) +
                        " scheduling decisions (a livelock, or a workload too long for a controlled run)";
    }
    verdict = frame.stopped(std::move(verdict), end_ticks);
    controller.unwind();
  } else {
    verdict = frame.ended(end_ticks);
  }
  // Settings the workload refused are a bad configuration, as in a real run
  // (where `locklab run` turns Verdict::settings_error into exit 2).
  if (!verdict.settings_error.empty()) throw ConfigError(verdict.settings_error);

  ControlledRun out;
  out.steps.reserve(controller.steps().size());
  for (const detail::StepRecord& s : controller.steps())
    out.steps.push_back(Step{s.thread, s.op, s.object, s.site, s.resumed, s.preemption});
  for (const detail::ChoiceRecord& c : controller.choices())
    out.choices.push_back(StepChoice{c.step, c.thread, c.kind, c.options, c.value, c.object, c.site});
  out.choices_drawn = strategy.draws_choices();
  out.preemptions = controller.preemptions();
  out.trace = frame.finish(verdict, end_ticks, {});
  return out;
}

}  // namespace

ControlledRun run_workload_controlled(const std::string& name, const std::function<void(RunContext&)>& workload,
                                      const RunConfig& config, Strategy& strategy, const ControlledLimits& limits) {
  return run_controlled(locklab::detail::plan_workload(name, workload, config), strategy, limits);
}

RunConfig controlled_config(const BugInfo& bug, const RunConfig& config) {
  RunConfig c = config;
  if (c.threads == 0) c.threads = bug.controlled.threads ? bug.controlled.threads : std::min<std::uint32_t>(bug.default_threads, 3);
  if (c.duration_ms == 0) c.duration_ms = bug.controlled.duration_ms ? bug.controlled.duration_ms : 20;
  for (const auto& [k, v] : bug.controlled.params) c.params.try_emplace(k, v);
  return c;
}

ControlledRun run_bug_controlled(const BugInfo& bug, const std::string& variant, const RunConfig& config,
                                 Strategy& strategy, const ControlledLimits& limits) {
  if (!bug.variant(variant)) (void)locklab::detail::plan_bug(bug, variant, config);  // throws: unknown variant
  return run_controlled(locklab::detail::plan_bug(bug, variant, controlled_config(bug, config)), strategy, limits);
}

std::string describe_step(const Trace& trace, const Step& step) {
  if (step.thread == kTimersId) return std::string("the due timers fire") + (step.preemption ? "  [preempts]" : "");
  std::string who = "T" + std::to_string(step.thread);
  for (const TraceThread& t : trace.threads)
    if (t.id == step.thread) who += " (" + t.name + ")";
  std::string what = step.resumed ? "resumes " + std::string(to_string(step.op)) : std::string(to_string(step.op));
  if (step.op == SchedOp::kStart) what = "starts";
  if (step.object != 0) {
    for (const ObjectInfo& o : trace.objects)
      if (o.id == step.object) what += " " + o.name;
  }
  const SiteInfo at = Site::describe(step.site);
  if (at.line) what += " at " + site_text(at);
  return who + " " + what + (step.preemption ? "  [preempts]" : "");
}

}  // namespace locklab::sched
