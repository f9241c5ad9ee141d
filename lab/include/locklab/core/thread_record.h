// ThreadRecord: the lab's record of one thread, and the one way to block.
//
// Every thread that touches a locklab primitive has a record: lab threads
// started by the runner (RunContext::go) get one with their name; any other
// thread (a test's main thread, say) is adopted on first use, named "os-thread (not
// started by go)" or, for locklab's own, by Runtime::name_internal_thread().
// The record holds:
//   - state: what the thread is doing now (running, waiting, in I/O, ...);
//   - the wait: what it is parked on (object, mode, site, since);
//   - held locks with their acquisition sites;
//   - progress: a counter bumped on every acquisition and finished operation
//     (the watchdog's "is anyone moving?" test);
//   - its event buffer and exact counters (contention, latency, items).
//
// Ownership rule: only the thread itself writes its record, except the
// parker's permit (any thread may unpark it). Other threads (watchdog, dumps)
// read it: `state`, `held` and `progress` are relaxed atomics, so a snapshot
// taken while the thread runs may be a moment stale; when the watchdog fires
// every thread of interest is parked and the snapshot is exact. The wait
// description is guarded by `wait_mu_`.
//
// Blocking: a primitive that must wait calls begin_wait(), then park() in a
// loop until its own condition holds, then end_wait(). park() returns early,
// with WakeReason::kCancelled, once the runner cancels all waits; the
// primitive then leaves its queue and throws Cancelled. This is the only
// place any locklab primitive sleeps.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <new>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "locklab/core/clock.h"
#include "locklab/core/event.h"
#include "locklab/core/histogram.h"
#include "locklab/core/states.h"

namespace locklab {

struct WaitSpec {
  WaitKind kind = WaitKind::kLock;
  std::uint32_t object = 0;
  LockMode mode = LockMode::kNone;
  std::uint64_t site = 0;  // Site::key()
};

/// A lock held by a thread.
struct HeldLock {
  std::uint32_t object = 0;
  LockMode mode = LockMode::kNone;
  std::uint64_t site = 0;         // where it was acquired (Site::key())
  std::uint64_t since_ticks = 0;  // 0 when recording was off
};

enum class WakeReason : std::uint8_t { kWoken, kTimeout, kCancelled };

/// Thrown out of a wait that the runner cancelled (the run is ending:
/// deadlock, watchdog, or stop). Lab threads let it unwind; the runner
/// catches it. Not derived from std::exception so `catch (std::exception&)`
/// in a workload does not swallow it.
struct Cancelled {};

/// Totals for one (site, object, mode): the exact counters behind the
/// contention profile. `open` counts the waits among `count` that never
/// ended: the run was cancelled while they waited (a deadlock, a panic), and
/// they are counted up to the moment of the cancellation.
struct WaitTotals {
  std::uint64_t count = 0;
  std::uint64_t ticks = 0;
  std::uint64_t max_ticks = 0;
  std::uint64_t open = 0;
  std::uint64_t open_ticks = 0;
  void add(std::uint64_t t) noexcept {
    ++count; ticks += t; if (t > max_ticks) max_ticks = t;
  }
  void add_open(std::uint64_t t) noexcept {
    add(t);
    ++open;
    open_ticks += t;
  }
};

namespace detail {
/// When the runner cancelled the run's waits (ticks; 0: not cancelled).
/// Runtime::cancel_all_waits() sets it; a wait that began before it and
/// ends after it (granted during the teardown) is counted as never ended.
extern std::atomic<std::uint64_t> g_cancel_ticks;
}  // namespace detail

struct ProfileKey {
  std::uint64_t site = 0;
  std::uint32_t object = 0;
  LockMode mode = LockMode::kNone;
  WaitClass wait_class = WaitClass::kContended;
  friend bool operator==(const ProfileKey&, const ProfileKey&) = default;
};
struct ProfileKeyHash {
  std::size_t operator()(const ProfileKey& k) const noexcept {
    return std::hash<std::uint64_t>()(k.site * 31 + k.object * 7 + static_cast<int>(k.mode) * 3 +
                                      static_cast<int>(k.wait_class));
  }
};

class ThreadRecord {
 public:
  /// Locks one thread may hold at once: the first kInlineHeld in the record,
  /// the rest in an overflow block allocated the first time they are needed
  /// (locking every shard of a sharded map is a normal program). Taking one
  /// more than kMaxHeld is misuse and aborts with a message naming the limit.
  static constexpr int kInlineHeld = 16;
  static constexpr int kMaxHeld = 1024;

  ThreadRecord(std::uint16_t id, std::string name, bool lab_thread, std::size_t event_capacity);
  ~ThreadRecord() { delete[] held_overflow_.load(std::memory_order_relaxed); }
  ThreadRecord(const ThreadRecord&) = delete;
  ThreadRecord& operator=(const ThreadRecord&) = delete;

  std::uint16_t id() const noexcept { return id_; }
  const std::string& name() const noexcept { return name_; }
  bool lab_thread() const noexcept { return lab_thread_; }

