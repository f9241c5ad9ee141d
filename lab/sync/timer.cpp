// Timers: one process-wide timer thread over a min-heap of deadlines.
#include "locklab/sync/timer.h"
#include "sync/timer_service.h"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "locklab/core/clock.h"
#include "locklab/core/internal_lock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/sched_point.h"

namespace locklab {
namespace detail {

using Clock = std::chrono::steady_clock;

/// One timer, shared by its Timer object (if any) and, while armed, the heap.
/// The mutable fields are guarded by TimerService's mu_ (a lock of another
/// object, which the analysis cannot name here).
struct TimerState {
  std::uint32_t id = 0;                      // the timer's object id (immutable)
  Site site;                                 // where it was created (immutable)
  std::uint64_t site_key = 0;                // its key as recorded: the user's line (user_site.h) (immutable)
  std::shared_ptr<Chan<TimePoint>> channel;  // its C (immutable)
  bool armed = false;                        // in the heap, neither fired nor stopped
  std::size_t heap_index = 0;                // its slot in the heap while armed
  Clock::time_point deadline{};              // when it fires, while armed
  std::uint64_t seq = 0;                     // arming order: ties on deadline fire FIFO
  std::atomic<std::int64_t>* live = nullptr; // the arming run's "live timers" gauge, while armed
};

namespace {

// The timer thread and its heap. A function-local static constructed after
// the Runtime (its constructor asks for it), hence destroyed before it: the
// thread is stopped and joined while the Runtime it records into still lives.
class TimerService {
 public:
  static TimerService& get() {
    static TimerService service;
    return service;
  }

  /// Arms `t` to fire `d` from now, counting it in `gauge` if it was not
  /// armed. Returns whether it was armed.
  bool arm(const std::shared_ptr<TimerState>& t, std::chrono::nanoseconds d, std::atomic<std::int64_t>* gauge) {
    GuardLock g(mu_);
    const bool was_armed = t->armed;
    if (was_armed) {
      remove(*t);
    } else {
      gauge->fetch_add(1, std::memory_order_relaxed);
      t->live = gauge;
      t->armed = true;
    }
    t->deadline = now() + (d.count() > 0 ? d : std::chrono::nanoseconds(0));
    t->seq = ++seq_;
    push(t);
    // A controlled run fires its timers itself, on virtual time (fire_due).
    if (!thread_.joinable() && !controlled()) thread_ = std::thread([this] {
      Runtime::name_internal_thread("locklab-timers");
      run();
    });
    if (t->heap_index == 0) cv_.notify_one();  // a new earliest deadline
    return was_armed;
  }

  /// Disarms `t`. Returns whether it was armed.
  bool disarm(TimerState& t) {
    GuardLock g(mu_);
    if (!t.armed) return false;
    remove(t);
    settle(t);
    return true;
  }

  bool armed(const TimerState& t) {
    GuardLock g(mu_);
    return t.armed;
  }

  /// A new run begins: forget every armed timer of the previous one without
  /// touching its gauge or records (they are about to be cleared). Waits for
  /// a firing in progress to finish (it holds mu_).
  void drop_all() {
    GuardLock g(mu_);
    for (const auto& t : heap_) {
      t->armed = false;
      t->live = nullptr;
    }
    heap_.clear();
  }

  /// Controlled runs: the earliest armed deadline, in ticks of the virtual
  /// clock (0: none armed).
  std::uint64_t next_deadline_ticks() {
    GuardLock g(mu_);
    if (heap_.empty()) return 0;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(heap_.front()->deadline.time_since_epoch());
    return TickClock::get().ticks_for_ns(static_cast<std::uint64_t>(ns.count())) + 1;
  }

  /// Controlled runs: the latest armed deadline not after `limit` (ticks; 0 none).
  std::uint64_t last_deadline_ticks_upto(std::uint64_t limit) {
    GuardLock g(mu_);
    std::uint64_t best = 0;
    for (const std::shared_ptr<TimerState>& t : heap_) {
      const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t->deadline.time_since_epoch());
      const std::uint64_t ticks = TickClock::get().ticks_for_ns(static_cast<std::uint64_t>(ns.count())) + 1;
      if (ticks <= limit && ticks > best) best = ticks;
    }
    return best;
  }

