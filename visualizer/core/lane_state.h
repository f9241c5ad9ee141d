// What a lane's colours mean: the thread states the timeline distinguishes,
// and the lock-holding strip drawn along the top of each lane.
//
// The states come from the analyses' Activity, refined by what a blocked
// thread waits on: a channel, cond or select ("blocked") is part of the
// program's logic, while waiting for other threads to finish (join,
// WaitGroup, Once) is idle. Holding a lock is a second, independent fact
// (a thread in I/O may hold a lock others want: that is the
// lock-held-across-io bug), so it gets its own strip instead of hiding the
// state under it.
#pragma once

#include <cstdint>
#include <string_view>

#include "locklab/analysis/analyses.h"
#include "locklab/trace/trace.h"

namespace locklab::viz {

enum class LaneState : std::uint8_t {
  kRunning = 0,
  kCompute = 1,
  kIo = 2,
  kSleeping = 3,
  kWaitLock = 4,   // waiting to acquire a lock
  kBlocked = 5,    // channel, cond, select, semaphore, pool submit
  kIdle = 6,       // waiting for other threads: join, WaitGroup, Once
  kUnknown = 7,    // events were dropped: the trace does not know
};
inline constexpr int kLaneStateCount = 8;

enum class HoldState : std::uint8_t {
  kHeld = 0,        // holds a lock nobody waited for meanwhile
  kContended = 1,   // holds a lock someone waited for: the cause of waits
};
inline constexpr int kHoldStateCount = 2;

/// The lane state of one interval of thread_timelines().
LaneState lane_state(const StateInterval& s, const Trace& trace) noexcept;

/// Short names for legends and tooltips.
std::string_view to_string(LaneState s) noexcept;
std::string_view to_string(HoldState s) noexcept;
/// One line saying what the colour means, for the legend's tooltip.
std::string_view describe(LaneState s) noexcept;

/// Colours (ImGui's packed ABGR, IM_COL32 order) chosen to read on the dark
/// theme and on a projector: waits are the warm, loud colours; work is cool.
std::uint32_t color_of(LaneState s) noexcept;
std::uint32_t color_of(HoldState s) noexcept;

}  // namespace locklab::viz
