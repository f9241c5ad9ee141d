// timer-leak-in-loop, fixed: one idle timer for the whole loop, stopped and
// re-armed at the top of every iteration.
//
// Re-arming follows Go's rule for Reset (before 1.23): only reset a timer
// that is stopped and whose channel is empty. If stop() finds the timer
// already fired, its value may still sit in the channel (it fired just as
// a message won the select); take it out without blocking, or the next
// select would see a stale timeout at once. At most one timer per listener
// is ever alive.
#include "interface.h"
#include "locklab/sync/select.h"
#include "locklab/sync/timer.h"

namespace locklab::bugs::timer_leak_in_loop {
namespace {

// Go's `defer t.Stop()`: the timer does not outlive the loop, whichever way
// the loop ends.
struct StopOnExit {
  Timer& timer;
  ~StopOnExit() { timer.stop(); }
};

}  // namespace

void serve_fixed(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on) {
  Timer idle(idle_after, "idle timer");
  const StopOnExit stop_on_exit{idle};
  for (bool open = true; open;) {
    if (!idle.stop()) (void)idle.C().try_recv();  // drain a value that fired meanwhile, if any
    idle.reset(idle_after);
    Select sel;
    sel.recv(msgs, [&](const Message& m, bool ok) {
      if (ok) on.message(m);
      else open = false;
    });
    sel.recv(idle.C(), [&] { on.idle(); });
    sel.wait();
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
