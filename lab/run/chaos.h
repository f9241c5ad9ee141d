// Chaos mode: real threads, shaken at scheduling points (seed 003 puts
// runtime.Gosched() calls in its tests to the same end). At each point a
// thread draws from its own seeded generator: about one point in four
// yields its core, one in sixty-four sleeps 1-50 µs. Interleavings that need
// a thread to be descheduled inside a short window become far more likely.
// The seed makes the sequence of draws repeatable, not the run (the OS
// still schedules the threads).
#pragma once

#include <cstdint>

#include "locklab/core/sched_point.h"

namespace locklab::detail {

/// Turns chaos mode on (for the next runs until chaos_off) with `seed`.
void chaos_on(std::uint64_t seed) noexcept;
void chaos_off() noexcept;
/// What a scheduling point does in chaos mode.
void chaos_point(SchedOp op) noexcept;

}  // namespace locklab::detail