  /// Controlled runs: fires every timer due by the virtual clock, on the
  /// scheduler's side of the fibers.
  void fire_due() {
    GuardLock g(mu_);
    const Clock::time_point t_now = now();
    while (!heap_.empty() && heap_.front()->deadline <= t_now) {
      const std::shared_ptr<TimerState> t = heap_.front();
      remove(*t);
      settle(*t);
      fire(*t, t_now);
    }
  }

  ~TimerService() {
    {
      GuardLock g(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  TimerService() {
    (void)Runtime::get();  // see the class comment
    // The previous run's armed timers must not fire into the next one.
    add_begin_run_hook([] { get().drop_all(); });
  }

  // Real time, or the virtual clock as a time point during a controlled run.
  static Clock::time_point now() {
    if (controlled())
      return Clock::time_point(std::chrono::nanoseconds(TickClock::get().to_ns(now_ticks(), 0)));
    return Clock::now();
  }

  void run() {
    GuardLock g(mu_);
    while (!stopping_) {
      if (controlled()) {
        // The heap holds virtual deadlines now; the controlled run fires them.
        cv_.wait_for(g, std::chrono::milliseconds(20));
        continue;
      }
      if (heap_.empty()) {
        cv_.wait(g);
        continue;
      }
      const Clock::time_point now = Clock::now();
      // A copy: the timer may be stopped and freed while we sleep.
      const Clock::time_point next = heap_.front()->deadline;
      if (next > now) {
        cv_.wait_until(g, next);
        continue;
      }
      // Fire under mu_, so drop_all() (a run beginning) cannot overlap it.
      const std::shared_ptr<TimerState> t = heap_.front();
      remove(*t);
      settle(*t);
      fire(*t, now);
    }
  }

  // A timer stops being live (fired or stopped).
  void settle(TimerState& t) LOCKLAB_REQUIRES(mu_) {
    t.armed = false;
    if (t.live) t.live->fetch_sub(1, std::memory_order_relaxed);
    t.live = nullptr;
  }

  // Go's sendTime: a send that never blocks; a full channel drops the value.
  void fire(TimerState& t, Clock::time_point now) LOCKLAB_REQUIRES(mu_) {
    ThreadRecord& self = Runtime::self();  // this thread's (adopted) record in the current run
    if (Runtime::recording()) {
      const auto late = std::chrono::duration_cast<std::chrono::nanoseconds>(now - t.deadline).count();
      self.emit(EventKind::kTimerFire, t.id, LockMode::kNone, t.site_key, static_cast<std::uint64_t>(late),
                now_ticks());
    }
    try {
      t.channel->try_send(now, t.site);
    } catch (const Cancelled&) {
      // Someone closed the timer's channel (Go's is receive-only): the send
      // raised a panic for the run; the timer thread carries on.
    }
    self.set_state(ThreadState::kSleeping);  // until the next deadline
  }

  // ---- the heap: a binary min-heap on (deadline, seq) ----------------------
  static bool before(const TimerState& a, const TimerState& b) noexcept {
    return a.deadline != b.deadline ? a.deadline < b.deadline : a.seq < b.seq;
  }
  void place(std::size_t i, std::shared_ptr<TimerState> t) LOCKLAB_REQUIRES(mu_) {
    t->heap_index = i;
    heap_[i] = std::move(t);
  }
  void sift_up(std::size_t i) LOCKLAB_REQUIRES(mu_) {
    std::shared_ptr<TimerState> t = std::move(heap_[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(*t, *heap_[parent])) break;
      place(i, std::move(heap_[parent]));
      i = parent;
    }
    place(i, std::move(t));
  }
  void sift_down(std::size_t i) LOCKLAB_REQUIRES(mu_) {
    std::shared_ptr<TimerState> t = std::move(heap_[i]);
    const std::size_t n = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(*heap_[child + 1], *heap_[child])) ++child;
      if (!before(*heap_[child], *t)) break;
      place(i, std::move(heap_[child]));
      i = child;
    }
    place(i, std::move(t));
  }
  void push(const std::shared_ptr<TimerState>& t) LOCKLAB_REQUIRES(mu_) {
    heap_.push_back(t);
    sift_up(heap_.size() - 1);
  }
  void remove(TimerState& t) LOCKLAB_REQUIRES(mu_) {
    const std::size_t i = t.heap_index;
    const std::size_t last = heap_.size() - 1;
    if (i == last) {
      heap_.pop_back();
      return;
    }
    // The last timer fills the hole, then moves whichever way restores order.
    place(i, std::move(heap_[last]));
    heap_.pop_back();
    TimerState* moved = heap_[i].get();
    sift_down(i);
    sift_up(moved->heap_index);
  }

  GuardMutex mu_;
  std::condition_variable_any cv_;  // the timer thread sleeps on it (with mu_)
  std::vector<std::shared_ptr<TimerState>> heap_ LOCKLAB_GUARDED_BY(mu_);  // armed timers
  std::uint64_t seq_ LOCKLAB_GUARDED_BY(mu_) = 0;
  bool stopping_ LOCKLAB_GUARDED_BY(mu_) = false;  // process exit: the thread ends
  std::thread thread_ LOCKLAB_GUARDED_BY(mu_);      // started with the first timer
};

std::atomic<std::int64_t>* live_timers_gauge() { return &Runtime::get().gauge(kLiveTimersGauge); }

std::shared_ptr<TimerState> start_timer(std::chrono::nanoseconds d, std::string_view timer_name,
                                        std::string_view chan_name, Site site, std::uint64_t key) {
  sched_point(SchedOp::kTimerStart, 0, site);
  ThreadRecord& self = Runtime::self();
  auto t = std::make_shared<TimerState>();
  t->id = register_object(ObjectKind::kTimer, timer_name);
  t->site = site;
  t->site_key = key;
  t->channel = std::make_shared<Chan<TimePoint>>(chan_name, 1);
  t->channel->ledger().set_external();  // the timer service feeds it
  TimerService::get().arm(t, d, live_timers_gauge());
  if (Runtime::recording())
    self.emit(EventKind::kTimerCreate, t->id, LockMode::kNone, key,
              static_cast<std::uint64_t>(std::max<std::int64_t>(0, d.count())), now_ticks());
  return t;
}

}  // namespace

// timer_service.h
void drop_run_timers() { TimerService::get().drop_all(); }
std::uint64_t next_timer_ticks() { return TimerService::get().next_deadline_ticks(); }
void fire_due_timers() { TimerService::get().fire_due(); }
std::uint64_t last_timer_ticks_upto(std::uint64_t limit) { return TimerService::get().last_deadline_ticks_upto(limit); }

}  // namespace detail

Timer::Timer(std::chrono::nanoseconds d, std::string_view name, Site site)
    : state_(detail::start_timer(d, name, name.empty() ? std::string() : std::string(name) + ".C", site,
                                 detail::charged_key(site, __builtin_return_address(0)))) {
  channel_ = state_->channel;
}

Timer::~Timer() = default;

bool Timer::stop(Site site) {
  detail::sched_point(SchedOp::kTimerStop, state_->id, site);
  const bool stopped = detail::TimerService::get().disarm(*state_);
  if (Runtime::recording())
    Runtime::self().emit(EventKind::kTimerStop, state_->id, LockMode::kNone, site.key(), stopped ? 1 : 0,
                         now_ticks());
  return stopped;
}

bool Timer::reset(std::chrono::nanoseconds d, Site site) {
  detail::sched_point(SchedOp::kTimerReset, state_->id, site);
  const bool was_active = detail::TimerService::get().arm(state_, d, detail::live_timers_gauge());
  if (Runtime::recording())
    Runtime::self().emit(EventKind::kTimerCreate, state_->id, LockMode::kNone, site.key(),
                         static_cast<std::uint64_t>(std::max<std::int64_t>(0, d.count())), now_ticks());
  return was_active;
}

std::uint32_t Timer::id() const noexcept { return state_->id; }

bool Timer::active() const { return detail::TimerService::get().armed(*state_); }

std::shared_ptr<Chan<TimePoint>> after(std::chrono::nanoseconds d, std::string_view name, Site site) {
  return detail::start_timer(d, name, name, site, detail::charged_key(site, __builtin_return_address(0)))->channel;
}

}  // namespace locklab
