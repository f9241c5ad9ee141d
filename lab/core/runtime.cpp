#include "locklab/core/runtime.h"

#include <cstdio>
#include <cstdlib>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/site.h"
#include "locklab/core/user_site.h"

namespace locklab {

namespace detail {
void clear_objects();

namespace {
constexpr int kMaxBeginRunHooks = 4;
std::atomic<void (*)()> g_begin_run_hooks[kMaxBeginRunHooks];
}  // namespace

void add_begin_run_hook(void (*hook)()) noexcept {
  for (auto& slot : g_begin_run_hooks) {
    void (*expected)() = nullptr;
    if (slot.load() == hook || slot.compare_exchange_strong(expected, hook)) return;
  }
  fatal("more than 4 begin-run hooks registered");
}
}  // namespace detail

thread_local ThreadRecord* Runtime::tls_record_ = nullptr;
thread_local std::string Runtime::tls_internal_name_;
thread_local std::uint64_t Runtime::tls_generation_ = 0;
std::atomic<std::uint64_t> Runtime::generation_{1};
std::atomic<bool> Runtime::recording_{true};
std::atomic<bool> Runtime::cancelled_{false};
namespace detail {
std::atomic<std::uint64_t> g_cancel_ticks{0};
}  // namespace detail

Runtime& Runtime::get() noexcept {
  static Runtime runtime;
  return runtime;
}

ThreadRecord& Runtime::add_record(std::string name, bool lab_thread, bool bind) {
  std::lock_guard<std::mutex> lock(mu_);
  if (records_.size() >= kMaxThreadRecords)
    fatal("more than " + std::to_string(kMaxThreadRecords) + " threads registered in one run");
  const auto id = static_cast<std::uint16_t>(records_.size() + 1);
  if (name.empty()) name = "thread-" + std::to_string(id);
  records_.push_back(std::make_unique<ThreadRecord>(id, std::move(name), lab_thread,
                                                    options_.events_per_thread));
  ThreadRecord& r = *records_.back();
  r.start_ticks = now_ticks();
  if (!bind) return r;
  tls_record_ = &r;
  tls_generation_ = generation_.load(std::memory_order_relaxed);
  return r;
}

ThreadRecord& Runtime::adopt_current_thread() {
  // Not started by RunContext::go(): locklab's own thread (named), or one the
  // workload made with std::thread.
  return add_record(tls_internal_name_.empty() ? std::string("os-thread (not started by go)")
                                               : tls_internal_name_ + " (internal)",
                    /*lab_thread=*/false);
}

ThreadRecord& Runtime::register_lab_thread(std::string name, bool bind) {
  ThreadRecord& r = add_record(std::move(name), /*lab_thread=*/true, bind);
  r.bump_progress();  // starting is progress: the watchdog's clock restarts
  if (recording()) r.emit(EventKind::kThreadStart, 0, LockMode::kNone, 0, 0, r.start_ticks);
  return r;
}

std::size_t Runtime::thread_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return records_.size();
}

std::vector<ThreadRecord*> Runtime::threads() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ThreadRecord*> out;
  out.reserve(records_.size());
  for (const auto& r : records_) out.push_back(r.get());
  return out;
}

void Runtime::note_lock_order(const LockOrderNote& note) {
  std::lock_guard<std::mutex> lock(mu_);
  lock_order_.push_back(note);
}

std::vector<LockOrderNote> Runtime::lock_order() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lock_order_;
}

void Runtime::note_lockset(LocksetNote note) {
  std::lock_guard<std::mutex> lock(mu_);
  lockset_.push_back(std::move(note));
}

std::vector<LocksetNote> Runtime::lockset() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lockset_;
}

void Runtime::begin_run(RuntimeOptions options) {
  (void)TickClock::get();  // calibrate before the clock starts
  detail::prepare_user_sites();  // read the line tables before the clock starts (user_site.h)
  // The previous run's armed timers must not fire into this one (and the
  // timer thread must not be firing while records and gauges are cleared).
  // Before mu_: a firing timer takes mu_ to adopt the timer thread.
  for (auto& slot : detail::g_begin_run_hooks)
    if (auto hook = slot.load()) hook();
  std::lock_guard<std::mutex> lock(mu_);
  records_.clear();
  op_names_.clear();
  gauges_.clear();
  lock_order_.clear();
  lockset_.clear();
  detail::clear_objects();
  if (options.events_per_thread == 0) options.events_per_thread = 1;
  recording_.store(options.record, std::memory_order_relaxed);
  options_ = std::move(options);
  cancelled_.store(false, std::memory_order_release);
  detail::g_cancel_ticks.store(0, std::memory_order_release);
  origin_ticks_ = now_ticks();
  // Every thread's cached record is stale now; each adopts a fresh one.
  generation_.fetch_add(1, std::memory_order_relaxed);
  run_active_.store(true, std::memory_order_release);
}

void Runtime::end_run() {
  std::lock_guard<std::mutex> lock(mu_);
  options_.on_failure = nullptr;
  run_active_.store(false, std::memory_order_release);
  cancelled_.store(false, std::memory_order_release);
  detail::g_cancel_ticks.store(0, std::memory_order_release);
}

void Runtime::cancel_all_waits() noexcept {
  std::uint64_t none = 0;
  detail::g_cancel_ticks.compare_exchange_strong(none, now_ticks(), std::memory_order_acq_rel);
  cancelled_.store(true, std::memory_order_release);
  for (ThreadRecord* r : threads()) r->unpark();
}

void Runtime::raise(const Failure& failure) {
  std::function<void(const Failure&)> handler;
  {
    std::lock_guard<std::mutex> lock(mu_);
    handler = options_.on_failure;
  }
  if (!handler) {
    const SiteInfo at = Site::describe(failure.site);
    std::string where = at.line ? " at " + short_site(at) : "";
    fatal(failure.message + where);
  }
  handler(failure);
}

std::uint32_t Runtime::op_id(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  for (std::size_t i = 0; i < op_names_.size(); ++i)
    if (op_names_[i] == name) return static_cast<std::uint32_t>(i);
  op_names_.push_back(name);
  return static_cast<std::uint32_t>(op_names_.size() - 1);
}

std::vector<std::string> Runtime::op_names() const {
  std::lock_guard<std::mutex> lock(mu_);
  return op_names_;
}

std::atomic<std::int64_t>& Runtime::gauge(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [n, g] : gauges_)
    if (n == name) return *g;
  gauges_.emplace_back(name, std::make_unique<std::atomic<std::int64_t>>(0));
  return *gauges_.back().second;
}

std::vector<std::pair<std::string, const std::atomic<std::int64_t>*>> Runtime::gauges() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<std::string, const std::atomic<std::int64_t>*>> out;
  for (const auto& [n, g] : gauges_) out.emplace_back(n, g.get());
  return out;
}

void fatal(const std::string& message) {
  std::fprintf(stderr, "locklab: %s\n", message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace locklab
