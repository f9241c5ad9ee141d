#include "lane_state.h"

#include "imgui.h"

namespace locklab::viz {

LaneState lane_state(const StateInterval& s, const Trace& trace) noexcept {
  switch (s.activity) {
    case Activity::kRunning: return LaneState::kRunning;
    case Activity::kCompute: return LaneState::kCompute;
    case Activity::kIo: return LaneState::kIo;
    case Activity::kSleeping: return LaneState::kSleeping;
    case Activity::kWaitLock: return LaneState::kWaitLock;
    case Activity::kUnknown: return LaneState::kUnknown;
    case Activity::kBlocked: break;
  }
  // A join waits on no object; WaitGroup and Once waits are for other
  // threads' progress, not for a resource.
  if (s.object == 0) return LaneState::kIdle;
  const ObjectInfo* o = trace.object(s.object);
  if (o && (o->kind == ObjectKind::kWaitGroup || o->kind == ObjectKind::kOnce || o->kind == ObjectKind::kThread))
    return LaneState::kIdle;
  return LaneState::kBlocked;
}

std::string_view to_string(LaneState s) noexcept {
  switch (s) {
    case LaneState::kRunning: return "running";
    case LaneState::kCompute: return "compute";
    case LaneState::kIo: return "I/O";
    case LaneState::kSleeping: return "sleeping";
    case LaneState::kWaitLock: return "waiting for a lock";
    case LaneState::kBlocked: return "blocked";
    case LaneState::kIdle: return "idle wait";
    case LaneState::kUnknown: return "not recorded";
  }
  return "?";
}

std::string_view to_string(HoldState s) noexcept {
  switch (s) {
    case HoldState::kHeld: return "holding a lock";
    case HoldState::kContended: return "holding a lock others want";
  }
  return "?";
}

std::string_view describe(LaneState s) noexcept {
  switch (s) {
    case LaneState::kRunning: return "on the CPU, between recorded operations";
    case LaneState::kCompute: return "simulated CPU work (compute)";
    case LaneState::kIo: return "simulated disk or network I/O (io): off the CPU, but busy";
    case LaneState::kSleeping: return "sleeping on purpose (a pause in the workload)";
    case LaneState::kWaitLock: return "parked until a Mutex or RWMutex is free";
    case LaneState::kBlocked: return "parked on a channel, cond, select, semaphore or pool";
    case LaneState::kIdle: return "waiting for other threads: join, WaitGroup, Once";
    case LaneState::kUnknown: return "nothing is known here: the thread's event budget was full (events were dropped), or the trace ends "
             "before the thread's next event (a run still going, crashed, or a damaged file)";
  }
  return "";
}

std::uint32_t color_of(LaneState s) noexcept {
  switch (s) {
    case LaneState::kRunning: return IM_COL32(70, 167, 88, 255);
    case LaneState::kCompute: return IM_COL32(38, 120, 96, 255);
    case LaneState::kIo: return IM_COL32(62, 123, 250, 255);
    // Sleeping, idle wait and not recorded must stay apart on a projector:
    // a pale cyan, a mid grey, and near-black (hatched where wide enough).
    case LaneState::kSleeping: return IM_COL32(120, 184, 200, 255);
    case LaneState::kWaitLock: return IM_COL32(229, 72, 77, 255);
    case LaneState::kBlocked: return IM_COL32(171, 99, 219, 255);
    case LaneState::kIdle: return IM_COL32(84, 88, 98, 255);
    case LaneState::kUnknown: return IM_COL32(30, 30, 34, 255);
  }
  return IM_COL32(255, 0, 255, 255);
}

std::uint32_t color_of(HoldState s) noexcept {
  switch (s) {
    case HoldState::kHeld: return IM_COL32(225, 225, 225, 120);  // faint: nobody waited
    case HoldState::kContended: return IM_COL32(255, 178, 36, 255);
  }
  return IM_COL32(255, 0, 255, 255);
}

}  // namespace locklab::viz
