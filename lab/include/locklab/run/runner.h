// The runner: runs one variant of one bug (or any workload) on lab threads,
// under a watchdog, and returns the Trace.
//
// A run:
//   1. resets the runtime (threads, objects), starts recording;
//   2. starts the workload on a lab thread "main";
//   3. samples every thread's progress every `sample_ms`;
//   4. after `duration_ms` asks the workload to stop (RunContext::running());
//   5. ends early when a primitive raises a failure (self-deadlock, panic),
//      when the workload throws, or when nothing progresses for
//      `watchdog_ms` while every live lab thread is parked in a lab wait
//      (kDeadlock), or for twice that while some thread is not parked
//      (kNoProgress), taking a thread dump at that moment;
//   6. cancels every remaining wait, joins every thread, builds the Trace.
// It never hangs on a workload that blocks only in lab primitives.
//
// While it runs, the monitor also
//   - looks for wait cycles (wait_graph.h) whenever two or more threads wait:
//     a cycle seen on two consecutive samples with the same waits ends the
//     run at once as kDeadlock, explained in words, without waiting for the
//     watchdog bound (so within about 2 * sample_ms of the cycle closing);
//   - takes a thread dump at each `dump_at_ms` and whenever request_dump()
//     was called (the CLI calls it on SIGQUIT), saves it in Trace::dumps and
//     hands it to `on_dump`.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/core/runtime.h"
#include "locklab/trace/run_observer.h"
#include "locklab/trace/trace.h"

namespace locklab {

struct RunConfig {
  std::uint32_t threads = 0;          // 0: the bug's default
  std::uint64_t duration_ms = 0;      // 0: the bug's default
  std::map<std::string, std::string> params;  // as typed: "io_ms" -> "20"
  std::uint64_t seed = 1;
  double spurious_wakeups = 0;        // probability a Cond::wait returns unsignalled
  /// Chaos mode (sched/point.h): real threads, randomly yielding and
  /// sleeping a few microseconds at scheduling points, from `seed`.
  bool chaos = false;
  std::uint64_t watchdog_ms = 2000;   // no progress this long ends the run
  bool record = true;
  std::size_t events_per_thread = kDefaultEventsPerThread;  // runtime.h
  std::uint32_t sample_ms = 10;       // throughput sampling period
  std::vector<std::uint64_t> dump_at_ms;  // take a thread dump at these run times
  /// Called on the monitor thread with each dump as it is taken.
  std::function<void(const DumpRecord&)> on_dump;
  /// Told when the run starts and ends (not owned; may be null).
  RunObserver* observer = nullptr;
};

/// Asks the active run (if any) for a thread dump at its next sample.
/// Async-signal-safe: a signal handler may call it.
void request_dump() noexcept;

/// A bad parameter, thread count, duration or variant; the message says
/// what was wrong and what is allowed.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Checks `config` against `bug` and returns every parameter's value
/// (defaults filled in). Throws ConfigError.
std::map<std::string, double> resolve_params(const BugInfo& bug, const RunConfig& config);

/// Runs `variant` of `bug`. Throws ConfigError for a bad configuration.
Trace run_bug(const BugInfo& bug, const std::string& variant, const RunConfig& config);

/// Runs any workload (tests, exercises): `threads` and `duration_ms` must be
/// set; params are taken as numbers.
Trace run_workload(const std::string& name, const std::function<void(RunContext&)>& workload,
                   const RunConfig& config);

/// Limits the CLI and runner enforce.
inline constexpr std::uint32_t kMaxThreads = 256;
inline constexpr std::uint64_t kMaxDurationMs = 600'000;

}  // namespace locklab
