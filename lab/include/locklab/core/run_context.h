// RunContext: what a bug's workload sees while it runs.
//
// A workload is a function `void(RunContext&)` that runs on a lab thread named
// "main" (Go's main goroutine). It builds its shared state, starts worker
// threads with go(), and calls join_all() before its state goes out of scope:
//
//   void run(RunContext& ctx) {
//     Store store;
//     const auto save = ctx.op("Save");
//     for (unsigned i = 0; i < ctx.threads(); ++i)
//       ctx.go("saver-" + std::to_string(i), [&] {
//         while (ctx.running()) ctx.timed(save, [&] { store.save(i); });
//       });
//     ctx.join_all();
//   }
//
// A workload that cannot run with its settings (more writers than threads)
// throws std::invalid_argument before it starts any thread: the run ends as
// an error with Verdict::settings_error set, and `locklab run` says so as bad
// input (exit 2).
//
// Workers loop while running() is true (the run's duration). Every wait in a
// lab primitive may throw Cancelled when the run ends early (deadlock,
// watchdog); let it unwind. join_all() always waits for every worker to
// finish, even when cancelled, so state on main's stack outlives them.
//
// If main itself can block in something other than join_all() (it receives
// from a channel, waits on a WaitGroup, ...), a cancellation unwinds main's
// stack while workers may still use it. Declare a JoinAtExit right after the
// state the workers share: its destructor waits for them, however main ends.
//
//   Store store;
//   JoinAtExit join(ctx);   // destroyed before `store`
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "locklab/core/clock.h"
#include "locklab/core/event.h"
#include "locklab/core/runtime.h"
#include "locklab/core/sched_point.h"
#include "locklab/core/site.h"

namespace locklab {

class RunContext {
 public:
  RunContext(std::uint32_t threads, std::chrono::milliseconds duration, std::uint64_t seed,
             std::map<std::string, double> params);
  ~RunContext();
  RunContext(const RunContext&) = delete;
  RunContext& operator=(const RunContext&) = delete;

  std::uint32_t threads() const noexcept { return threads_; }
  std::chrono::milliseconds duration() const noexcept { return duration_; }
  std::uint64_t seed() const noexcept { return seed_; }

  /// A declared parameter's value (the bug's ParamSpec gives defaults).
  /// Asking for an undeclared name throws std::logic_error (a bug in the module).
  double param(const std::string& name) const;
  std::int64_t param_int(const std::string& name) const;
  /// A parameter in milliseconds, as a duration.
  std::chrono::nanoseconds param_ms(const std::string& name) const;

  /// Starts a named lab thread running `fn`. Its exceptions end the run with
  /// VerdictKind::kError (Cancelled ends it quietly). Threads that ended are
  /// joined as new ones start, so a run may start any number of short ones
  /// in turn. If no thread can be started (the system refuses, or the run
  /// already has Runtime::kMaxThreadRecords threads), throws
  /// std::runtime_error saying so: the run ends as an error, never a hang.
  void go(std::string name, std::function<void()> fn);
  /// Waits until every thread started with go() has ended. Cancellable: on
  /// cancellation it still waits for them all, then throws Cancelled.
  void join_all(Site site = Site::current());

  /// True until the run's duration is over or the run is stopping. A
  /// scheduling point (sched/point.h): a worker's loop is where a
  /// controlled run may switch between iterations.
  bool running(Site site = Site::current()) const noexcept {
    detail::sched_point(SchedOp::kRunning, 0, site);
    return !stop_.load(std::memory_order_relaxed);
  }

  /// Time since the run began, on the run's own clock: real time in a real
  /// run, virtual time in a controlled run (where sleeps, io and timers take
  /// virtual time). A workload's deadlines ("until half the run is over",
  /// "the next burst") use this, never std::chrono::steady_clock, so they
  /// mean the same under both drivers.
  std::chrono::nanoseconds now() const noexcept {
    return std::chrono::nanoseconds(TickClock::get().to_ns(now_ticks(), Runtime::get().origin_ticks()));
  }

  /// Declares an operation kind ("Get", "Save"); returns its id.
  std::uint32_t op(const std::string& name) { return Runtime::get().op_id(name); }
  /// Runs `f` as one operation of kind `op`: records its latency, counts one
  /// work item, emits kOpBegin/kOpEnd.
  template <class F>
  void timed(std::uint32_t op, F&& f) {
    ThreadRecord& self = Runtime::self();
    const std::uint64_t t0 = now_ticks();
    if (Runtime::recording()) self.emit(EventKind::kOpBegin, 0, LockMode::kNone, 0, op, t0);
    f();
    const std::uint64_t t1 = now_ticks();
    finish_op(self, op, t0, t1);
  }
  /// Counts one work item without timing it.
  void item_done() noexcept { Runtime::self().item_done(); }

  /// Marks a phase on the calling thread's timeline ("Reload begins").
  void annotate(const std::string& text, Site site = Site::current());

  /// A random generator for one thread, seeded from the run's seed and
  /// `stream` (use the worker's index), so runs with one seed repeat.
  std::mt19937_64 rng(std::uint64_t stream) const { return std::mt19937_64(seed_ * 0x9E3779B97F4A7C15ull + stream); }

  // ---- runner side -------------------------------------------------------
  void request_stop() noexcept { stop_.store(true, std::memory_order_relaxed); }
  /// Threads started by go() that have not ended yet.
  std::uint32_t live_threads() const;
  /// Threads started by go() so far, ended or not.
  std::size_t started_threads() const;
  std::vector<std::string> take_errors();
  std::vector<std::string> annotations() const;
  /// Joins every std::thread started by go() (after they ended).
  void join_os_threads();

 private:
  void finish_op(ThreadRecord& self, std::uint32_t op, std::uint64_t t0, std::uint64_t t1);
  void reap_finished_locked(std::vector<std::thread>& out);

  const std::uint32_t threads_;
  const std::chrono::milliseconds duration_;
  const std::uint64_t seed_;
  const std::map<std::string, double> params_;
  std::atomic<bool> stop_{false};

  mutable std::mutex mu_;
  std::vector<std::thread> os_threads_;       // guarded by mu_
  std::vector<std::thread::id> finished_;     // guarded by mu_: ended, not yet joined
  std::uint32_t live_ = 0;                    // guarded by mu_
  std::size_t started_ = 0;                   // guarded by mu_
  std::vector<ThreadRecord*> joiners_;        // guarded by mu_: threads in join_all
  std::vector<std::string> errors_;           // guarded by mu_
  std::vector<std::string> annotations_;      // guarded by mu_
};

/// Waits for every worker of `ctx` when it goes out of scope, also while
/// main unwinds from a cancelled wait (see above). Never throws.
class JoinAtExit {
 public:
  explicit JoinAtExit(RunContext& ctx) : ctx_(ctx) {}
  ~JoinAtExit() {
    try {
      ctx_.join_all();
    } catch (...) {  // Cancelled: join_all still waited for every worker first
    }
  }
  JoinAtExit(const JoinAtExit&) = delete;
  JoinAtExit& operator=(const JoinAtExit&) = delete;

 private:
  RunContext& ctx_;
};

}  // namespace locklab