  // ---- state -------------------------------------------------------------
  ThreadState state() const noexcept { return state_.load(std::memory_order_relaxed); }
  void set_state(ThreadState s) noexcept { state_.store(s, std::memory_order_relaxed); }

  // ---- progress ----------------------------------------------------------
  void bump_progress() noexcept {
    progress_.store(progress_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
  std::uint64_t progress() const noexcept { return progress_.load(std::memory_order_relaxed); }
  /// Finished work items (throughput); also bumps progress.
  void item_done() noexcept {
    items_.store(items_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    bump_progress();
  }
  std::uint64_t items() const noexcept { return items_.load(std::memory_order_relaxed); }

  // ---- membership ----------------------------------------------------------
  /// The object this thread serves (a WorkerPool's workers set their pool),
  /// 0 for none. The wait-for graph uses it: a blocked submitter waits for
  /// the pool's busy workers.
  /// The thread that started this one with RunContext::go (0: none known).
  void set_parent(std::uint16_t id) noexcept { parent_.store(id, std::memory_order_relaxed); }
  std::uint16_t parent() const noexcept { return parent_.load(std::memory_order_relaxed); }
  void set_member_of(std::uint32_t object) noexcept { member_of_.store(object, std::memory_order_relaxed); }
  std::uint32_t member_of() const noexcept { return member_of_.load(std::memory_order_relaxed); }
  /// True while a wake-up is pending (unpark() called, not yet consumed):
  /// the thread's published wait may be ending, so it is not stable evidence
  /// of a deadlock.
  bool wake_pending() const noexcept { return permit_.load(std::memory_order_acquire) != 0; }

  // ---- held locks (owner writes) ----------------------------------------
  /// Records a lock taken. A blocking acquisition (`blocking` true) while
  /// other locks are held also adds lock-order edges; a try_lock does not,
  /// since it never waits and so cannot close a deadlock (std::lock and
  /// std::scoped_lock take their later locks with try_lock), as TSan does.
  void push_held(std::uint32_t object, LockMode mode, std::uint64_t site,
                 std::uint64_t since_ticks, bool blocking = true) noexcept;
  /// Removes the most recent entry for `object` (any mode if kNone) and
  /// returns it; nullopt if this thread does not hold it.
  std::optional<HeldLock> pop_held(std::uint32_t object, LockMode mode) noexcept;
  /// The entry for `object` if this thread holds it (any mode if kNone).
  std::optional<HeldLock> find_held(std::uint32_t object, LockMode mode = LockMode::kNone) const noexcept;
  std::vector<HeldLock> held_snapshot() const;

  // ---- the one way to block ---------------------------------------------
  /// Publishes what this thread is about to wait for, sets state kWaiting and
  /// emits the matching wait event. Must be followed by end_wait().
  void begin_wait(const WaitSpec& spec) noexcept;
  /// Sleeps until unpark(), cancellation, or `deadline_ticks` (0 = none).
  /// May return kWoken spuriously: callers re-check their condition.
  WakeReason park(std::uint64_t deadline_ticks = 0) noexcept;
  /// Clears the published wait; state back to kRunning.
  void end_wait() noexcept;
  /// Wakes this thread if it is parked (or makes its next park return at once).
  void unpark() noexcept;
  std::optional<WaitSpec> current_wait() const;
  std::uint64_t wait_since_ticks() const;

  // ---- events ------------------------------------------------------------
  void emit(EventKind kind, std::uint32_t object, LockMode mode, std::uint64_t site,
            std::uint64_t arg, std::uint64_t ticks) noexcept {
    ++emitted_;
    const std::uint32_t n = count_.load(std::memory_order_relaxed);
    if (n < capacity_) {
      // Placement-new into the raw buffer: the stores an assignment would do.
      Event* e = new (events_.get() + n) Event;
      e->time = ticks; e->site = site; e->arg = arg; e->object = object;
      e->thread = id_; e->kind = kind; e->mode = mode;
      count_.store(n + 1, std::memory_order_release);
    } else {
      if (dropped_ == 0) first_drop_ticks_ = ticks;
      ++dropped_;
    }
  }
  /// Events recorded so far (safe to read the first `count` from any thread
  /// with acquire ordering).
  std::uint32_t event_count() const noexcept { return count_.load(std::memory_order_acquire); }
  const Event* events() const noexcept { return events_.get(); }
  std::uint64_t dropped() const noexcept { return dropped_; }
  /// Every emit() call, counted apart from the buffer's bookkeeping, so a
  /// check can hold the two against each other: emitted = recorded + dropped,
  /// and recorded = what reaches the Trace and the file (the soak test).
  std::uint64_t emitted() const noexcept { return emitted_; }
  /// Forgets the events recorded so far (owner only; benchmarks use it to
  /// measure recording into a buffer that never fills).
  void reset_events() noexcept {
    count_.store(0, std::memory_order_release);
    dropped_ = 0;
    emitted_ = 0;
  }
  std::uint64_t first_drop_ticks() const noexcept { return first_drop_ticks_; }

  // ---- exact counters (owner writes; read after the thread ended) --------
  /// Counts a finished wait. The key's wait class is set here from the kind
  /// of the wait that just ended (begin_wait remembers it), so no primitive
  /// has to classify its own waits.
  void count_wait(ProfileKey key, std::uint64_t ticks) {
    key.wait_class = classify(last_wait_kind_);
    if (const std::uint64_t cut = detail::g_cancel_ticks.load(std::memory_order_relaxed)) [[unlikely]] {
      // The run was cancelled: a wait that spans the cut ended only because
      // the teardown released what it waited for. It never ended in the run.
      const std::uint64_t now = now_ticks();
      const std::uint64_t since = now > ticks ? now - ticks : 0;
      if (since < cut) {
        waits_[key].add_open(cut - since);
        return;
      }
    }
    waits_[key].add(ticks);
  }
  /// Counts a wait the runner cancelled (it never ended), `ticks` long up to
  /// the cancellation; classified like count_wait().
  void count_open_wait(ProfileKey key, std::uint64_t ticks) {
    key.wait_class = classify(last_wait_kind_);
    waits_[key].add_open(ticks);
  }
  void count_caused(const ProfileKey& key, std::uint64_t ticks) { caused_[key].add(ticks); }
  void record_latency(std::uint32_t op, std::uint64_t ns);
  const std::unordered_map<ProfileKey, WaitTotals, ProfileKeyHash>& waits() const { return waits_; }
  const std::unordered_map<ProfileKey, WaitTotals, ProfileKeyHash>& caused() const { return caused_; }
  const std::vector<Histogram>& latencies() const { return latency_; }

  std::uint64_t start_ticks = 0, end_ticks = 0;

  /// The thread's random generator (src/thread_random.h), kept here rather
  /// than in a thread_local so it follows the lab thread when the controlled
  /// scheduler runs many of them on one OS thread. Owner only.
  struct RandomState {
    std::uint64_t state = 0;
    bool seeded = false;
    bool spurious_streak = false;
  };
  RandomState& random_state() noexcept { return random_; }

  /// The event buffer's deleter. The buffer is raw pages from mmap: the
  /// kernel supplies zero pages only as it fills, so a large budget costs
  /// nothing until used and starting a thread does not write its whole budget.
  struct Unmap {
    std::size_t bytes = 0;
    void operator()(Event* p) const noexcept;
  };

 private:
  const std::uint16_t id_;
  const std::string name_;
  std::atomic<std::uint16_t> parent_{0};
  const bool lab_thread_;

  alignas(64) std::atomic<ThreadState> state_{ThreadState::kRunning};
  std::atomic<std::uint64_t> progress_{0};
  std::atomic<std::uint64_t> items_{0};
  std::atomic<std::uint32_t> member_of_{0};
  std::atomic<int> held_count_{0};
  struct HeldSlot {
    std::atomic<std::uint32_t> object{0};
    std::atomic<LockMode> mode{LockMode::kNone};
    std::atomic<std::uint64_t> site{0};
    std::atomic<std::uint64_t> since{0};
  };
  HeldSlot held_[kInlineHeld];
  // Slots kInlineHeld..kMaxHeld-1: allocated once by the owner, published
  // with release, freed with the record (readers may hold a pointer).
  std::atomic<HeldSlot*> held_overflow_{nullptr};
  HeldSlot& held_slot(int i) noexcept;
  const HeldSlot* held_slot_if(int i) const noexcept;
  // Lock-order pairs (held << 32 | taken) this thread has already reported.
  std::vector<std::uint64_t> order_seen_;  // owner only
  void note_lock_order(int held_count, std::uint32_t object, LockMode mode, std::uint64_t site);

  // Events: written by the owner only; count_ published with release.
  std::unique_ptr<Event, Unmap> events_;
  std::uint32_t capacity_;
  std::atomic<std::uint32_t> count_{0};
  std::uint64_t dropped_ = 0;
  std::uint64_t emitted_ = 0;  // emit() calls, kept or not
  std::uint64_t first_drop_ticks_ = 0;

  // The parker: a futex word. 1 = a wake-up is pending.
  alignas(64) std::atomic<std::uint32_t> permit_{0};
  mutable std::mutex wait_mu_;
  std::optional<WaitSpec> wait_;  // guarded by wait_mu_
  WaitKind last_wait_kind_ = WaitKind::kLock;  // owner only: the latest begin_wait's kind
  std::uint64_t wait_since_ = 0;  // guarded by wait_mu_

  std::unordered_map<ProfileKey, WaitTotals, ProfileKeyHash> waits_;
  std::unordered_map<ProfileKey, WaitTotals, ProfileKeyHash> caused_;
  std::vector<Histogram> latency_;
  RandomState random_;
};

}  // namespace locklab
