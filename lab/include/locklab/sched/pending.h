// What each thread will do next, asked during a decision of a controlled
// run: the raw material of step mode (step_session.h), where a person picks
// the next thread knowing the line each one is about to execute.
//
// A thread that reached a scheduling point is stopped just before the
// operation it names (a lock, a send, ...); a thread whose wait was woken
// resumes that wait; a thread not yet started "starts". Only valid inside
// Strategy::pick of a running controlled run, on the run's own thread.
#pragma once

#include <cstdint>
#include <optional>

#include "locklab/sched/controlled.h"

namespace locklab::sched {

/// The step `thread` takes if picked now (`preemption` is left false), or
/// nullopt outside a controlled run's decision or for an ended thread.
std::optional<Step> pending_step(std::uint16_t thread) noexcept;

}  // namespace locklab::sched
