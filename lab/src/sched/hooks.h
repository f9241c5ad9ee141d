// Internal: where the rest of the lab calls into the controlled scheduler.
// Each is valid only while detail::controlled() is true, on the scheduler's
// OS thread (the fibers run on it).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "locklab/sched/point.h"
#include "locklab/thread_record.h"

namespace locklab::sched::detail {

/// ThreadRecord::park: the calling fiber blocks until wake() or, if
/// `deadline_ticks` is not 0, until virtual time reaches it.
void block_current(ThreadRecord& self, std::uint64_t deadline_ticks) noexcept;
/// ThreadRecord::unpark: `thread` becomes runnable (if it is a fiber of the run).
void wake(ThreadRecord& thread) noexcept;
/// RunContext::go: starts `body` as a new fiber named `name`.
void spawn(std::string name, std::function<void(ThreadRecord&)> body);
/// A scheduling point of the calling fiber.
void point(SchedOp op, std::uint32_t object, std::uint64_t site) noexcept;
/// pause_while_unwinding in controlled mode: lets the other fibers run.
void unwind_pause() noexcept;

}  // namespace locklab::sched::detail

namespace locklab::detail {
/// timer.cpp: the earliest armed timer's deadline in virtual ticks (0: none),
/// and firing the timers that are due by the virtual clock.
std::uint64_t next_timer_ticks();
void fire_due_timers();
void drop_run_timers();
}  // namespace locklab::detail
