#include "run_options.h"

#include <CLI/CLI.hpp>

namespace locklab::cli {

void add_run_options(CLI::App& sub, RunOptions& o, bool full) {
  sub.add_option("--threads,-t", o.threads, "Worker threads, 1 to 256 (default: the bug's)")->type_name("N");
  sub.add_option("--duration,-d", o.duration, "Milliseconds each run lasts, 1 to 600000 (default: the bug's)")
      ->type_name("MS");
  if (!full) return;
  sub.add_option("--param,-p", o.params, "A parameter as name=value (repeatable; or a=1,b=2)")
      ->allow_extra_args(false)
      ->type_name("NAME=VALUE");
  sub.add_option("--seed", o.seed, "Seed for the workload's random choices (default 1)")->type_name("S");
  sub.add_option("--watchdog", o.watchdog, "End a run after this many ms without progress (default 2000)")
      ->type_name("MS");
  sub.add_option("--spurious-wakeups", o.spurious_wakeups,
                 "Probability in [0, 1] that a Cond wait wakes without a signal (default 0)")
      ->type_name("P");
  sub.add_flag("--no-record", o.no_record, "Record no events (counters and figures stay exact)");
  sub.add_flag("--chaos", o.chaos,
               "Chaos mode: threads yield or sleep a few microseconds at random scheduling points (from --seed), "
               "to shake out rare interleavings");
  sub.add_option("--events-per-thread", o.events_per_thread,
                 "Event budget of each thread (32 bytes an event; default 524288)")
      ->type_name("N");
}

nlohmann::json settings_json(const BugInfo& bug, const RunConfig& c) {
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [k, v] : resolve_params(bug, c)) params[k] = v;
  return {{"threads", effective_threads(bug, c)},
          {"duration_ms", effective_duration_ms(bug, c)},
          {"seed", c.seed},
          {"watchdog_ms", c.watchdog_ms},
          {"spurious_wakeups", c.spurious_wakeups},
          {"record", c.record},
          {"events_per_thread", c.events_per_thread},
          {"params", params}};
}

}  // namespace locklab::cli
