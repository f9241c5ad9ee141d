#include "controller.h"

#include <algorithm>

#include "sync/timer_service.h"
#include "locklab/core/clock.h"
#include "locklab/core/runtime.h"

namespace locklab::sched::detail {
namespace {

// The controller of the controlled run on this OS thread. Thread-local: a
// controlled run owns the OS thread that drives it; any other thread of the
// process (a real timer thread, a test's helper) sees none.
thread_local Controller* tl_active = nullptr;

Controller& require_active() noexcept {
  Controller* c = tl_active;
  if (!c) fatal("a controlled-mode hook was called outside the controlled run's thread");
  return *c;
}

}  // namespace

Controller::Controller(Strategy& strategy, RunContext& ctx, Limits limits)
    : strategy_(strategy), ctx_(ctx), limits_(limits), draws_(strategy.draws_choices()) {
  if (tl_active) fatal("a controlled run is already active on this thread");
  tl_active = this;
  steps_.reserve(256);
}

Controller::~Controller() {
  tl_active = nullptr;
  for (const auto& t : threads_)
    if (t && !t->done) fatal("a controlled run ended with a lab thread still running");
}

Controller* Controller::active() noexcept { return tl_active; }

void Controller::spawn(ThreadRecord& record, std::function<void(ThreadRecord&)> body) {
  const std::uint16_t id = record.id();
  if (threads_.size() <= id) threads_.resize(id + 1u);
  auto t = std::make_unique<Thread>();
  t->record = &record;
  t->body = std::move(body);
  t->fiber = std::make_unique<Fiber>(&Controller::entry, t.get());
  threads_[id] = std::move(t);
  order_.push_back(id);
}

void Controller::entry(void* p) noexcept {
  auto* t = static_cast<Thread*>(p);
  try {
    t->body(*t->record);
  } catch (...) {
    fatal("an exception left a lab thread's body in a controlled run");
  }
  t->done = true;
  Controller& c = require_active();
  Fiber::switch_to(*t->fiber, c.home_, /*from_ends=*/true);
  fatal("an ended fiber was resumed");
}

Controller::Thread* Controller::find(const ThreadRecord& record) noexcept {
  const std::uint16_t id = record.id();
  if (id >= threads_.size() || !threads_[id] || threads_[id]->record != &record) return nullptr;
  return threads_[id].get();
}

void Controller::resume(Thread& t) noexcept {
  current_ = &t;
  ThreadRecord* home_record = Runtime::exchange_current(t.record);
  Fiber::switch_to(home_, *t.fiber);
  Runtime::exchange_current(home_record);
  current_ = nullptr;
}

void Controller::to_scheduler(Thread& t) noexcept { Fiber::switch_to(*t.fiber, home_); }

bool Controller::all_done() const noexcept {
  for (const std::uint16_t id : order_)
    if (!threads_[id]->done) return false;
  return true;
}

bool Controller::timers_due() noexcept {
  const std::uint64_t next = locklab::detail::next_timer_ticks();
  return next != 0 && next <= now_ticks();
}

bool Controller::advance_time() {
  std::uint64_t next = locklab::detail::next_timer_ticks();
  for (const std::uint16_t id : order_) {
    const Thread& t = *threads_[id];
    if (!t.done && t.blocked && t.deadline != 0 && (next == 0 || t.deadline < next)) next = t.deadline;
  }
  if (next == 0) return false;
  if (draws_) {
    // Deadlines within the slack of the earliest are one instant: the clock
    // goes to the latest of them (nobody wakes early; the others are late
    // by at most the slack, as on a real kernel), and the strategy orders
    // what happens there.
    const std::uint64_t window = next + TickClock::get().ticks_for_ns(kDeadlineSlackNs);
    std::uint64_t until = next;
    for (const std::uint16_t id : order_) {
      const Thread& t = *threads_[id];
      if (!t.done && t.blocked && t.deadline != 0 && t.deadline <= window && t.deadline > until) until = t.deadline;
    }
    until = std::max(until, locklab::detail::last_timer_ticks_upto(window));
    next = until;
  }
  locklab::detail::virtual_clock_advance(next);
  const std::uint64_t now = now_ticks();
  for (const std::uint16_t id : order_) {
    Thread& t = *threads_[id];
    if (!t.done && t.blocked && t.deadline != 0 && t.deadline <= now) {
      t.blocked = false;
      t.deadline = 0;
    }
  }
  // Drawing strategies fire due timers as a decision (drive()).
  if (!draws_) locklab::detail::fire_due_timers();  // may wake receivers (wake())
  return true;
}

Controller::End Controller::drive(const std::function<bool()>& failed) {
  const std::uint64_t origin = now_ticks();
  const std::uint64_t stop_at = limits_.stop_at_ticks ? origin + limits_.stop_at_ticks : 0;
  for (;;) {
    if (failed && failed()) return End::kFailure;
    runnable_.clear();
    if (draws_ && timers_due()) runnable_.push_back(kTimersId);  // first: ids ascend
    for (const std::uint16_t id : order_) {
      const Thread& t = *threads_[id];
      if (!t.done && !t.blocked) runnable_.push_back(id);
    }
    if (runnable_.empty()) {
      if (all_done()) return End::kAllEnded;
      if (!advance_time()) return End::kDeadlock;
      continue;
    }
    std::sort(runnable_.begin(), runnable_.end());
    if (passed_over_.size() < threads_.size()) passed_over_.resize(threads_.size(), 0);
    if (!contains(runnable_, kTimersId) && !passed_over_.empty()) passed_over_[kTimersId] = 0;
    const std::uint64_t n = steps_.size();
    if (!stopped_ && (n >= limits_.stop_after_steps || (stop_at && now_ticks() >= stop_at))) {
      ctx_.request_stop();
      stopped_ = true;
    }
    if (n >= limits_.max_steps) return End::kStepLimit;
    Choice c;
    c.runnable = runnable_;
    const std::uint16_t current = contains(runnable_, last_) ? last_ : 0;
    c.current = current;
    c.step = n;
    // Fair scheduling (strategy.h): the thread passed over longest, once
    // past the bound, is the only choice. Not the strategy's preemption.
    std::uint16_t forced = 0;
    if (strategy_.fair()) {
      std::uint32_t longest = 0;
      bool any = false;
      for (const std::uint16_t r : runnable_)
        if (passed_over_[r] >= kFairnessBound && passed_over_[r] > longest) {
          longest = passed_over_[r];
          forced = r;
          any = true;
        }
      if (any) {
        c.runnable = std::span<const std::uint16_t>(&forced, 1);
        c.current = current == forced ? forced : 0;
      }
    }
    const std::uint16_t id = strategy_.pick(c);
    if (!contains(c.runnable, id)) fatal("strategy " + strategy_.name() + " picked a thread that cannot run");
    if (strategy_.fair()) {
      // Only a run of decisions at which it could run counts: a thread that
      // blocked starts again from zero.
      for (const std::uint16_t o : order_)
        if (threads_[o]->done || threads_[o]->blocked) passed_over_[o] = 0;
      for (const std::uint16_t r : runnable_) ++passed_over_[r];
      passed_over_[id] = 0;
    }
    if (id == kTimersId) {
      // Not a thread: the timers whose deadline has passed fire now (each
      // sends its tick or runs its callback's start; receivers wake).
      StepRecord s{kTimersId, SchedOp::kTimersFire, 0, 0, false, current != 0};
      preemptions_ += s.preemption ? 1 : 0;
      steps_.push_back(s);
      last_ = kTimersId;
      locklab::detail::fire_due_timers();
      continue;
    }
    Thread& t = *threads_[id];
    StepRecord s{id, t.op, t.object, t.site, t.resumed, current != 0 && id != current};
    preemptions_ += s.preemption ? 1 : 0;
    steps_.push_back(s);
    last_ = id;
    resume(t);
  }
}

void Controller::unwind() {
  unwinding_ = true;
  ctx_.request_stop();
  Runtime::get().cancel_all_waits();  // every park now returns kCancelled at once
  std::size_t next = 0;
  for (std::uint64_t rounds = 0; !all_done(); ++rounds) {
    // A thread that loops on free locks or yields, waiting for a flag a
    // cancelled thread would have set, never reaches a wait to cancel: past
    // this many rounds its next lock, send, receive or yield throws
    // Cancelled (sched_point.h).
    if (rounds == kForceUnwindRounds) locklab::detail::g_force_unwind.store(true, std::memory_order_relaxed);
    if (rounds > 10'000'000)
      fatal("lab threads did not unwind after cancellation in a controlled run (a loop that never waits?)");
    for (std::size_t k = 0; k < order_.size(); ++k) {
      Thread& t = *threads_[order_[(next + k) % order_.size()]];
      if (t.done) continue;
      t.blocked = false;
      next = (next + k + 1) % order_.size();
      resume(t);
      break;
    }
  }
  locklab::detail::g_force_unwind.store(false, std::memory_order_relaxed);
}

StepRecord Controller::pending(std::uint16_t id) const noexcept {
  if (id >= threads_.size() || !threads_[id] || threads_[id]->done) return {};
  const Thread& t = *threads_[id];
  return StepRecord{id, t.op, t.object, t.site, t.resumed, false};
}

void Controller::point(SchedOp op, std::uint32_t object, std::uint64_t site) noexcept {
  Thread* t = current_;
  if (!t) return;  // the runner's own context (a timer firing): not a lab thread's step
  t->op = op;
  t->object = object;
  t->site = site;
  t->resumed = false;
  to_scheduler(*t);
}

void Controller::block(ThreadRecord& self, std::uint64_t deadline) noexcept {
  Thread* t = current_;
  if (!t || t->record != &self) fatal("a thread outside the controlled run's fibers tried to park");
  t->blocked = true;
  t->deadline = deadline;
  t->resumed = true;
  to_scheduler(*t);
}

void Controller::wake(ThreadRecord& thread) noexcept {
  if (Thread* t = find(thread); t && t->blocked) {
    t->blocked = false;
    t->deadline = 0;
  }
}

void Controller::unwind_pause() noexcept { point(SchedOp::kYield, 0, 0); }

int Controller::choose(ChoiceKind kind, std::uint32_t options, std::uint32_t object, std::uint64_t site) noexcept {
  if (!draws_ || unwinding_ || !current_) return -1;
  DataChoice c;
  c.kind = kind;
  c.options = options;
  c.thread = current_->record->id();
  c.step = steps_.empty() ? 0 : steps_.size() - 1;
  const std::uint32_t value = strategy_.choose(c);
  if (value >= options)
    fatal("strategy " + strategy_.name() + " chose option " + std::to_string(value) + " of " + std::to_string(options));
  choices_.push_back(ChoiceRecord{c.step, c.thread, kind, options, value, object, site});
  return static_cast<int>(value);
}

// ---- the hook table (core/sched_hooks.h) --------------------------------------

namespace {

void hook_block(ThreadRecord& self, std::uint64_t deadline_ticks) noexcept {
  require_active().block(self, deadline_ticks);
}

void hook_wake(ThreadRecord& thread) noexcept {
  if (Controller* c = tl_active) c->wake(thread);
}

void hook_spawn(std::string name, std::function<void(ThreadRecord&)> body) {
  Controller& c = require_active();
  c.spawn(Runtime::get().register_lab_thread(std::move(name), /*bind=*/false), std::move(body));
}

void hook_point(SchedOp op, std::uint32_t object, std::uint64_t site) noexcept {
  if (Controller* c = tl_active) c->point(op, object, site);
}

void hook_unwind_pause() noexcept { require_active().unwind_pause(); }

int hook_choose(ChoiceKind kind, std::uint32_t options, std::uint32_t object, std::uint64_t site) noexcept {
  Controller* c = tl_active;
  return c ? c->choose(kind, options, object, site) : -1;
}

const locklab::detail::SchedHooks kControlledHooks{&hook_point, &hook_block, &hook_wake, &hook_spawn,
                                                   &hook_unwind_pause, &hook_choose};

}  // namespace

const locklab::detail::SchedHooks& controlled_hooks() noexcept { return kControlledHooks; }

}  // namespace locklab::sched::detail
