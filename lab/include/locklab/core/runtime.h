// The lab runtime: process-wide state every primitive reads.
//
//   - the thread registry (one ThreadRecord per thread that used the lab);
//   - the recording switch (off: primitives skip clocks and events);
//   - cancellation (the runner ends every wait at once, nothing hangs);
//   - failures raised by primitives (self-deadlock, misuse panics), handed to
//     the active run, or fatal outside one.
//
// One run at a time per process: begin_run() resets the registries and must
// not race with threads still using primitives.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "locklab/core/thread_record.h"

namespace locklab {

/// A failure a primitive detected on the calling thread.
struct Failure {
  enum class Kind : std::uint8_t { kSelfDeadlock, kPanic };
  Kind kind = Kind::kPanic;
  std::string message;            // one line, plain words
  std::uint16_t thread = 0;
  std::uint32_t object = 0;
  std::uint64_t site = 0;         // where it happened (Site::key())
  std::uint64_t other_site = 0;   // e.g. where the lock was first taken
};

/// One lock-order observation: `thread` acquired `taken` while holding
/// `held` (sites are Site keys). ThreadRecord reports each (held, taken)
/// pair once per thread.
struct LockOrderNote {
  std::uint32_t held = 0, taken = 0;
  LockMode held_mode = LockMode::kNone, taken_mode = LockMode::kNone;
  std::uint64_t held_site = 0, taken_site = 0;
  std::uint16_t thread = 0;
};

/// One lockset violation (Eraser): data wrapped in a Guarded<T> was accessed
/// by two threads with no lock in common. `first` is the other thread's
/// latest access, `second` the access that emptied the candidate set.
struct LocksetNote {
  struct Access {
    std::uint16_t thread = 0;
    std::uint64_t site = 0;               // Site key
    bool write = false;
    std::vector<std::uint32_t> locks;     // objects held (for writing, for a write)
  };
  std::uint32_t object = 0;               // the Guarded
  Access first, second;
};

inline constexpr std::size_t kDefaultEventsPerThread = std::size_t{1} << 19;

struct RuntimeOptions {
  bool record = true;
  /// Per-thread event buffer (32 bytes an event). The default, 512Ki events
  /// (16 MiB a thread, touched only as used), keeps a default run of the
  /// hottest bug (9 threads, every buffer full, plus the Trace built from
  /// them) near 300 MB.
  std::size_t events_per_thread = kDefaultEventsPerThread;
  /// The run's seed (RunConfig::seed). Primitives that choose at random
  /// (select among ready cases, injected spurious wake-ups) draw from a
  /// per-thread generator seeded from it and the thread's id, so a run with
  /// one seed repeats its choices as far as its interleaving repeats.
  std::uint64_t seed = 1;
  /// Probability in [0, 1] that a Cond::wait returns without a signal (a
  /// spurious wake-up, which Go and POSIX both allow). 0: never.
  double spurious_wakeups = 0;
  /// Called (on the failing thread) when a primitive raises a Failure during
  /// a run. Without one, a failure prints "locklab: ..." and aborts.
  std::function<void(const Failure&)> on_failure;
};

class Runtime {
 public:
  static Runtime& get() noexcept;

  /// The calling thread's record; adopts a thread seen for the first time.
  static ThreadRecord& self() noexcept {
    if (tls_generation_ == generation_.load(std::memory_order_relaxed) && tls_record_) [[likely]]
      return *tls_record_;
    return get().adopt_current_thread();
  }
  /// Names the calling thread for when a run adopts it (it uses a primitive
  /// without being a lab thread): locklab's own threads call it once, so a
  /// dump says "locklab-timers (internal)" rather than an anonymous id.
  static void name_internal_thread(std::string name) { tls_internal_name_ = std::move(name); }
  static bool recording() noexcept { return recording_.load(std::memory_order_relaxed); }
  static bool cancelled() noexcept { return cancelled_.load(std::memory_order_acquire); }

  /// Starts a fresh run: clears threads, objects and op names; sets options.
  void begin_run(RuntimeOptions options);
  /// Ends the run: stops recording, forgets the failure handler, clears the
  /// cancellation. Records stay readable until the next begin_run().
  void end_run();
  bool run_active() const noexcept { return run_active_.load(std::memory_order_acquire); }

  /// Registers the calling thread as a named lab thread (runner use). With
  /// `bind` false the record is created for a fiber the controlled scheduler
  /// will start, and the calling thread keeps its own record.
  ThreadRecord& register_lab_thread(std::string name, bool bind = true);
  /// Threads one run may register (ids are 16 bits). RunContext::go refuses
  /// a thread past this with an error; registering one more aborts.
  static constexpr std::size_t kMaxThreadRecords = 65535;
  /// Threads registered in this run so far.
  std::size_t thread_count() const;

