// Internal: the hook table through which the core layer calls up into a
// scheduler it does not know (the controlled scheduler of lab/sched, the
// chaos shaker of lab/run). The core owns this interface; the higher layer
// fills it in and installs it, together with the mode, for the length of a
// run (set_sched_mode). With the mode kOff no hook is ever called.
//
// Each hook is valid only while its mode is installed. In controlled mode
// they run on the scheduler's OS thread (the fibers run on it).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "locklab/core/sched_point.h"
#include "locklab/core/thread_record.h"

namespace locklab::detail {

struct SchedHooks {
  /// A scheduling point of the calling thread (chaos and controlled).
  void (*point)(SchedOp op, std::uint32_t object, std::uint64_t site) noexcept = nullptr;
  /// Controlled only. ThreadRecord::park: the calling fiber blocks until
  /// wake() or, if `deadline_ticks` is not 0, until virtual time reaches it.
  void (*block_current)(ThreadRecord& self, std::uint64_t deadline_ticks) noexcept = nullptr;
  /// Controlled only. ThreadRecord::unpark: `thread` becomes runnable.
  void (*wake)(ThreadRecord& thread) noexcept = nullptr;
  /// Controlled only. RunContext::go: starts `body` as a new fiber `name`.
  void (*spawn)(std::string name, std::function<void(ThreadRecord&)> body) = nullptr;
  /// Controlled only. pause_while_unwinding: lets the other fibers run.
  void (*unwind_pause)() noexcept = nullptr;
  /// Controlled only. sched_choose: the strategy's pick among `options`, or
  /// -1 when it leaves the choice to the primitive.
  int (*choose)(ChoiceKind kind, std::uint32_t options, std::uint32_t object, std::uint64_t site) noexcept = nullptr;
};

/// Installs `mode` with `hooks` (which must outlive the mode; null only with
/// kOff). A driver installs its mode when a run starts and kOff when it ends.
void set_sched_mode(SchedMode mode, const SchedHooks* hooks) noexcept;
/// The installed hooks (valid while the mode is not kOff).
const SchedHooks& sched_hooks() noexcept;

}  // namespace locklab::detail
