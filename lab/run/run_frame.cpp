#include "run_frame.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <thread>
#include <unordered_map>

#include "locklab/analysis/thread_dump.h"
#include "locklab/analysis/wait_graph.h"
#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/site.h"

namespace locklab::detail {
namespace {

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

// A decimal number, all of `text` (no hex, no trailing garbage, finite).
std::optional<double> parse_decimal(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos) return std::nullopt;
  const char* begin = text.data();
  if (*begin == '+') ++begin;  // from_chars takes no leading '+'
  double v = 0;
  const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

void check_limits(const RunConfig& config) {
  if (config.threads == 0 || config.threads > kMaxThreads)
    throw ConfigError("threads must be between 1 and " + std::to_string(kMaxThreads));
  if (config.duration_ms == 0 || config.duration_ms > kMaxDurationMs)
    throw ConfigError("duration must be between 1 and " + std::to_string(kMaxDurationMs) + " ms");
  if (config.watchdog_ms == 0) throw ConfigError("the watchdog bound must be at least 1 ms");
}

// Merges per-thread events (ticks -> ns, site keys -> indices), copies
// counters and the run's metadata.
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
                                       ticks_to_ns(totals.ticks), ticks_to_ns(totals.max_ticks), key.wait_class,
                                       totals.open, ticks_to_ns(totals.open_ticks)});
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

std::string number_text(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

Verdict failure_verdict(const Failure& f) {
  Verdict v;
  v.kind = f.kind == Failure::Kind::kSelfDeadlock ? VerdictKind::kSelfDeadlock : VerdictKind::kPanic;
  v.summary = f.message;
  return v;
}

RunPlan plan_workload(const std::string& name, std::function<void(RunContext&)> workload, const RunConfig& config) {
  check_limits(config);
  RunPlan plan{name, "", std::move(workload), config, {}};
  for (const auto& [k, text] : config.params) {
    const auto v = parse_decimal(text);
    if (!v) throw ConfigError("parameter " + k + ": '" + text + "' is not a number");
    plan.params[k] = *v;
  }
  return plan;
}

RunPlan plan_bug(const BugInfo& bug, const std::string& variant, const RunConfig& config) {
  const VariantInfo* v = bug.variant(variant);
  if (!v) {
    std::string names;
    for (const auto& x : bug.variants) names += (names.empty() ? "" : ", ") + x.name;
    throw ConfigError("unknown variant '" + variant + "' of " + bug.id + " (variants: " + names + ")");
  }
  auto params = resolve_params(bug, config);
  check_limits(config);
  return RunPlan{bug.id, v->name, v->run, config, std::move(params)};
}

bool RunFrame::begin_runtime(const RunPlan& plan, RunFrame* frame) {
  RuntimeOptions options;
  options.record = plan.config.record;
  options.events_per_thread = plan.config.events_per_thread;
  options.seed = plan.config.seed;
  options.spurious_wakeups = plan.config.spurious_wakeups;
  options.on_failure = [frame](const Failure& f) {
    std::lock_guard<std::mutex> lock(frame->mu_);
    if (!frame->failure_) frame->failure_ = f;
  };
  Runtime::get().begin_run(std::move(options));
  return true;
}

RunFrame::RunFrame(const RunPlan& plan)
    : begun_(begin_runtime(plan, this)),
      ctx_(plan.config.threads, std::chrono::milliseconds(plan.config.duration_ms), plan.config.seed, plan.params),
      workload_(plan.workload) {
  info_.bug = plan.name;
  info_.variant = plan.variant;
  info_.threads = plan.config.threads;
  info_.duration_ms = plan.config.duration_ms;
  info_.seed = plan.config.seed;
  info_.recording = plan.config.record;
  info_.started_at = iso_now();
  info_.machine = machine_text();
  info_.ns_per_tick = TickClock::get().ns_per_tick();
  for (const auto& [k, v] : plan.params) info_.params[k] = number_text(v);
}

RunFrame::~RunFrame() {
  if (begun_ && !finished_) Runtime::get().end_run();
}

std::optional<Failure> RunFrame::failure() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failure_;
}

void RunFrame::run_main(ThreadRecord& self) {
  try {
    workload_(ctx_);
  } catch (const Cancelled&) {
  } catch (const std::invalid_argument& e) {
    main_error_ = std::string("main: ") + e.what();
    // Thrown before any thread started: the workload refused its settings.
    if (ctx_.started_threads() == 0) settings_error_ = e.what();
  } catch (const std::exception& e) {
    main_error_ = std::string("main: ") + e.what();
  } catch (...) {
    main_error_ = "main: unknown exception";
  }
  // A workload that forgot join_all still must not outlive its state.
  try {
    ctx_.join_all();
  } catch (const Cancelled&) {
  }
  self.end_ticks = now_ticks();
  self.set_state(ThreadState::kDone);
  if (Runtime::recording()) self.emit(EventKind::kThreadEnd, 0, LockMode::kNone, 0, 0, self.end_ticks);
}

Verdict RunFrame::stopped(Verdict v, std::uint64_t end_ticks) const {
  Runtime& rt = Runtime::get();
  v.at_ns = TickClock::get().to_ns(end_ticks, rt.origin_ticks());
  v.threads = snapshot_threads();
  if (v.kind == VerdictKind::kDeadlock) {
    // A deadlock is explained in words (its cycles, and with every thread
    // asleep what each one waits for), then the dump follows.
    const DeadlockReport report = explain_deadlock(v.threads);
    if (v.summary.empty()) {
      std::size_t blocked = 0;
      for (const ThreadSnapshot& t : v.threads) blocked += t.waiting ? 1 : 0;
      if (!report.cycles.empty()) {
        const WaitCycle& c = report.cycles.front();
        v.summary = "deadlock: " + c.pattern + " (" + std::to_string(c.edges.size()) + " threads wait for each other)";
      } else {
        v.summary = "all threads are asleep - deadlock! (" + std::to_string(blocked) +
                    (blocked == 1 ? " thread" : " threads") + " blocked, nothing left to wake them)";
      }
    }
    v.detail += report.text();
  }
  v.detail += format_dump(v.threads);
  return v;
}

Verdict RunFrame::ended(std::uint64_t end_ticks) {
  // A failure raised after the driver's last look (a workload that panics
  // and unwinds at once, or just before it ends) still decides the verdict.
  if (const auto f = failure()) {
    Verdict v = failure_verdict(*f);
    v.at_ns = TickClock::get().to_ns(end_ticks, Runtime::get().origin_ticks());
    v.threads = snapshot_threads();
    v.detail = format_dump(v.threads);
    return v;
  }
  Verdict v;
  auto errors = ctx_.take_errors();
  if (!main_error_.empty()) errors.insert(errors.begin(), main_error_);
  if (!errors.empty()) {
    v.kind = VerdictKind::kError;
    v.summary = "a thread threw: " + errors.front();
    v.settings_error = settings_error_;
  } else {
    v.kind = VerdictKind::kCompleted;
    v.summary = "completed";
  }
  return v;
}

Trace RunFrame::finish(const Verdict& verdict, std::uint64_t end_ticks, std::vector<ProgressSample> samples) {
  Trace trace = build_trace(info_, verdict, end_ticks, std::move(samples), ctx_.annotations());
  Runtime::get().end_run();
  finished_ = true;
  return trace;
}

}  // namespace locklab::detail