  /// Controlled scheduler: makes `record` the calling OS thread's record (a
  /// fiber switch changes which lab thread runs on it) and returns the
  /// previous one (nullptr if it had none in this run).
  static ThreadRecord* exchange_current(ThreadRecord* record) noexcept {
    const std::uint64_t gen = generation_.load(std::memory_order_relaxed);
    ThreadRecord* old = tls_generation_ == gen ? tls_record_ : nullptr;
    tls_record_ = record;
    tls_generation_ = record ? gen : 0;
    return old;
  }
  /// Every record of this run, in id order. Pointers stay valid until the
  /// next begin_run().
  std::vector<ThreadRecord*> threads() const;

  void set_recording(bool on) noexcept { recording_.store(on, std::memory_order_relaxed); }

  /// Ends every current and future wait with WakeReason::kCancelled until
  /// end_run(). Idempotent; the first call's time is kept (cancel_ticks()).
  void cancel_all_waits() noexcept;
  /// When cancel_all_waits() was first called in this run (ticks), 0 before:
  /// a cancelled wait is counted up to here, the verdict's moment, not up to
  /// the teardown that woke it.
  static std::uint64_t cancel_ticks() noexcept { return detail::g_cancel_ticks.load(std::memory_order_acquire); }

  /// A primitive found a failure: hands it to the run's handler or aborts.
  /// Returns only when a handler took it.
  void raise(const Failure& failure);

  /// Interns an operation name for latency accounting; stable for the run.
  std::uint32_t op_id(const std::string& name);
  std::vector<std::string> op_names() const;

  /// A named level the runner samples over time ("live timers"): primitives
  /// add to and subtract from it. Created on first use; the reference stays
  /// valid until the next begin_run().
  std::atomic<std::int64_t>& gauge(const std::string& name);
  /// Every gauge of this run, in creation order.
  std::vector<std::pair<std::string, const std::atomic<std::int64_t>*>> gauges() const;

  /// The run's seed and spurious wake-up probability (RuntimeOptions).
  std::uint64_t seed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return options_.seed;
  }
  double spurious_wakeups() const {
    std::lock_guard<std::mutex> lock(mu_);
    return options_.spurious_wakeups;
  }

  /// The lock-order graph's raw edges (always recorded, even with
  /// recording off: a thread notes each pair once, so it costs nothing in
  /// steady state). Cleared by begin_run().
  void note_lock_order(const LockOrderNote& note);
  std::vector<LockOrderNote> lock_order() const;
  /// Lockset violations found by Guarded<T> (at most one per object). Cleared
  /// by begin_run().
  void note_lockset(LocksetNote note);
  std::vector<LocksetNote> lockset() const;

  /// Tick at which the run began (trace time 0).
  std::uint64_t origin_ticks() const noexcept { return origin_ticks_; }

 private:
  Runtime() = default;
  ThreadRecord& adopt_current_thread();
  ThreadRecord& add_record(std::string name, bool lab_thread, bool bind = true);

  static thread_local ThreadRecord* tls_record_;
  static thread_local std::string tls_internal_name_;
  static thread_local std::uint64_t tls_generation_;
  static std::atomic<std::uint64_t> generation_;
  static std::atomic<bool> recording_;
  static std::atomic<bool> cancelled_;

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<ThreadRecord>> records_;  // guarded by mu_
  std::vector<std::string> op_names_;                   // guarded by mu_
  std::vector<std::pair<std::string, std::unique_ptr<std::atomic<std::int64_t>>>> gauges_;  // guarded by mu_
  RuntimeOptions options_;                              // guarded by mu_
  std::vector<LockOrderNote> lock_order_;               // guarded by mu_
  std::vector<LocksetNote> lockset_;                    // guarded by mu_
  std::atomic<bool> run_active_{false};
  std::uint64_t origin_ticks_ = 0;
};

/// Prints "locklab: <message>" to stderr and aborts. For misuse that Go
/// reports as a fatal error (unlock of an unlocked mutex).
[[noreturn]] void fatal(const std::string& message);

namespace detail {
/// Registers `hook` to run at the start of every Runtime::begin_run, before
/// the registry is cleared: how a service of a higher layer (the timer
/// service, sync/timer_service.h) drops what the previous run left without
/// the core knowing it. At most 4 hooks; they stay for the process.
void add_begin_run_hook(void (*hook)()) noexcept;
}  // namespace detail

}  // namespace locklab
