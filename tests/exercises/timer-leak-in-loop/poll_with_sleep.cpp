// expect: no-added-sleep
// A plausible wrong fix of exercise timer-leak-in-loop: drops the timer: polls the channel and sleeps a millisecond between looks.
// The grader must reject it for the property above.
#include "interface.h"
#include "locklab/sync/work.h"
#include "locklab/sync/select.h"
#include "locklab/sync/timer.h"

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
    sleep_for(std::chrono::milliseconds(1));
    quiet += std::chrono::milliseconds(1);
    if (quiet >= idle_after) {
      on.idle();
      quiet = std::chrono::nanoseconds(0);
    }
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
