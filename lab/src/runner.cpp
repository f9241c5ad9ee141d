#include "locklab/runner.h"

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

#include "locklab/clock.h"
#include "locklab/objects.h"
#include "locklab/runtime.h"
#include "locklab/site.h"
#include "locklab/wait_graph.h"
#include "deadlock_watch.h"
#include "run_support.h"
#include "sched/chaos.h"

namespace locklab {
namespace {

// Set by request_dump() (maybe from a signal handler), taken by the monitor.
std::atomic<bool> g_dump_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "request_dump must be async-signal-safe");

using Clock = std::chrono::steady_clock;

std::string iso_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string machine_text() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  std::string model;
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  return std::string(host) + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores" +
         (model.empty() ? "" : ", " + model);
}

std::string format_number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

// What the monitor loop saw, turned into a Trace once every thread ended.
struct RunState {
  std::mutex mu;
  std::optional<Failure> failure;  // guarded by mu: first failure raised
  std::vector<ProgressSample> samples;
};

Verdict verdict_from_failure(const Failure& f) {
  Verdict v;
  v.kind = f.kind == Failure::Kind::kSelfDeadlock ? VerdictKind::kSelfDeadlock : VerdictKind::kPanic;
  v.summary = f.message;
  return v;
}

// Builds the Trace: merges per-thread events (ticks -> ns, site keys ->
// indices), copies counters and the run's metadata.
Trace build_trace(const RunInfo& info, const Verdict& verdict, std::uint64_t end_ticks,
                  std::vector<ProgressSample> samples, std::vector<std::string> annotations) {
  Runtime& rt = Runtime::get();
  const TickClock& clock = TickClock::get();
  const std::uint64_t origin = rt.origin_ticks();
  Trace trace;
  trace.info = info;
  trace.info.ns_per_tick = clock.ns_per_tick();
  trace.verdict = verdict;
  trace.duration_ns = clock.to_ns(end_ticks, origin);
  trace.objects = objects_snapshot();
  trace.op_names = rt.op_names();
  trace.annotations = std::move(annotations);
  trace.sites.push_back(SiteInfo{});  // index 0: unknown

  std::unordered_map<std::uint64_t, std::uint32_t> site_index;
  auto intern = [&](std::uint64_t key) -> std::uint32_t {
    if (key == 0) return 0;
    auto [it, fresh] = site_index.try_emplace(key, 0);
    if (fresh) {
      it->second = static_cast<std::uint32_t>(trace.sites.size());
      trace.sites.push_back(Site::describe(key));
    }
    return it->second;
  };
  auto ticks_to_ns = [&](std::uint64_t t) {
    return static_cast<std::uint64_t>(static_cast<double>(t) * clock.ns_per_tick());
  };

  const auto records = rt.threads();
  std::size_t total = 0;
  for (const ThreadRecord* r : records) total += r->event_count();
  trace.events.reserve(total);
  for (const ThreadRecord* r : records) {
    TraceThread t;
    t.id = r->id();
    t.name = r->name();
    t.lab_thread = r->lab_thread();
    t.start_ns = clock.to_ns(r->start_ticks, origin);
    t.end_ns = clock.to_ns(r->end_ticks ? r->end_ticks : end_ticks, origin);
    t.events = r->event_count();
    t.dropped = r->dropped();
    t.emitted = r->emitted();
    t.covered_until_ns = r->dropped() ? clock.to_ns(r->first_drop_ticks(), origin) : t.end_ns;
    t.items = r->items();
    trace.threads.push_back(std::move(t));

    const Event* ev = r->events();
    for (std::uint32_t i = 0, n = r->event_count(); i < n; ++i) {
      Event e = ev[i];
      e.time = clock.to_ns(e.time, origin);
      e.site = intern(e.site);
      trace.events.push_back(e);
    }
    for (const auto& [key, totals] : r->waits())
      trace.waits.push_back(CounterRow{r->id(), intern(key.site), key.object, key.mode, totals.count,
                                       ticks_to_ns(totals.ticks), ticks_to_ns(totals.max_ticks), key.wait_class});
    for (const auto& [key, totals] : r->caused())
      trace.blame.push_back(CounterRow{r->id(), intern(key.site), key.object, key.mode, totals.count,
                                       ticks_to_ns(totals.ticks), ticks_to_ns(totals.max_ticks)});
    const auto& lat = r->latencies();
    for (std::uint32_t op = 0; op < lat.size(); ++op)
      if (lat[op].count()) trace.latencies.push_back(LatencyRecord{r->id(), op, lat[op]});
  }
  // Each thread's events are already in time order: a stable sort by time
  // keeps them so and interleaves the threads.
  std::stable_sort(trace.events.begin(), trace.events.end(),
                   [](const Event& a, const Event& b) { return a.time < b.time; });
  for (const auto& [gauge_name, value] : rt.gauges()) trace.gauge_names.push_back(gauge_name);
  for (auto& s : samples) {
    s.items.resize(trace.threads.size(), 0);
    s.gauges.resize(trace.gauge_names.size(), 0);  // gauges created later read 0 before
  }
  trace.progress = std::move(samples);
  // The lock-order graph: one edge per (held, taken) pair, with every thread
  // that took the two in that order.
  std::map<std::pair<std::uint32_t, std::uint32_t>, LockOrderEdge> order;
  for (const LockOrderNote& n : rt.lock_order()) {
    auto [it, fresh] = order.try_emplace({n.held, n.taken});
    LockOrderEdge& e = it->second;
    if (fresh) e = LockOrderEdge{n.held, n.taken, n.held_mode, n.taken_mode, intern(n.held_site), intern(n.taken_site), {}};
    if (std::find(e.threads.begin(), e.threads.end(), n.thread) == e.threads.end()) e.threads.push_back(n.thread);
  }
  for (auto& [key, edge] : order) trace.lock_order.push_back(std::move(edge));
  for (const LocksetNote& n : rt.lockset()) {
    auto access = [&](const LocksetNote::Access& a) { return LocksetAccess{a.thread, intern(a.site), a.write, a.locks}; };
    trace.lockset.push_back(LocksetViolation{n.object, access(n.first), access(n.second)});
  }
  return trace;
}

}  // namespace

