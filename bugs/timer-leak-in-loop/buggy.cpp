// timer-leak-in-loop, buggy: a fresh after() timer in every iteration.
//
// Each pass through the loop arms a new idle timer. When a message wins the
// select (nearly always, in a busy period) nothing stops that timer: before
// Go 1.23 it stays in the runtime's timer heap, with its channel, until it
// fires `idle_after` later into a channel nobody reads. With a message
// every millisecond and a 100 ms idle timeout, about a hundred such timers
// are alive at any moment, all of them garbage.
#include "interface.h"
#include "locklab/sync/select.h"
#include "locklab/sync/timer.h"

namespace locklab::bugs::timer_leak_in_loop {

void serve_buggy(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on) {
  for (bool open = true; open;) {
    Select sel;
    sel.recv(msgs, [&](const Message& m, bool ok) {
      if (ok) on.message(m);
      else open = false;  // closed and drained
    });
    sel.recv(after(idle_after, "idle timer"), [&] { on.idle(); });  // <- a new timer, never stopped
    sel.wait();
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
