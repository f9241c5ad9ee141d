// StepProbe: the strategy behind step mode. It makes the recorded picks,
// then, at the first decision past them (the cut), records what every
// thread of the run looks like, and goes on as Replay does past the end of
// a schedule (the running thread if it can, else the lowest id) so the run
// ends by itself: its tail is the "no more preemptions" outcome.
//
// Reads the thread registry at the cut without touching the (virtual)
// clock, so the run is exactly the run Replay makes of the same picks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "locklab/sched/controlled.h"
#include "locklab/sched/strategy.h"
#include "locklab/core/thread_record.h"

namespace locklab::sched::detail {

/// One thread at the cut, as plain data (names resolved while the run lives).
struct ProbedThread {
  std::uint16_t id = 0;
  std::string name;
  ThreadState state = ThreadState::kRunning;
  bool runnable = false;
  std::optional<Step> next;          // runnable: what it does if picked
  std::optional<WaitSpec> wait;      // its published wait, if any
  std::string wait_object;           // the waited object's name
  struct Held {
    HeldLock lock;
    std::string object;
  };
  std::vector<Held> held;
  std::uint32_t events = 0;          // events recorded before the cut
};

class StepProbe final : public Strategy {
 public:
  explicit StepProbe(std::vector<std::uint16_t> picks) : picks_(std::move(picks)) {}
  std::string name() const override { return "step"; }
  bool next_schedule() override { return true; }
  std::uint16_t pick(const Choice& choice) override;
  /// Step mode steps threads by hand; timers fire when due and primitives
  /// draw their own choices from the run seed, as in a real run.
  bool draws_choices() const override { return false; }
  std::uint32_t choose(const DataChoice&) override { return 0; }  // never called
  void end_schedule(std::uint64_t) override {}

  /// The threads at the cut; empty if the run ended before it.
  const std::vector<ProbedThread>& cut() const noexcept { return cut_; }
  bool reached_cut() const noexcept { return reached_cut_; }
  /// Set when a recorded pick could not run: its index and the runnable ids.
  std::optional<std::size_t> bad_pick() const noexcept { return bad_pick_; }
  const std::vector<std::uint16_t>& runnable_at_bad_pick() const noexcept { return runnable_at_bad_; }

 private:
  void capture(const Choice& choice);

  std::vector<std::uint16_t> picks_;
  std::vector<ProbedThread> cut_;
  bool reached_cut_ = false;
  std::optional<std::size_t> bad_pick_;
  std::vector<std::uint16_t> runnable_at_bad_;
};

}  // namespace locklab::sched::detail
