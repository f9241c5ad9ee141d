// Exercise timer-leak-in-loop: the learner's file. Yours to change.
//
// An event loop: it handles messages as they arrive, and calls on.idle()
// when no message came for `idle_after`. It runs until the message channel
// is closed and drained.
// Read README.md for what its users see, then make it right.
//
// Keep serve_exercise's name and signature: the grader builds your variant
// through it.
#include "interface.h"
#include "locklab/sync/select.h"
#include "locklab/sync/timer.h"

namespace locklab::bugs::timer_leak_in_loop {

void serve_exercise(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on) {
  for (bool open = true; open;) {
    Select sel;
    sel.recv(msgs, [&](const Message& m, bool ok) {
      if (ok) on.message(m);
      else open = false;  // closed and drained
    });
    sel.recv(after(idle_after, "idle timer"), [&] { on.idle(); });
    sel.wait();
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
