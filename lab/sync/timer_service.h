// Internal: the timer service's seams, for the layers that drive time. The
// service itself (timer.cpp) keeps the armed timers in a heap, fires them
// from its own OS thread in real runs, and registers with the core a
// begin-run hook that drops the previous run's timers
// (detail::add_begin_run_hook, core/runtime.h).
//
// Users: the controlled scheduler (lab/sched), which owns virtual time and
// fires due timers itself, and the controlled driver, which drops a run's
// timers before real time returns.
#pragma once

#include <cstdint>

namespace locklab::detail {

/// The earliest armed timer's deadline in (virtual) ticks; 0: none armed.
std::uint64_t next_timer_ticks();
/// The latest armed timer's deadline, in ticks, that is not after `limit`;
/// 0: none.
std::uint64_t last_timer_ticks_upto(std::uint64_t limit);
/// Fires every armed timer whose deadline the clock has reached.
void fire_due_timers();
/// Forgets every armed timer without firing it.
void drop_run_timers();

}  // namespace locklab::detail
