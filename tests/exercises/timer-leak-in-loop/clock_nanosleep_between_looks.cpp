// expect: no-added-sleep
// reason: calls clock_nanosleep
// A lazy trick for exercise timer-leak-in-loop: drops the timer and polls, sleeping a millisecond between looks with clock_nanosleep.
// The grader must reject it for the property above.
#include <time.h>

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
    const timespec ms{0, 1'000'000};
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ms, nullptr);
    quiet += std::chrono::milliseconds(1);
    if (quiet >= idle_after) {
      on.idle();
      quiet = std::chrono::nanoseconds(0);
    }
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
