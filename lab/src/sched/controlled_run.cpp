#include "locklab/sched/controlled.h"

#include <algorithm>
#include <mutex>
#include <optional>

#include "../run_support.h"
#include "controller.h"
#include "hooks.h"
#include "locklab/clock.h"
#include "locklab/objects.h"
#include "locklab/runtime.h"
#include "locklab/site.h"
#include "locklab/wait_graph.h"
#include "locklab/wait_queue.h"

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
    locklab::detail::g_sched_mode.store(locklab::detail::SchedMode::kControlled, std::memory_order_release);
  }
  ~ModeScope() {
    // Timers armed on virtual time must not reach the real timer thread.
    locklab::detail::drop_run_timers();
    locklab::detail::g_sched_mode.store(locklab::detail::SchedMode::kOff, std::memory_order_release);
    locklab::detail::virtual_clock_off();
  }
  ModeScope(const ModeScope&) = delete;
  ModeScope& operator=(const ModeScope&) = delete;
};

std::string deadlock_summary(const DeadlockReport& report, std::size_t blocked) {
  if (!report.cycles.empty()) {
    const WaitCycle& c = report.cycles.front();
    return "deadlock: " + c.pattern + " (" + std::to_string(c.edges.size()) + " threads wait for each other)";
  }
  return "all threads are asleep - deadlock! (" + std::to_string(blocked) + (blocked == 1 ? " thread" : " threads") +
         " blocked, nothing left to wake them)";
}

}  // namespace

std::vector<std::uint16_t> ControlledRun::picks() const {
  std::vector<std::uint16_t> out;
  out.reserve(steps.size());
  for (const Step& s : steps) out.push_back(s.thread);
  return out;
}

ControlledRun run_workload_controlled(const std::string& name, const std::function<void(RunContext&)>& workload,
                                      const RunConfig& config, Strategy& strategy, const ControlledLimits& limits) {
  if (config.threads == 0 || config.threads > kMaxThreads)
    throw ConfigError("threads must be between 1 and " + std::to_string(kMaxThreads));
  if (config.duration_ms == 0 || config.duration_ms > kMaxDurationMs)
    throw ConfigError("duration must be between 1 and " + std::to_string(kMaxDurationMs) + " ms");
  std::map<std::string, double> params;
  for (const auto& [k, v] : config.params) {
    try {
      params[k] = std::stod(v);
    } catch (const std::exception&) {
      throw ConfigError("parameter " + k + ": '" + v + "' is not a number");
    }
  }

  std::optional<Failure> failure;  // only the runner's OS thread raises (fibers run on it)
  RuntimeOptions options;
  options.record = config.record;
  options.events_per_thread = config.events_per_thread;
  options.seed = config.seed;
  options.spurious_wakeups = config.spurious_wakeups;
  options.on_failure = [&failure](const Failure& f) {
    if (!failure) failure = f;
  };
  Runtime& rt = Runtime::get();
  ModeScope mode;
  rt.begin_run(std::move(options));

  RunInfo info;
  info.bug = name;
  info.threads = config.threads;
  info.duration_ms = config.duration_ms;
  info.seed = config.seed;
  info.recording = config.record;
  info.started_at = locklab::detail::run_started_at();
  info.machine = locklab::detail::run_machine();
  for (const auto& [k, v] : params) info.params[k] = locklab::detail::number_text(v);

  RunContext ctx(config.threads, std::chrono::milliseconds(config.duration_ms), config.seed, params);
  detail::Controller::Limits lim;
  lim.stop_after_steps = limits.stop_after_steps;
  lim.max_steps = std::max(limits.max_steps, limits.stop_after_steps);
  lim.stop_at_ticks = TickClock::get().ticks_for_ns(config.duration_ms * 1'000'000ull);
  detail::Controller controller(strategy, ctx, lim);

  std::string main_error;
  controller.spawn(rt.register_lab_thread("main", /*bind=*/false), [&](ThreadRecord& self) {
    locklab::detail::run_main_thread(self, ctx, workload, main_error);
  });

  const auto end = controller.drive([&] { return failure.has_value(); });
  const std::uint64_t end_ticks = now_ticks();
  Verdict verdict;
  if (end != detail::Controller::End::kAllEnded) {
    if (end == detail::Controller::End::kFailure) {
      verdict = locklab::detail::failure_verdict(*failure);
    } else if (end == detail::Controller::End::kDeadlock) {
      verdict.kind = VerdictKind::kDeadlock;
    } else {
      verdict.kind = VerdictKind::kNoProgress;
      verdict.summary = "no end after " + std::to_string(lim.max_steps) +
                        " scheduling decisions (a livelock, or a workload too long for a controlled run)";
    }
    verdict.at_ns = TickClock::get().to_ns(end_ticks, rt.origin_ticks());
    verdict.threads = snapshot_threads();
    if (verdict.kind == VerdictKind::kDeadlock) {
      const DeadlockReport report = explain_deadlock(verdict.threads);
      std::size_t blocked = 0;
      for (const ThreadSnapshot& t : verdict.threads) blocked += t.waiting ? 1 : 0;
      verdict.summary = deadlock_summary(report, blocked);
      verdict.detail += report.text();
    }
    verdict.detail += format_dump(verdict.threads);
    controller.unwind();
  } else if (failure) {
    verdict = locklab::detail::failure_verdict(*failure);
    verdict.at_ns = TickClock::get().to_ns(end_ticks, rt.origin_ticks());
    verdict.threads = snapshot_threads();
    verdict.detail = format_dump(verdict.threads);
  } else {
    auto errors = ctx.take_errors();
    if (!main_error.empty()) errors.insert(errors.begin(), main_error);
    if (!errors.empty()) {
      verdict.kind = VerdictKind::kError;
      verdict.summary = "a thread threw: " + errors.front();
    } else {
      verdict.kind = VerdictKind::kCompleted;
      verdict.summary = "completed";
    }
  }

  ControlledRun out;
  out.steps.reserve(controller.steps().size());
  for (const detail::StepRecord& s : controller.steps())
    out.steps.push_back(Step{s.thread, s.op, s.object, s.site, s.resumed, s.preemption});
  out.preemptions = controller.preemptions();
  out.trace = locklab::detail::assemble_trace(info, verdict, end_ticks, {}, ctx.annotations());
  rt.end_run();
  return out;
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
  const VariantInfo* v = bug.variant(variant);
  if (!v) {
    std::string names;
    for (const auto& x : bug.variants) names += (names.empty() ? "" : ", ") + x.name;
    throw ConfigError("unknown variant '" + variant + "' of " + bug.id + " (variants: " + names + ")");
  }
  RunConfig c = controlled_config(bug, config);
  const auto params = resolve_params(bug, c);
  c.params.clear();
  for (const auto& [k, value] : params) c.params[k] = locklab::detail::number_text(value);
  ControlledRun run = run_workload_controlled(bug.id, v->run, c, strategy, limits);
  run.trace.info.variant = v->name;
  return run;
}

std::string describe_step(const Trace& trace, const Step& step) {
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
