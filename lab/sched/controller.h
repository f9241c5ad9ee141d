// Controller: the controlled scheduler's engine for one run.
//
// Every lab thread of the run is a fiber (fiber.h) on the runner's OS
// thread; exactly one runs at a time. A fiber runs until it reaches a
// scheduling point (point.h), blocks (ThreadRecord::park) or ends, and then
// switches back here; drive() asks the strategy which runnable thread goes
// next and switches to it. A blocked thread is not runnable until unpark()
// (wake) or virtual time reaching its deadline. When no thread can run, the
// virtual clock jumps to the earliest deadline (a sleep, io, compute, timer,
// timed park); with none left, the run is deadlocked.
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
  std::uint16_t thread = 0;
  SchedOp op = SchedOp::kStart;  // what the thread did when it was picked
  std::uint32_t object = 0;
  std::uint64_t site = 0;        // Site key
  bool resumed = false;          // it resumed a wait (op is the waiting operation)
  bool preemption = false;       // picked while the running thread could go on
};

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
  std::vector<StepRecord> steps_;
  std::uint32_t preemptions_ = 0;
  std::vector<std::uint16_t> runnable_;          // scratch
  std::vector<std::uint32_t> passed_over_;       // by id: decisions in a row it could run and was not picked
};

/// The hooks a controlled run installs (core/sched_hooks.h): they forward to
/// the Controller active on the calling OS thread.
const locklab::detail::SchedHooks& controlled_hooks() noexcept;

}  // namespace locklab::sched::detail
