// A synthetic trace for tests and benchmarks: what a run of a small key-value
// store might record, made up by a simulation instead of real threads.
#pragma once

#include <cstddef>
#include <cstdint>

#include "locklab/trace/trace.h"

namespace locklab {

/// Worker threads run "get", "put" and "evict" operations against three locks
/// (the store's RWMutex, a cache mutex and a stats mutex), with some I/O
/// outside and under the locks, so there are lock waits, contended and
/// uncontended holds, I/O and compute intervals.
///
/// The trace holds exactly `events` events, sorted by (time, thread), plus
/// consistent counters: wait and blame rows, latency histograms per thread and
/// operation, progress samples every 10 ms, the sites and objects tables.
/// The same (events, threads, seed) always gives the same trace. With fewer
/// than 2 * threads events, fewer threads are used (each needs a start and an
/// end event).
Trace make_synthetic_trace(std::size_t events, std::uint32_t threads, std::uint64_t seed);

}  // namespace locklab
