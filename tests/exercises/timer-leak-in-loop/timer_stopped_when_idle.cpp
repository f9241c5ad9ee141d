// expect: oracle
// A plausible wrong fix of exercise timer-leak-in-loop: a Timer per iteration, stopped only when it fired.
// The grader must reject it for the property above.
#include <memory>
#include <vector>

#include "interface.h"
#include "locklab/sync/select.h"
#include "locklab/sync/timer.h"

namespace locklab::bugs::timer_leak_in_loop {

namespace {
std::vector<std::shared_ptr<Timer>> keep_;  // "in case a late tick still needs it"
}  // namespace

void serve_exercise(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on) {
  for (bool open = true; open;) {
    Select sel;
    sel.recv(msgs, [&](const Message& m, bool ok) {
      if (ok) on.message(m);
      else open = false;  // closed and drained
    });
    auto idle = std::make_shared<Timer>(idle_after, "idle timer");
    sel.recv(idle->C(), [&] {
      on.idle();
      idle->stop();
    });
    keep_.push_back(idle);
    sel.wait();
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
