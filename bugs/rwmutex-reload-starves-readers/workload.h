// rwmutex-reload-starves-readers: the workload every variant runs, and how
// a run is judged (oracle.cpp).
//
// Threads: one "reloader" pauses `pause_ms`, then reloads ("Reload", taking
// `reload_ms`), and again until the run ends; the other threads - 1 are
// readers ("reader-<i>") that get() a random one of 64 flags ("Get") and
// pause `gap_ms` (the next request arriving).
#pragma once

#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {

using MakeConfig = std::unique_ptr<Config> (*)(std::chrono::nanoseconds reload_time);

void run(RunContext& ctx, MakeConfig make);

/// Symptom: Get's p99 is at least kMinGetStall of one reload, or some get()
/// waited for a lock kLongGetWait of a reload or longer.
OracleVerdict oracle(const Trace& run);
/// Symptom: the buggy run's Get p99 is at least kMinGetRatio times the
/// fixed run's.
OracleVerdict compare(const Trace& buggy, const Trace& fixed);

inline constexpr double kMinGetStall = 0.5;
inline constexpr double kLongGetWait = 0.1;
inline constexpr double kMinGetRatio = 10.0;

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
