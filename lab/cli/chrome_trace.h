// A Trace as Chrome trace-event JSON, which Perfetto's UI (ui.perfetto.dev)
// and trace processor, and chrome://tracing, load.
//
//   - one process ("locklab: <bug> / <variant>"), one track per lab thread,
//     named with thread_name metadata;
//   - on each thread's track, complete events ("X"): its operations (Request,
//     Load, ...) and inside them what was not running (waiting for a lock,
//     blocked on a channel, I/O, compute, sleep). They nest properly: a
//     thread does one thing at a time, and an operation contains its waits;
//   - lock waits and holds on tracks of their own, as async events ("b"/"e",
//     category "lock"): holds of several locks overlap without nesting, which
//     complete events on one track cannot show;
//   - counters ("C"): throughput (items/s) and every gauge (live timers, ...);
//   - flow arrows ("s"/"f", category "wake"): from the thread whose release
//     ended a lock wait to the thread that then acquired the lock.
// Timestamps are microseconds since the run began (fractions keep the ns).
#pragma once

#include <nlohmann/json.hpp>

#include "locklab/trace/trace.h"

namespace locklab::cli {

nlohmann::json chrome_trace(const Trace& trace);

}  // namespace locklab::cli
