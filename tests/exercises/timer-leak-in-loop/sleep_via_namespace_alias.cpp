// expect: no-added-sleep
// reason: calls nanosleep (through void std::this_thread::sleep_for
// A lazy trick for exercise timer-leak-in-loop: drops the timer and polls, sleeping between looks through a namespace alias (`zz::sleep_for`) so that no source pattern matches.
// The grader must reject it for the property above.
#include <thread>

#include "interface.h"

namespace locklab::bugs::timer_leak_in_loop {

namespace zz = std::this_thread;

void serve_exercise(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on) {
  auto quiet = std::chrono::nanoseconds(0);
  for (bool open = true; open;) {
    if (auto r = msgs.try_recv()) {
      if (r->ok) on.message(r->value);
      else open = false;
      quiet = std::chrono::nanoseconds(0);
      continue;
    }
    zz::sleep_for(std::chrono::milliseconds(1));
    quiet += std::chrono::milliseconds(1);
    if (quiet >= idle_after) {
      on.idle();
      quiet = std::chrono::nanoseconds(0);
    }
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
