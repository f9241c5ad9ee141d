// A Trace as Chrome trace-event JSON, which Perfetto's UI (ui.perfetto.dev)
// and trace processor, chrome://tracing and Chrome DevTools load, written as
// it is produced (TraceEventWriter): the document is never held in memory.
//
//   - one process ("locklab: <bug> / <variant>"), one track per shown lab
//     thread, named with thread_name metadata ("T3 saver-1");
//   - on each thread's track, complete events ("X"): its operations (cat
//     "op": Request, Load, ...) and inside them what was not running (cat
//     "state": waiting for a lock, blocked on a channel, I/O, compute,
//     sleep, with args site and object). They nest: a thread does one thing
//     at a time, and an operation contains its waits;
//   - lock holds as complete events (cat "lock"; arg contended: true when
//     someone waited for the lock meanwhile) on a track per thread, lock and
//     site, "T3 saver-1 holds Store.mu at store.cpp:30 (save)" (tids from
//     ChromeTraceWalk::kHoldTrackBase, sorted under their thread): holds of
//     different locks overlap without nesting, a thread's holds of one lock
//     nest, and one event per hold is half the bytes of an async pair;
//   - the verdict as a global instant ("I", "s":"g", cat "verdict") at its
//     moment, named with its summary, args kind, summary and detail (the
//     deadlock in words and the thread dump). "I", not "i": the format takes
//     both, DevTools only "I";
//   - the truth rules (ExportScope): nothing after a failed run's verdict
//     (the runner's teardown: cancelled waits, unwinding releases) is shown;
//     an operation, wait or hold still open at the verdict is shown up to it
//     with the arg "never_ended": true; where a thread's events were dropped
//     its open intervals end with "events_dropped_after": true, followed by
//     an "unknown (events dropped)" slice;
//   - wake arrows (flow "s"/"f", cat "wake"): from the release that let a
//     waiting thread take a lock to that acquire. Each end binds to a slice
//     of its own, cat "wake", at the same "ts" on the same thread ("release
//     L", args waiters; "acquired L", args woken_by, waited_us; at most 1 µs,
//     until the thread's next event), so catapult (an enclosing slice),
//     Perfetto and DevTools (a slice with the flow's ts and cat) all bind it.
//     Only before the verdict and while every thread's events are complete;
//   - counters ("C", cat "counter"): throughput (items/s) and every gauge;
//   - annotations as thread instants ("I", "s":"t", cat "annotation").
// Timestamps are microseconds since the run began (three decimals keep the
// ns). A time window clips what is written (args "clipped_by_window": true);
// a thread filter leaves the other threads' tracks out, and every arrow that
// touches one of them.
#pragma once

#include <string>

#include "chrome_trace_walk.h"
#include "export_scope.h"
#include "locklab/trace/trace.h"
#include "trace_event_writer.h"

namespace locklab::cli {

/// Writes every trace event of `trace` within `scope` to `out`, in one pass
/// over the events. Call out.finish(chrome_trace_metadata(...)) after.
ExportStats write_chrome_trace(const Trace& trace, const ExportScope& scope, TraceEventWriter& out);

/// The document's "metadata" object (JSON text): bug, variant, verdict,
/// verdict_summary, verdict_at_us, dropped_events, teardown_events_cut,
/// never_ended, wake_arrows, machine, window (from_us, to_us or null) and
/// threads (the labels shown).
std::string chrome_trace_metadata(const Trace& trace, const ExportScope& scope, const ExportStats& stats);

}  // namespace locklab::cli
