#include "locklab/run/runner.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <thread>
#include <unordered_map>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"
#include "locklab/analysis/wait_graph.h"
#include "analysis/deadlock_watch.h"
#include "run_frame.h"
#include "chaos.h"
#include "locklab/sync/timer.h"

namespace locklab {
namespace {

// Set by request_dump() (maybe from a signal handler), taken by the monitor.
std::atomic<bool> g_dump_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "request_dump must be async-signal-safe");

using Clock = std::chrono::steady_clock;

// What the monitor loop saw.
struct RunState {
  std::vector<ProgressSample> samples;
};

}  // namespace

std::map<std::string, double> resolve_params(const BugInfo& bug, const RunConfig& config) {
  std::map<std::string, double> values;
  for (const ParamSpec& p : bug.params) values[p.name] = p.default_value;
  for (const auto& entry : config.params) {
    const std::string& name = entry.first;
    const std::string& text = entry.second;
    const auto spec = std::find_if(bug.params.begin(), bug.params.end(),
                                   [&](const ParamSpec& p) { return p.name == name; });
    if (spec == bug.params.end()) {
      std::string known;
      for (const ParamSpec& p : bug.params) known += (known.empty() ? "" : ", ") + p.name;
      throw ConfigError("unknown parameter '" + name + "' for " + bug.id +
                        (known.empty() ? " (it takes no parameters)" : " (known: " + known + ")"));
    }
    double v = 0;
    std::size_t used = 0;
    try {
      v = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    // Decimal only: std::stod would also take "0x10" (16) and "0x1p4".
    const bool decimal = text.find_first_not_of("0123456789+-.eE") == std::string::npos;
    if (!decimal || used == 0 || used != text.size() || !std::isfinite(v))
      throw ConfigError("parameter " + name + ": '" + text + "' is not a number");
    if (spec->integer && v != std::floor(v))
      throw ConfigError("parameter " + name + ": '" + text + "' must be a whole number");
    if (v < spec->min || v > spec->max)
      throw ConfigError("parameter " + name + " = " + text + " is out of range [" + detail::number_text(spec->min) +
                        ", " + detail::number_text(spec->max) + "]");
    values[name] = v;
  }
  return values;
}

namespace {

// How long a group of threads must stay stuck, with the very same waits,
// before the runner calls it a deadlock while other threads still run: long
// enough that a wait about to end has ended, short enough to name it within
// 100 ms.
constexpr std::uint64_t kStuckSettleNs = 60'000'000;

}  // namespace

namespace {

// The real driver: the workload's main on an OS thread, a monitor loop that
// samples, watches for cycles and the watchdog bound, and asks the workload
// to stop at the end of its duration.
Trace run(const detail::RunPlan& plan) {
  const RunConfig& config = plan.config;
  Runtime& rt = Runtime::get();
  RunState state;
  detail::RunFrame frame(plan);
  RunContext& ctx = frame.ctx();
  struct ChaosScope {
    explicit ChaosScope(const RunConfig& c) : on(c.chaos) {
      if (on) detail::chaos_on(c.seed);
    }
    ~ChaosScope() {
      if (on) detail::chaos_off();
    }
    bool on;
  } chaos(config);

  if (config.observer) config.observer->run_started(frame.info(), [&ctx] { return ctx.annotations(); });
  std::atomic<bool> main_done{false};
  std::thread main_thread([&] {
    frame.run_main(rt.register_lab_thread("main"));
    main_done.store(true, std::memory_order_release);
  });
  const auto start = Clock::now();
  const auto duration = std::chrono::milliseconds(config.duration_ms);
  const auto watchdog = std::chrono::milliseconds(config.watchdog_ms);
  const auto period = std::chrono::milliseconds(std::max<std::uint32_t>(1, config.sample_ms));
  Verdict verdict;
  bool stopped = false;
  bool cancel = false;
  std::uint64_t last_progress = ~0ull;
  auto last_change = start;
  auto next_sample = start;
  detail::DeadlockWatch cycles;
  std::vector<DumpRecord> dumps;
  std::vector<std::uint64_t> dumps_due = config.dump_at_ms;
  std::sort(dumps_due.begin(), dumps_due.end());
  std::size_t next_dump = 0;
  g_dump_requested.store(false, std::memory_order_relaxed);

  while (!main_done.load(std::memory_order_acquire)) {
    next_sample += period;
    std::this_thread::sleep_until(next_sample);
    const auto now = Clock::now();
    const auto records = rt.threads();

    ProgressSample sample;
    sample.t_ns = TickClock::get().to_ns(now_ticks(), rt.origin_ticks());
    std::uint64_t progress = 0;
    bool busy = false;         // someone is in io/compute/sleep: progress will come
    bool all_blocked = true;   // every live lab thread parked in a lab wait
    std::uint32_t live = 0, waiting = 0;
    for (const ThreadRecord* r : records) {
      sample.items.push_back(r->items());
      progress += r->progress();
      const ThreadState s = r->state();
      if (!r->lab_thread() || s == ThreadState::kDone) continue;
      ++live;
      if (s == ThreadState::kIo || s == ThreadState::kCompute || s == ThreadState::kSleeping) busy = true;
      if (s != ThreadState::kWaiting) all_blocked = false;
      else ++waiting;
    }
    for (const auto& [gauge_name, value] : rt.gauges()) {
      sample.gauges.push_back(value->load(std::memory_order_relaxed));
      // A pending timer will wake someone (Go's deadlock check says the same).
      if (gauge_name == kLiveTimersGauge && sample.gauges.back() > 0) busy = true;
    }
    state.samples.push_back(std::move(sample));

    if (const auto failure = frame.failure()) {
      verdict = detail::failure_verdict(*failure);
      cancel = true;
    }
    if (!cancel) {
      auto errors = ctx.take_errors();
      if (!errors.empty()) {
        verdict.kind = VerdictKind::kError;
        verdict.summary = "a thread threw: " + errors.front();
        for (std::size_t i = 1; i < errors.size(); ++i) verdict.detail += errors[i] + "\n";
        cancel = true;
      }
    }
    {
      // Dumps: requested (SIGQUIT) or due at a set time.
      std::string reason;
      if (g_dump_requested.exchange(false, std::memory_order_acq_rel)) reason = "on request (SIGQUIT)";
      while (next_dump < dumps_due.size() && now - start >= std::chrono::milliseconds(dumps_due[next_dump])) {
        if (reason.empty()) reason = "at " + std::to_string(dumps_due[next_dump]) + " ms";
        ++next_dump;
      }
      if (!reason.empty()) {
        DumpRecord d{TickClock::get().to_ns(now_ticks(), rt.origin_ticks()), reason, snapshot_threads()};
        if (config.on_dump) config.on_dump(d);
        dumps.push_back(std::move(d));
      }
    }
    if (!cancel && waiting >= 2) {
      // A wait cycle is a deadlock as soon as it settles, whatever the
      // other threads are doing.
      const std::vector<ThreadSnapshot> snap = snapshot_threads();
      if (auto cycle = cycles.look(snap)) {
        verdict.kind = VerdictKind::kDeadlock;
        verdict.summary = "deadlock: " + cycle->pattern + " (" + std::to_string(cycle->edges.size()) +
                          " threads wait for each other)";
        cancel = true;
      } else if (auto group = cycles.look_stuck(snap, sample.t_ns, kStuckSettleNs)) {
        // Stuck beside threads that still run: named now, not never.
        verdict.kind = VerdictKind::kDeadlock;
        verdict.summary = std::string(group->likely ? "likely deadlock: " : "deadlock: ") + group->pattern + " (" +
                          std::to_string(group->threads.size()) + " threads stuck" +
                          (live > waiting ? ", " + std::to_string(live - waiting) + " others still running)"
                                          : ", none left running)");
        cancel = true;
      }
    }
    if (!cancel && !stopped && now - start >= duration) {
      ctx.request_stop();
      stopped = true;
    }
    if (!cancel) {
      if (progress != last_progress || busy) {
        last_progress = progress;
        last_change = now;
      } else if (now - last_change >= watchdog && (all_blocked || now - last_change >= 2 * watchdog)) {
        // Every thread parked: a deadlock, at once. Some thread not parked
        // (running, or started and not yet scheduled on a loaded machine):
        // give it a second bound before calling it stuck.
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_change).count();
        if (all_blocked) {
          verdict.kind = VerdictKind::kDeadlock;
          // Go's words for the same state: "all goroutines are asleep - deadlock!"
          verdict.summary = "all threads are asleep - deadlock! (" + std::to_string(live) +
                            (live == 1 ? " thread" : " threads") + " blocked, no progress for " +
                            std::to_string(ms) + " ms" + (stopped ? ", after the run's end" : "") + ")";
        } else {
          verdict.kind = VerdictKind::kNoProgress;
          verdict.summary = "no progress for " + std::to_string(ms) + " ms; " + std::to_string(live) +
                            " threads alive, not all blocked";
        }
        cancel = true;
      }
    }
    if (cancel) break;
  }

  const std::uint64_t end_ticks = now_ticks();
  if (cancel) {
    verdict = frame.stopped(std::move(verdict), end_ticks);
    ctx.request_stop();
    rt.cancel_all_waits();
    // Every lab wait now throws Cancelled; threads unwind and end. A thread
    // blocked outside the lab would keep us here: say so rather than hang.
    const auto give_up = Clock::now() + std::chrono::seconds(10);
    while (!main_done.load(std::memory_order_acquire)) {
      if (Clock::now() > give_up)
        fatal("a lab thread did not end within 10 s of cancellation (blocked outside locklab's primitives?)");
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  main_thread.join();
  ctx.join_os_threads();
  if (!cancel) verdict = frame.ended(end_ticks);
  if (config.observer) config.observer->run_ending();
  Trace trace = frame.finish(verdict, end_ticks, std::move(state.samples));
  trace.dumps = std::move(dumps);
  return trace;
}

}  // namespace


Trace run_workload(const std::string& name, const std::function<void(RunContext&)>& workload,
                   const RunConfig& config) {
  return run(detail::plan_workload(name, workload, config));
}

void request_dump() noexcept { g_dump_requested.store(true, std::memory_order_release); }

Trace run_bug(const BugInfo& bug, const std::string& variant, const RunConfig& config) {
  RunConfig c = config;
  if (c.threads == 0) c.threads = bug.default_threads;
  if (c.duration_ms == 0) c.duration_ms = bug.default_duration_ms;
  return run(detail::plan_bug(bug, variant, c));
}

}  // namespace locklab
