// timer-leak-in-loop: the catalogue entry.
#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::timer_leak_in_loop {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "timer-leak-in-loop";
  bug.title = "A new time.After timer in every loop iteration";
  bug.family = "channel misuse";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kMessagePassing;
  bug.seed = "002 bug 6";
  bug.symptom =
      "the live timers gauge climbs to about idle timeout / message interval (a hundred with the defaults), "
      "because every iteration arms a timer nobody stops; one timer stopped and reset keeps it at one per "
      "listener";
  bug.cause = SymptomCause::kRealTime;
  bug.cause_note = "a gauge of live timers sampled as real time passes";
  bug.default_threads = 1;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"msg_every_ms", "milliseconds between two messages while the sender is busy", 1, 0.05, 1000, false},
      {"idle_ms", "the idle timeout: milliseconds without a message before idle() runs", 100, 1, 10000, true},
      {"busy_ms", "milliseconds the sender sends before each quiet period", 400, 1, 600000, true},
      {"quiet_ms", "milliseconds of each quiet period (longer than idle_ms: idle() runs)", 150, 0, 600000, true},
  };
  bug.variants = {
      {"buggy", "select on msgs and on a fresh after(idle) each iteration; the timers are never stopped", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &serve_buggy); }},
      {"fixed", "one Timer for the loop: stop, drain, reset at the top of each iteration", false, {"fixed.cpp"},
       [](RunContext& ctx) { run(ctx, &serve_fixed); }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::timer_leak_in_loop