// run_support.h: the pieces of a run the controlled runner shares.
namespace detail {
std::string run_started_at() { return iso_now(); }
std::string run_machine() { return machine_text(); }
std::string number_text(double v) { return format_number(v); }
Verdict failure_verdict(const Failure& f) { return verdict_from_failure(f); }
Trace assemble_trace(const RunInfo& info, const Verdict& verdict, std::uint64_t end_ticks,
                     std::vector<ProgressSample> samples, std::vector<std::string> annotations) {
  return build_trace(info, verdict, end_ticks, std::move(samples), std::move(annotations));
}
}  // namespace detail

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
      throw ConfigError("parameter " + name + " = " + text + " is out of range [" + format_number(spec->min) +
                        ", " + format_number(spec->max) + "]");
    values[name] = v;
  }
  return values;
}

namespace {

Trace run(const std::string& name, const std::string& variant, const std::function<void(RunContext&)>& workload,
          const RunConfig& config) {
  if (config.threads == 0 || config.threads > kMaxThreads)
    throw ConfigError("threads must be between 1 and " + std::to_string(kMaxThreads));
  if (config.duration_ms == 0 || config.duration_ms > kMaxDurationMs)
    throw ConfigError("duration must be between 1 and " + std::to_string(kMaxDurationMs) + " ms");
  if (config.watchdog_ms == 0) throw ConfigError("the watchdog bound must be at least 1 ms");
  std::map<std::string, double> params;
  for (const auto& [k, v] : config.params) {
    try {
      params[k] = std::stod(v);
    } catch (const std::exception&) {
      throw ConfigError("parameter " + k + ": '" + v + "' is not a number");
    }
  }

  RunState state;
  RuntimeOptions options;
  options.record = config.record;
  options.events_per_thread = config.events_per_thread;
  options.seed = config.seed;
  options.spurious_wakeups = config.spurious_wakeups;
  options.on_failure = [&state](const Failure& f) {
    std::lock_guard<std::mutex> lock(state.mu);
    if (!state.failure) state.failure = f;
  };
  Runtime& rt = Runtime::get();
  rt.begin_run(std::move(options));
  struct ChaosScope {
    explicit ChaosScope(const RunConfig& c) : on(c.chaos) {
      if (on) sched::detail::chaos_on(c.seed);
    }
    ~ChaosScope() {
      if (on) sched::detail::chaos_off();
    }
    bool on;
  } chaos(config);

  RunInfo info;
  info.bug = name;
  info.variant = variant;
  info.threads = config.threads;
  info.duration_ms = config.duration_ms;
  info.seed = config.seed;
  info.recording = config.record;
  info.started_at = iso_now();
  info.machine = machine_text();
  for (const auto& [k, v] : params) info.params[k] = format_number(v);

  RunContext ctx(config.threads, std::chrono::milliseconds(config.duration_ms), config.seed, params);
  if (config.observer) {
    RunInfo started = info;
    started.ns_per_tick = TickClock::get().ns_per_tick();
    config.observer->run_started(started, [&ctx] { return ctx.annotations(); });
  }
  std::atomic<bool> main_done{false};
  std::string main_error;
  std::string settings_error;  // the workload refused its settings (run_context.h)
  std::thread main_thread([&] {
    detail::run_main_thread(rt.register_lab_thread("main"), ctx, workload, main_error, &settings_error);
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
      if (gauge_name == "live timers" && sample.gauges.back() > 0) busy = true;
    }
    state.samples.push_back(std::move(sample));

    {
      std::lock_guard<std::mutex> lock(state.mu);
      if (state.failure) {
        verdict = verdict_from_failure(*state.failure);
        cancel = true;
      }
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
      if (auto cycle = cycles.look(snapshot_threads())) {
        verdict.kind = VerdictKind::kDeadlock;
        verdict.summary = "deadlock: " + cycle->pattern + " (" + std::to_string(cycle->edges.size()) +
                          " threads wait for each other)";
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
    verdict.at_ns = TickClock::get().to_ns(end_ticks, rt.origin_ticks());
    verdict.threads = snapshot_threads();
    // A deadlock is explained in words (its cycles, and with every thread
    // asleep what each one waits for), then the dump follows.
    if (verdict.kind == VerdictKind::kDeadlock) verdict.detail += explain_deadlock(verdict.threads).text();
    verdict.detail += format_dump(verdict.threads);
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
  if (!cancel) {
    // A failure raised after the monitor's last look (a workload that panics
    // and unwinds before the first sample, or just before it ends) still
    // decides the verdict.
    std::lock_guard<std::mutex> lock(state.mu);
    if (state.failure) {
      verdict = verdict_from_failure(*state.failure);
      verdict.at_ns = TickClock::get().to_ns(end_ticks, rt.origin_ticks());
      verdict.threads = snapshot_threads();
      verdict.detail = format_dump(verdict.threads);
      cancel = true;
    }
  }
  if (!cancel) {
    auto errors = ctx.take_errors();
    if (!main_error.empty()) errors.insert(errors.begin(), main_error);
    if (!errors.empty()) {
      verdict.kind = VerdictKind::kError;
      verdict.summary = "a thread threw: " + errors.front();
      verdict.settings_error = settings_error;
    } else {
      verdict.kind = VerdictKind::kCompleted;
      verdict.summary = "completed";
    }
  }
  if (config.observer) config.observer->run_ending();
  Trace trace = build_trace(info, verdict, end_ticks, std::move(state.samples), ctx.annotations());
  trace.dumps = std::move(dumps);
  rt.end_run();
  return trace;
}

}  // namespace

namespace detail {

void run_main_thread(ThreadRecord& self, RunContext& ctx, const std::function<void(RunContext&)>& workload,
                     std::string& error, std::string* settings_error) {
  try {
    workload(ctx);
  } catch (const Cancelled&) {
  } catch (const std::invalid_argument& e) {
    error = std::string("main: ") + e.what();
    if (settings_error && ctx.started_threads() == 0) *settings_error = e.what();
  } catch (const std::exception& e) {
    error = std::string("main: ") + e.what();
  } catch (...) {
    error = "main: unknown exception";
  }
  // A workload that forgot join_all still must not outlive its state.
  try {
    ctx.join_all();
  } catch (const Cancelled&) {
  }
  self.end_ticks = now_ticks();
  self.set_state(ThreadState::kDone);
  if (Runtime::recording()) self.emit(EventKind::kThreadEnd, 0, LockMode::kNone, 0, 0, self.end_ticks);
}

}  // namespace detail

Trace run_workload(const std::string& name, const std::function<void(RunContext&)>& workload,
                   const RunConfig& config) {
  return run(name, "", workload, config);
}

void request_dump() noexcept { g_dump_requested.store(true, std::memory_order_release); }

Trace run_bug(const BugInfo& bug, const std::string& variant, const RunConfig& config) {
  const VariantInfo* v = bug.variant(variant);
  if (!v) {
    std::string names;
    for (const auto& x : bug.variants) names += (names.empty() ? "" : ", ") + x.name;
    throw ConfigError("unknown variant '" + variant + "' of " + bug.id + " (variants: " + names + ")");
  }
  RunConfig c = config;
  if (c.threads == 0) c.threads = bug.default_threads;
  if (c.duration_ms == 0) c.duration_ms = bug.default_duration_ms;
  const auto params = resolve_params(bug, config);
  c.params.clear();
  for (const auto& [k, value] : params) c.params[k] = format_number(value);
  return run(bug.id, v->name, v->run, c);
}

}  // namespace locklab
