// expect: no-added-sleep
// reason: calls poll
// A lazy trick for exercise timer-leak-in-loop: drops the timer and polls the channel, waiting a millisecond between looks with `::poll(nullptr, 0, 1)`.
// The grader must reject it for the property above.
#include <poll.h>

#include "interface.h"

namespace locklab::bugs::timer_leak_in_loop {

void serve_exercise(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on) {
  auto quiet = std::chrono::nanoseconds(0);
  for (bool open = true; open;) {
    if (auto r = msgs.try_recv()) {
      if (r->ok) on.message(r->value);
      else open = false;
      quiet = std::chrono::nanoseconds(0);
      continue;
    }
    ::poll(nullptr, 0, 1);
    quiet += std::chrono::milliseconds(1);
    if (quiet >= idle_after) {
      on.idle();
      quiet = std::chrono::nanoseconds(0);
    }
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
