// Trace: everything one run produced, as plain data. The CLI, reports, GUI,
// graders and tests all read runs through this type and the analyses over it.
//
// A trace holds two kinds of data:
//   - events: the time-ordered record of what each thread did, bounded by a
//     per-thread budget. When a thread's buffer filled, its later events were
//     dropped; `threads[i].dropped` counts them and `covered_until_ns` says up
//     to when its events are complete. Every consumer shows the count.
//   - counters: exact figures kept alongside the events and never dropped:
//     wait totals by site (contention profile), holder blame by site, latency
//     histograms per operation, work items sampled over time (throughput).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "locklab/core/event.h"
#include "locklab/core/histogram.h"
#include "locklab/core/objects.h"
#include "locklab/core/site.h"
#include "locklab/trace/verdict.h"

namespace locklab {

/// The newest .lltrace format version this build reads (trace_file.h).
inline constexpr std::uint32_t kTraceFormatVersion = 2;

struct TraceThread {
  std::uint16_t id = 0;
  std::string name;
  bool lab_thread = true;        // false: a thread adopted on first use
  std::uint64_t start_ns = 0, end_ns = 0;
  std::uint64_t events = 0;      // recorded (kept) events
  std::uint64_t dropped = 0;     // events lost to a full buffer
  std::uint64_t emitted = 0;     // events the thread emitted, counted apart: = events + dropped
  std::uint64_t covered_until_ns = 0;  // events complete up to here (= end_ns if none dropped)
  std::uint64_t items = 0;       // work items finished
};

/// One row of exact wait counters: `thread` waited `count` times for `object`
/// in `mode` at `site`, `total_ns` in all. For holder rows ("blame"), `site`
/// is where the holder took the lock and the times are what it made others
/// wait.
struct CounterRow {
  std::uint16_t thread = 0;
  std::uint32_t site = 0;       // index into Trace::sites
  std::uint32_t object = 0;
  LockMode mode = LockMode::kNone;
  std::uint64_t count = 0;
  std::uint64_t total_ns = 0;
  std::uint64_t max_ns = 0;
  WaitClass wait_class = WaitClass::kContended;  // waits only; holder rows are contended
  std::uint64_t open = 0;       // of `count`: waits that never ended (cut by the verdict; waits only)
  std::uint64_t open_ns = 0;    // of `total_ns`: their time, up to the verdict
};

struct LatencyRecord {
  std::uint16_t thread = 0;
  std::uint32_t op = 0;         // index into Trace::op_names
  Histogram histogram;          // nanoseconds
};

/// Cumulative work items per thread, and every gauge's value, at one moment
/// (sampled by the runner every RunConfig::sample_ms).
struct ProgressSample {
  std::uint64_t t_ns = 0;
  std::vector<std::uint64_t> items;  // indexed like Trace::threads
  std::vector<std::int64_t> gauges;  // indexed like Trace::gauge_names
};

/// An edge of the lock-order graph: some thread acquired `taken` while it
/// held `held` (sites are indices into Trace::sites: where each was taken).
struct LockOrderEdge {
  std::uint32_t held = 0, taken = 0;
  LockMode held_mode = LockMode::kNone, taken_mode = LockMode::kNone;
  std::uint32_t held_site = 0, taken_site = 0;  // as first seen
  std::vector<std::uint16_t> threads;           // every thread that took them in this order
};

/// A lockset violation found by a Guarded<T> (see guarded.h): two accesses
/// by different threads with no lock in common. Sites index Trace::sites.
struct LocksetAccess {
  std::uint16_t thread = 0;
  std::uint32_t site = 0;
  bool write = false;
  std::vector<std::uint32_t> locks;  // object ids held at the access
};
struct LocksetViolation {
  std::uint32_t object = 0;  // the Guarded data
  LocksetAccess first, second;
};

/// A thread dump taken during a run (on demand, at a set time, on SIGQUIT).
struct DumpRecord {
  std::uint64_t at_ns = 0;
  std::string reason;                  // "SIGQUIT", "at 500 ms", ...
  std::vector<ThreadSnapshot> threads;
};

struct RunInfo {
  std::string bug;
  std::string variant;
  std::map<std::string, std::string> params;  // every parameter, defaults included
  std::uint32_t threads = 0;
  std::uint64_t duration_ms = 0;
  std::uint64_t seed = 0;
  bool recording = true;
  std::string started_at;       // ISO 8601, UTC
  std::string machine;          // "hostname, N cores, CPU model"
  double ns_per_tick = 1.0;
};

struct Trace {
  RunInfo info;
  Verdict verdict;
  std::uint64_t duration_ns = 0;          // wall time of the run
  std::vector<TraceThread> threads;
  std::vector<ObjectInfo> objects;
  std::vector<SiteInfo> sites;            // sites[0] is "unknown"
  std::vector<std::string> op_names;
  std::vector<std::string> gauge_names;   // "live timers", ... (Runtime::gauge)
  std::vector<std::string> annotations;
  std::vector<Event> events;              // sorted by (time, thread)

  std::vector<CounterRow> waits;          // block profile counters
  std::vector<CounterRow> blame;          // holder (mutex profile) counters
  std::vector<LatencyRecord> latencies;
  std::vector<ProgressSample> progress;
  std::vector<LockOrderEdge> lock_order;  // sorted by (held, taken)
  std::vector<LocksetViolation> lockset;
  std::vector<DumpRecord> dumps;          // the verdict's own dump is Verdict::threads

  std::uint64_t dropped_events() const noexcept;
  std::uint64_t total_items() const noexcept;
  const ObjectInfo* object(std::uint32_t id) const noexcept;
  const TraceThread* thread(std::uint16_t id) const noexcept;
  /// "file.cpp:12 (function)" for a site index.
  std::string site_text(std::uint32_t site) const;
  std::string object_text(std::uint32_t id) const;
};

}  // namespace locklab
