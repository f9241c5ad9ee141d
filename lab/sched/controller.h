// Controller: the controlled scheduler's engine for one run.
//
// Every lab thread of the run is a fiber (fiber.h) on the runner's OS
// thread; exactly one runs at a time. A fiber runs until it reaches a
// scheduling point (point.h), blocks (ThreadRecord::park) or ends, and then
// switches back here; drive() asks the strategy which runnable thread goes
// next and switches to it. A blocked thread is not runnable until unpark()
// (wake) or virtual time reaching its deadline. When no thread can run, the
// virtual clock jumps to the earliest deadline (a sleep, io, compute, timer,
// timed park); with none left, the run is deadlocked. Timers that are due
// fire when the strategy picks kTimersId (strategy.h), so threads woken at
// the same instant, or still running, may go first; with a strategy that
// does not draw choices they fire as soon as the clock reaches them.
//
// Threads are known by their ThreadRecord id, created when the thread is
// spawned (in a deterministic order), so a schedule's steps name the same
// threads on every replay.
//
// Single-threaded by construction: every member is touched only on the
// runner's OS thread (by drive() or by the fiber it is running).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/sched_hooks.h"
#include "fiber.h"
#include "locklab/core/run_context.h"
#include "locklab/core/sched_point.h"
#include "locklab/sched/strategy.h"
#include "locklab/core/thread_record.h"

namespace locklab::sched::detail {

/// One decision of a run, in words' raw material.
struct StepRecord {
  std::uint16_t thread = 0;      // kTimersId: the due timers fired (op kTimersFire)
  SchedOp op = SchedOp::kStart;  // what the thread did when it was picked
  std::uint32_t object = 0;
  std::uint64_t site = 0;        // Site key
  bool resumed = false;          // it resumed a wait (op is the waiting operation)
  bool preemption = false;       // picked while the running thread could go on
};

/// One choice made inside a step (strategy.h DataChoice), with its answer.
struct ChoiceRecord {
  std::uint64_t step = 0;        // index of the step it was made in
  std::uint16_t thread = 0;
  ChoiceKind kind = ChoiceKind::kSelectCase;
  std::uint32_t options = 0;
  std::uint32_t value = 0;
  std::uint32_t object = 0;
  std::uint64_t site = 0;
};

/// Deadlines (sleeps, timed waits, timers) this close to the earliest one
/// count as the same instant of virtual time under a strategy that draws
/// choices: the order of what wakes there is the strategy's. 50 µs is Linux's
/// default timer slack for an ordinary thread, the jitter a real run has
/// anyway; without it, two deadlines a rounding apart would always fire in
/// one order.
inline constexpr std::uint64_t kDeadlineSlackNs = 50'000;

/// Rounds of unwinding after which a thread that has not ended is forced out
/// at its next blocking operation (detail::g_force_unwind).
inline constexpr std::uint64_t kForceUnwindRounds = 100'000;

class Controller {
 public:
  enum class End : std::uint8_t {
    kAllEnded,    // every thread ended
    kDeadlock,    // threads remain, none can run, nothing pending in time
    kFailure,     // `failed()` said so after a step (a primitive raised one)
    kStepLimit,   // the hard step bound passed (no end in sight: livelock?)
  };

  struct Limits {
    std::uint64_t stop_after_steps = 2000;  // then RunContext::request_stop()
    std::uint64_t max_steps = 20000;        // then End::kStepLimit
    std::uint64_t stop_at_ticks = 0;        // virtual time at which to request a stop (0: never)
  };

  Controller(Strategy& strategy, RunContext& ctx, Limits limits);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  /// The controller of the running controlled run (nullptr outside one).
  static Controller* active() noexcept;

  /// Adds a thread: `record` is its (unbound) record, `body` its code.
  void spawn(ThreadRecord& record, std::function<void(ThreadRecord&)> body);

  /// Runs decisions until the run ends one way or another.
  End drive(const std::function<bool()>& failed);
  /// After drive() returned anything but kAllEnded: cancels every wait and
  /// runs the threads (round-robin, no strategy, no steps recorded) until
  /// they have all unwound.
  void unwind();

  const std::vector<StepRecord>& steps() const noexcept { return steps_; }
  const std::vector<ChoiceRecord>& choices() const noexcept { return choices_; }
  std::uint32_t preemptions() const noexcept { return preemptions_; }
  /// What thread `id` does when it is next picked (its latest scheduling
  /// point, or the wait it resumes); `thread` 0 if no such live thread.
  /// For step mode (pending.h): read during a decision.
  StepRecord pending(std::uint16_t id) const noexcept;

  // ---- fiber side (hooks.h) ----------------------------------------------
  void point(SchedOp op, std::uint32_t object, std::uint64_t site) noexcept;
  void block(ThreadRecord& self, std::uint64_t deadline) noexcept;
  void wake(ThreadRecord& thread) noexcept;
  void unwind_pause() noexcept;
  /// sched_choose: the strategy's answer, or -1 when it does not draw choices
  /// (or while unwinding: then the primitive's own draw).
  int choose(ChoiceKind kind, std::uint32_t options, std::uint32_t object, std::uint64_t site) noexcept;

 private:
  struct Thread {
    ThreadRecord* record = nullptr;
    std::function<void(ThreadRecord&)> body;
    std::unique_ptr<Fiber> fiber;
    bool done = false;
    bool blocked = false;
    std::uint64_t deadline = 0;  // virtual ticks; 0 none (while blocked)
    SchedOp op = SchedOp::kStart;
    std::uint32_t object = 0;
    std::uint64_t site = 0;
    bool resumed = false;
  };
  static void entry(void* thread) noexcept;
  Thread* find(const ThreadRecord& record) noexcept;
  void resume(Thread& t) noexcept;
  void to_scheduler(Thread& t) noexcept;
  bool all_done() const noexcept;
  /// Wakes threads whose deadline passed and fires due timers after the
  /// clock jumped; false when nothing is pending in time.
  bool advance_time();
  /// A timer's deadline has been reached and it has not fired yet.
  static bool timers_due() noexcept;

  Strategy& strategy_;
  RunContext& ctx_;
  Limits limits_;
  Fiber home_;                                   // the runner's own context
  std::vector<std::unique_ptr<Thread>> threads_;  // index: record id (sparse)
  std::vector<std::uint16_t> order_;             // ids in spawn order
  Thread* current_ = nullptr;                    // the fiber running now
  std::uint16_t last_ = 0;                       // who ran the latest step
  bool stopped_ = false;
  bool unwinding_ = false;
  const bool draws_;                             // strategy_.draws_choices()
  std::vector<StepRecord> steps_;
  std::vector<ChoiceRecord> choices_;
  std::uint32_t preemptions_ = 0;
  std::vector<std::uint16_t> runnable_;          // scratch
  std::vector<std::uint32_t> passed_over_;       // by id: decisions in a row it could run and was not picked
};

/// The hooks a controlled run installs (core/sched_hooks.h): they forward to
/// the Controller active on the calling OS thread.
const locklab::detail::SchedHooks& controlled_hooks() noexcept;

}  // namespace locklab::sched::detail
