// Analyses over a Trace. Every consumer (CLI, reports, GUI, graders, tests)
// reads runs through these functions; none re-derives what they compute.
//
//   thread_timelines  per-thread state intervals and lock holds (from events;
//                     complete up to each thread's covered_until_ns)
//   throughput        work items per second over time (from exact samples)
//   latency           p50 / p99 / max per operation kind (from exact histograms)
//   contention        wait time by waiter site and object (Go's block profile;
//                     objects of one name, made per request, are one row)
//                     and by the holder's site (Go's mutex profile), exact;
//                     waits that never ended (the run was cancelled while
//                     they waited) count up to the verdict and are marked
//
// Each is a pure function of the trace, linear in its size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "locklab/trace/trace.h"

namespace locklab {

// ---- thread states -------------------------------------------------------

enum class Activity : std::uint8_t {
  kRunning = 0,
  kWaitLock = 1,    // waiting to acquire a lock (object, mode, site)
  kBlocked = 2,     // waiting on something else: channel, cond, select, join...
  kIo = 3,
  kCompute = 4,
  kSleeping = 5,
  kUnknown = 6,     // events dropped: the trace does not know
};
std::string_view to_string(Activity a) noexcept;

struct StateInterval {
  std::uint64_t begin_ns = 0, end_ns = 0;
  std::uint16_t thread = 0;
  Activity activity = Activity::kRunning;
  std::uint32_t object = 0;   // what it waits for (kWaitLock, kBlocked)
  std::uint32_t site = 0;     // where (trace site index)
  LockMode mode = LockMode::kNone;
};

struct HoldInterval {
  std::uint64_t begin_ns = 0, end_ns = 0;
  std::uint16_t thread = 0;
  std::uint32_t object = 0;
  std::uint32_t site = 0;     // where it was acquired
  LockMode mode = LockMode::kNone;
  bool contended = false;     // someone waited for this object while it was held
};

struct Timelines {
  // Both sorted by (thread, begin). Each thread's states tile its lifetime
  // from start to end without gaps or overlaps.
  std::vector<StateInterval> states;
  std::vector<HoldInterval> holds;
};
Timelines thread_timelines(const Trace& trace);

// ---- throughput ----------------------------------------------------------

struct Throughput {
  std::uint64_t bucket_ns = 0;
  std::vector<double> t_ns;            // bucket end times
  std::vector<double> items_per_sec;   // all threads, per bucket
  std::uint64_t total_items = 0;
  double overall_per_sec = 0;          // total_items / run duration
};
Throughput throughput(const Trace& trace);

// ---- latency -------------------------------------------------------------

struct LatencySummary {
  std::string op;
  std::uint64_t count = 0;
  std::uint64_t p50_ns = 0, p99_ns = 0, max_ns = 0;
  double mean_ns = 0;
};
/// One row per operation kind, all threads merged, in op_names order.
std::vector<LatencySummary> latency(const Trace& trace);

// ---- contention ----------------------------------------------------------

struct ContentionRow {
  std::uint32_t site = 0;
  std::uint32_t object = 0;
  LockMode mode = LockMode::kNone;
  std::uint64_t count = 0;
  std::uint64_t total_ns = 0;
  std::uint64_t max_ns = 0;
  double share = 0;           // of all wait time in this table
  std::uint64_t open = 0;     // of `count`: waits that never ended, counted up to the verdict
};

/// Contended waits (someone has what the waiter needs) and idle waits
/// (nothing to do yet: see WaitClass) are kept apart: a server whose workers
/// sit in a select on empty channels is idle, not contended, and mixing the
/// two makes a healthy program's profile look like a lock problem.
struct ContentionProfile {
  std::vector<ContentionRow> by_waiter;   // contended waits; sorted by total_ns, descending
  std::vector<ContentionRow> by_holder;   // sorted by total_ns, descending
  std::vector<ContentionRow> idle;        // idle waits; sorted by total_ns, descending
  std::uint64_t total_wait_ns = 0;        // contended waits only, the open ones up to the verdict
  std::uint64_t total_idle_ns = 0;
  std::uint64_t open_waits = 0;           // contended waits that never ended (a deadlock's)
  std::uint64_t open_wait_ns = 0;         // their time, within total_wait_ns
  std::uint64_t open_idle = 0;            // idle waits that never ended
  std::uint64_t thread_time_ns = 0;       // sum of lab threads' lifetimes
};
ContentionProfile contention(const Trace& trace);

}  // namespace locklab
