// Timer and after(): Go's time.NewTimer and time.After, as Go had them
// before 1.23, instrumented. The lab counts live timers (the gauge "live
// timers", sampled over the run): the leaked-timer bug is about them.
//
//   Timer t(200ms, "Conn.idle");     // time.NewTimer(200 * time.Millisecond)
//   t.C().recv();                    // <-t.C: the time it fired
//   t.stop();                        // t.Stop()
//   t.reset(50ms);                   // t.Reset(50 * time.Millisecond)
//   sel.recv(after(1s), ...);        // case <-time.After(time.Second)
//
//   Timer(d)    arms a timer: after d, the current time is sent on C(), a
//               channel of capacity 1, once. Never blocks.
//   C()         the channel. Go never closes a timer's channel, and neither
//               does locklab: a receive after the one value blocks. Only
//               receive from it (Go's is receive-only): closing it makes the
//               timer's send a Go panic.
//   stop()      disarms it. True if that stopped it; false if it had already
//               fired or been stopped. It does not drain C(): a value sent
//               before stop() stays there (Go's "if !t.Stop() { <-t.C }").
//   reset(d)    re-arms it to fire d from now. True if it had been active
//               (armed), false if it had fired or been stopped. It does not
//               drain C() either: after reset() on a fired timer whose value
//               nobody received, the next receive gets the stale value at
//               once. Go's rule: reset only stopped or drained timers.
//   after(d)    a new timer nobody can stop; returns its channel (shared: the
//               channel stays valid as long as anyone holds it).
//   None of these block; stop() and reset() may be called from any thread.
//   Destroying a Timer does not stop it (see the gauge below).
//
// Live timers, Go before 1.23: a timer is live from creation (or a reset
// that re-armed it) until it fires or is stopped, whether or not anything
// still refers to it: the runtime's timer heap holds it. So after(d) in a
// loop whose select usually takes another case leaves a trail of live
// timers, each holding its channel, until each fires: the gauge rises with
// the loop and falls only as they expire. That is the bug; stop() on a
// NewTimer (or a reused timer) is the fix.
//
// What Go 1.23 changed (and locklab does not model): timers and tickers no
// longer referenced by the program can be collected before they fire or are
// stopped, so the after()-in-a-loop pattern no longer leaks; and a timer's
// channel became synchronous (unbuffered), so after stop() or reset()
// returns no stale value is ever received. The lab keeps the old rules,
// under which the catalogue's timer bugs happen.
//
// How timers fire: one timer thread per process (started with the first
// timer; stopped and joined at exit), not a lab thread: it sleeps on a
// condition variable until the earliest deadline of a min-heap, then sends
// on the due timers' channels without blocking (a full channel drops the
// value, as Go's sendTime does). The heap shares ownership of each armed
// timer's state and channel, so a timer whose Timer object died still fires
// safely. The watchdog ignores the timer thread (it shows in traces as an
// adopted thread). A run's timers belong to it: when the next run begins,
// any still armed are dropped (they never fire into the new run).
//
// Recording: kTimerCreate (arg: d in ns) when a timer is armed by creation or
// reset(), kTimerStop when stop() disarms it (on the calling thread), and
// kTimerFire (arg: how late it fired, in ns) on the timer thread, followed
// by the send on C().
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "locklab/sync/chan.h"
#include "locklab/core/site.h"

namespace locklab {

/// The gauge (Runtime::gauge) counting the run's armed timers: the runner
/// treats a live timer as progress still to come (Go's deadlock check does too).
inline constexpr const char* kLiveTimersGauge = "live timers";

/// What a timer's channel carries: the time it fired (Go's time.Time).
using TimePoint = std::chrono::steady_clock::time_point;

namespace detail {
struct TimerState;
}

class Timer {
 public:
  explicit Timer(std::chrono::nanoseconds d, std::string_view name = {}, Site site = Site::current());
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  /// Leaves the timer armed (Go before 1.23): it still fires, into a
  /// channel nobody may read, and counts as live until then.
  ~Timer();

  Chan<TimePoint>& C() const noexcept { return *channel_; }
  /// The channel, shared (for a select that must outlive this Timer).
  std::shared_ptr<Chan<TimePoint>> channel() const noexcept { return channel_; }

  bool stop(Site site = Site::current());
  bool reset(std::chrono::nanoseconds d, Site site = Site::current());

  std::uint32_t id() const noexcept;
  /// True while armed (a moment's snapshot).
  bool active() const;

 private:
  std::shared_ptr<Chan<TimePoint>> channel_;
  std::shared_ptr<detail::TimerState> state_;
};

/// time.After: a timer nobody can stop; its channel. `name` names both.
std::shared_ptr<Chan<TimePoint>> after(std::chrono::nanoseconds d, std::string_view name = "time.After",
                                       Site site = Site::current());

}  // namespace locklab
